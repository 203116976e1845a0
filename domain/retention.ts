// Retention and deletion (README "Retention and deletion"): which objects a purge removes, worked
// out from the ledger alone. Pure: activities/purge.ts reads the store and hands the records in.
//
// The rules:
// - A request's own objects go: its published picture (images/<id>.png) and its watermarked staging
//   copy (staging/watermarked/<id>.png). Its ledger records stay with their cost figures; any prompt
//   text in them is removed and `purgedAt` added, so `cubcanvas cost` reports the same figures.
// - A cache entry (cache/<key>.json + .png, and staging/render/<key>/ leftovers) goes when no
//   request that is left uses it: every ledger record naming that cache key is purged or being
//   purged now. The ledger records cacheKey for every request that rendered or hit the cache, so it
//   knows every user; a key no ledger record names (a request still running) is never touched.
// - --older-than also removes batch reports (reports/<batchId>/, which hold the manifest's prompts)
//   whose newest object is older than the cutoff; --request never touches a batch report.
import { cacheEntryKey, cacheImageKey, PREFIX, publishedImageKey, stagingWatermarkedKey } from './storage-layout';

/** What a purge reads of a ledger record (activities/finish.ts writes them), plus where it lies. */
export interface LedgerRecordView {
  key: string;
  requestId: string;
  /** '' for a rejected prompt: it never reached the cache. */
  cacheKey: string;
  /** When the record was written (ISO): the request's age for --older-than. */
  recordedAt: string;
  purgedAt?: string;
}

export type PurgeSelector = { requestId: string } | { olderThanMs: number };

export interface PurgePlan {
  /** The requests being purged now (already purged ones are left out: a purge is idempotent). */
  requestIds: string[];
  /** Requests asked for by id that have no ledger record (unknown ids). */
  unknownRequestIds: string[];
  /** Objects to delete; deleting a missing one is no error, so a re-run after a crash is safe. */
  deleteKeys: string[];
  /** Prefixes whose every object goes (staging/render/<key>/, reports/<batchId>/). */
  deletePrefixes: string[];
  /** Cache keys whose entry goes because no request left uses it. */
  cacheKeys: string[];
  /** Batch ids whose report goes (--older-than only). */
  batchIds: string[];
  /** Ledger records to scrub and mark, last: a marked record means everything of it is gone. */
  ledgerKeys: string[];
}

/** What the purge's planner knows of one batch's report folder. */
export interface BatchReportView {
  batchId: string;
  /** The newest object's modification time (ISO). */
  newest: string;
}

/** Ledger fields that may hold prompt text; removed by a purge, whatever wrote them. */
export const PROMPT_FIELDS = ['prompt', 'finalPrompt', 'negativePrompt', 'normalizedPrompt'] as const;

