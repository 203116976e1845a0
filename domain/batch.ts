// A batch: a manifest of prompts made into pictures together, its cache misses rendered in groups
// of N per GPU run. The payloads the batch workflow, its activities, the CLI and the report share.
import type { ImageRequest } from './request';

/** Items a batch run works on before it continues as new (keeps each run's history small). */
export const BATCH_WINDOW = 200;
export const DEFAULT_GROUP_SIZE = 10;
export const DEFAULT_MAX_CONCURRENT_JOBS = 2;
export const BATCH_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,59}$/;

export interface BatchInput {
  /** Default (a scheduled run): derived from the run's workflow id, which the Schedule makes unique. */
  batchId?: string;
  /** Blob-store key of the manifest (CSV or JSON)... */
  manifestKey?: string;
  /** ...or a prefix: the newest manifest under it (a team drops each day's file there). */
  manifestPrefix?: string;
  /** Cache misses rendered per GPU run (one Job, one model load). */
  groupSize: number;
  /** GPU runs at once. */
  maxConcurrentJobs: number;
  /** Who started it (the HTTP API's token name): each item's ledger entry is charged to it. */
  caller?: string;
}

/** What a batch run hands to the next one when it continues as new. */
export interface BatchState extends BatchInput {
  batchId: string;
  manifestKey: string;
  total: number;
  /** The next item to start. */
  offset: number;
  counts: BatchCounts;
}

export interface BatchCounts {
  done: number;
  completed: number;
  cacheHits: number;
  rejected: number;
  failed: number;
  cancelled: number;
  gpuSeconds: number;
  cost: number;
}

export const emptyCounts = (): BatchCounts => ({ done: 0, completed: 0, cacheHits: 0, rejected: 0, failed: 0, cancelled: 0, gpuSeconds: 0, cost: 0 });

/** One manifest item as a batch run starts it. */
export interface BatchWorkItem {
  id: string;
  request: ImageRequest;
}

/** How one item ended: a row of the report. */
export interface BatchItemResult {
  id: string;
  requestId: string;
  prompt: string;
  outcome: 'completed' | 'rejected' | 'failed' | 'cancelled';
  /** Why it was rejected or failed ("" when completed). */
  reason: string;
  /** The published picture's key ("" without one). */
  imageKey: string;
  cacheHit: boolean;
  gpuSeconds: number;
  cost: number;
  currency: string;
}

export interface BatchReportFiles {
  json: string;
  csv: string;
  contactSheets: string[];
}

export interface BatchResult {
  batchId: string;
  total: number;
  counts: BatchCounts;
  currency: string;
  /** Keys in the blob store; the client adds URLs when it reads the result. */
  report: BatchReportFiles;
}

export interface BatchProgress {
  batchId: string;
  total: number;
  started: number;
  counts: BatchCounts;
  /** GPU runs going on now, and pictures waiting for one. */
  runningJobs: number;
  waitingRenders: number;
}

/** The request id of a batch item: the batch's id and the item's, so both are searchable. */
export const batchRequestId = (batchId: string, itemId: string) => `${batchId}.${itemId}`;
export const batchWorkflowId = (batchId: string) => `batch-${batchId}`;

/**
 * The batch id of a run a Schedule started: its workflow id is the action's id plus the scheduled
 * time ("batch-daily-books-2026-11-26T00:00:00Z"), unique per run.
 */
export function batchIdFromWorkflowId(workflowId: string): string {
  const id = workflowId.replace(/^batch-/, '').replace(/[^A-Za-z0-9_-]/g, '');
  return id.length <= 60 ? id : `${id.slice(0, 40)}-${id.slice(-19)}`;
}

export const batchKeys = (batchId: string) => ({
  items: `reports/${batchId}/work/items.json`,
  results: (window: number) => `reports/${batchId}/work/results-${String(window).padStart(5, '0')}.json`,
  resultsPrefix: `reports/${batchId}/work/results-`,
  json: `reports/${batchId}/report.json`,
  csv: `reports/${batchId}/report.csv`,
  contactSheet: (page: number) => `reports/${batchId}/contact-sheet${page === 0 ? '' : `-${page + 1}`}.png`,
});

export function addCounts(a: BatchCounts, r: BatchItemResult): BatchCounts {
  return {
    done: a.done + 1,
    completed: a.completed + (r.outcome === 'completed' ? 1 : 0),
    cacheHits: a.cacheHits + (r.cacheHit ? 1 : 0),
    rejected: a.rejected + (r.outcome === 'rejected' ? 1 : 0),
    failed: a.failed + (r.outcome === 'failed' ? 1 : 0),
    cancelled: a.cancelled + (r.outcome === 'cancelled' ? 1 : 0),
    gpuSeconds: Math.round((a.gpuSeconds + r.gpuSeconds) * 1000) / 1000,
    cost: Math.round((a.cost + r.cost) * 1e6) / 1e6,
  };
}
