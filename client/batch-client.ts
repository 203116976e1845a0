// Batches for product services and the CLI: hand in a manifest, follow its progress, read its
// result with the report's locations (file paths, or presigned URLs minted at read time).
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { parseManifestBytes } from '../domain/batch-manifest';
import {
  BATCH_ID_PATTERN,
  batchWorkflowId,
  DEFAULT_GROUP_SIZE,
  DEFAULT_MAX_CONCURRENT_JOBS,
  type BatchInput,
  type BatchProgress,
  type BatchResult,
} from '../domain/batch';
import { InvalidRequestError } from '../domain/errors';
import type { BlobStore } from '../storage/blob-store';
import { batchProgressQuery } from '../workflows/definitions';
import type { dailyBatch } from '../workflows/daily-batch';

export interface StartBatchOptions {
  /** Default: the day and a random suffix, e.g. 2026-11-26-3f9a1c. */
  batchId?: string;
  groupSize?: number;
  maxConcurrentJobs?: number;
  /** Names the manifest in the store and in messages. */
  fileName?: string;
  /** Who starts it: every item's GPU time is charged to it in the ledger (cost --by caller). */
  caller?: string;
}

export interface BatchReportLocations {
  json: string;
  csv: string;
  contactSheets: string[];
}

export class BatchClient {
  constructor(
    private readonly temporal: Client,
    private readonly taskQueue: string,
    private readonly store: BlobStore,
  ) {}

  /**
   * Checks the manifest here first (every problem at once, nothing started), stores it, and starts
   * the batch. The workflow checks it again from the store: a schedule hands it only a key.
   */
  async start(manifest: Buffer, opts: StartBatchOptions = {}): Promise<{ batchId: string; total: number }> {
    const fileName = opts.fileName ?? 'manifest.csv';
    const items = parseManifestBytes(manifest, fileName);
    const batchId = opts.batchId ?? `${new Date().toISOString().slice(0, 10)}-${randomUUID().slice(0, 6)}`;
    if (!BATCH_ID_PATTERN.test(batchId))
      throw new InvalidRequestError([`batch id "${batchId}" must be 1..60 letters, digits, "_" or "-", starting with a letter or digit`]);
    const manifestKey = `manifests/${batchId}/${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}`;
    await this.store.put(manifestKey, manifest, { contentType: fileName.endsWith('.json') ? 'application/json' : 'text/csv' });
    const input: BatchInput = {
      batchId,
      manifestKey,
      groupSize: opts.groupSize ?? DEFAULT_GROUP_SIZE,
      maxConcurrentJobs: opts.maxConcurrentJobs ?? DEFAULT_MAX_CONCURRENT_JOBS,
      ...(opts.caller ? { caller: opts.caller } : {}),
    };
    await this.temporal.workflow.start<typeof dailyBatch>('dailyBatch', {
      workflowId: batchWorkflowId(batchId),
      taskQueue: this.taskQueue,
      args: [input],
      staticSummary: `batch ${batchId}: ${items.length} pictures from ${fileName}`,
    });
    return { batchId, total: items.length };
  }

  progress(batchId: string): Promise<BatchProgress> {
    return this.temporal.workflow.getHandle(batchWorkflowId(batchId)).query(batchProgressQuery);
  }

  /** Waits for the batch; the report's files located for reading now. */
  async result(batchId: string): Promise<BatchResult & { reportLocations: BatchReportLocations }> {
    const result = await this.temporal.workflow.getHandle<typeof dailyBatch>(batchWorkflowId(batchId)).result();
    const locate = (key: string) => this.store.locate(key);
    return {
      ...result,
      reportLocations: {
        json: await locate(result.report.json),
        csv: await locate(result.report.csv),
        contactSheets: await Promise.all(result.report.contactSheets.map(locate)),
      },
    };
  }
}