export class InvalidDurationError extends Error {
  readonly type = 'InvalidDuration';
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** "30d", "12h", "90m", "2w" → milliseconds; anything else is refused with what is wrong. */
export function parseRetentionDuration(raw: string): number {
  const match = /^(\d{1,6})([mhdw])$/.exec(raw.trim());
  if (!match) throw new InvalidDurationError(`--older-than must be a whole number with a unit m, h, d or w (e.g. 30d, 12h), got "${raw}"`);
  const ms = Number(match[1]) * UNIT_MS[match[2]!]!;
  if (ms <= 0) throw new InvalidDurationError(`--older-than must be more than zero, got "${raw}"`);
  return ms;
}

/** Every request id of a selector; the ledger may hold several runs of one id (<id>.run-2.json). */
function selectRequests(records: readonly LedgerRecordView[], selector: PurgeSelector, now: Date): Set<string> {
  if ('requestId' in selector) return new Set(records.some((r) => r.requestId === selector.requestId) ? [selector.requestId] : []);
  const cutoff = now.getTime() - selector.olderThanMs;
  // A request is as old as its newest run: a re-run last week keeps an id started a year ago.
  const newest = new Map<string, number>();
  for (const r of records) newest.set(r.requestId, Math.max(newest.get(r.requestId) ?? 0, Date.parse(r.recordedAt)));
  return new Set([...newest].filter(([, t]) => t < cutoff).map(([id]) => id));
}

export function planPurge(records: readonly LedgerRecordView[], selector: PurgeSelector, now: Date, batches: readonly BatchReportView[] = []): PurgePlan {
  const selected = selectRequests(records, selector, now);
  const unknownRequestIds = 'requestId' in selector && selected.size === 0 ? [selector.requestId] : [];
  const pending = records.filter((r) => selected.has(r.requestId) && !r.purgedAt);
  const requestIds = [...new Set(pending.map((r) => r.requestId))].sort();
  // A cache key stays while a record outside this purge that is not purged yet names it.
  const stillUsed = new Set(records.filter((r) => !selected.has(r.requestId) && !r.purgedAt && r.cacheKey).map((r) => r.cacheKey));
  const cacheKeys = [...new Set(pending.map((r) => r.cacheKey).filter((k) => k && !stillUsed.has(k)))].sort();
  const cutoff = 'olderThanMs' in selector ? now.getTime() - selector.olderThanMs : undefined;
  const batchIds = cutoff === undefined ? [] : batches.filter((b) => Date.parse(b.newest) < cutoff).map((b) => b.batchId);
  return {
    requestIds,
    unknownRequestIds,
    deleteKeys: [
      ...requestIds.flatMap((id) => [publishedImageKey(id), stagingWatermarkedKey(id)]),
      ...cacheKeys.flatMap((k) => [cacheEntryKey(k), cacheImageKey(k)]),
    ],
    deletePrefixes: [...cacheKeys.map((k) => `${PREFIX.staging}render/${k}/`), ...batchIds.map((id) => `${PREFIX.reports}${id}/`)],
    cacheKeys,
    batchIds,
    ledgerKeys: pending.map((r) => r.key).sort(),
  };
}

/** Entries a report lists per kind at most: it travels through workflow history (2 MB a payload). */
export const REPORT_LIST_LIMIT = 1000;

/** What a purge did (or would do): the plan's lists, each cut at REPORT_LIST_LIMIT, and the totals. */
export interface PurgeReport extends PurgePlan {
  dryRun: boolean;
  /** Objects that were there and are deleted now (0 on a dry run or a repeated purge). */
  deletedObjects: number;
  /** Ledger records scrubbed and marked now. */
  markedRecords: number;
  /** The lists' full lengths; a list is shorter when `truncated` says so. */
  totals: { requests: number; objects: number; prefixes: number; cacheKeys: number; batches: number; ledgerRecords: number };
  truncated: boolean;
}

export function reportOf(plan: PurgePlan, done: { dryRun: boolean; deletedObjects: number; markedRecords: number }): PurgeReport {
  const cut = <T>(list: T[]) => list.slice(0, REPORT_LIST_LIMIT);
  const lists = [plan.requestIds, plan.deleteKeys, plan.deletePrefixes, plan.cacheKeys, plan.batchIds, plan.ledgerKeys];
  return {
    requestIds: cut(plan.requestIds),
    unknownRequestIds: plan.unknownRequestIds,
    deleteKeys: cut(plan.deleteKeys),
    deletePrefixes: cut(plan.deletePrefixes),
    cacheKeys: cut(plan.cacheKeys),
    batchIds: cut(plan.batchIds),
    ledgerKeys: cut(plan.ledgerKeys),
    ...done,
    totals: {
      requests: plan.requestIds.length,
      objects: plan.deleteKeys.length,
      prefixes: plan.deletePrefixes.length,
      cacheKeys: plan.cacheKeys.length,
      batches: plan.batchIds.length,
      ledgerRecords: plan.ledgerKeys.length,
    },
    truncated: lists.some((l) => l.length > REPORT_LIST_LIMIT),
  };
}

/** A ledger record with its prompt text removed and the purge's time added; cost figures untouched. */
export function scrubLedgerRecord(record: Record<string, unknown>, purgedAt: string): Record<string, unknown> {
  if (typeof record.purgedAt === 'string') return record;
  const kept = Object.fromEntries(Object.entries(record).filter(([field]) => !(PROMPT_FIELDS as readonly string[]).includes(field)));
  return { ...kept, purgedAt };
}
