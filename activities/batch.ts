// A batch's storage-side steps: the manifest read and checked once (every problem before anything
// starts), its items handed out a window at a time, each window's results kept, and the report
// (JSON, CSV, contact sheets) written from them at the end. Large lists live in the blob store,
// never in workflow history.
import { Context } from '@temporalio/activity';
import { stringify } from 'csv-stringify/sync';
import { parseManifestBytes } from '../domain/batch-manifest';
import { batchKeys, batchRequestId, type BatchItemResult, type BatchReportFiles, type BatchWorkItem } from '../domain/batch';
import { InvalidRequestError } from '../domain/errors';
import { REQUEST_ID_PATTERN } from '../domain/request';
import { contactSheet } from '../imaging/contact-sheet';
import { z } from 'zod';
import { batchItemResultsSchema, parseJsonPayload } from '../domain/payload-schemas';
import { imageRequestSchema } from '../domain/request-schema';
import type { ActivityDeps } from './deps';

/** batches/<id>/items.json as startBatch wrote it; each request checked again as the API checks one. */
const batchWorkItemsSchema = z.array(z.object({ id: z.string(), request: imageRequestSchema }));

/** Pictures per contact sheet: a readable page. */
export const SHEET_PAGE = 100;
export const REPORT_COLUMNS = ['id', 'prompt', 'outcome', 'reason', 'image', 'gpu_seconds', 'cost', 'currency', 'cache_hit'] as const;

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

export function batchActivities(deps: ActivityDeps) {
  return {
    /** Reads and checks the manifest, keeps its items for the windows; returns how many there are. */
    async prepareBatch({
      batchId,
      manifestKey,
      manifestPrefix,
    }: {
      batchId: string;
      manifestKey?: string;
      manifestPrefix?: string;
    }): Promise<{ total: number; manifestKey: string }> {
      const key = manifestKey ?? (await newestManifest(deps, manifestPrefix!));
      const items = parseManifestBytes(await deps.store.get(key), key);
      const tooLong = items.filter((i) => !REQUEST_ID_PATTERN.test(batchRequestId(batchId, i.id)));
      if (tooLong.length)
        throw new InvalidRequestError(
          tooLong
            .slice(0, 10)
            .map((i) => `${i.where}: id "${i.id}" makes the request id "${batchRequestId(batchId, i.id)}" longer than 128 characters; use shorter ids`),
        );
      const work: BatchWorkItem[] = items.map((i) => ({ id: i.id, request: { ...i.request, requestId: batchRequestId(batchId, i.id) } }));
      await deps.store.put(batchKeys(batchId).items, json(work), { contentType: 'application/json' });
      return { total: work.length, manifestKey: key };
    },

    async readBatchItems({ batchId, offset, limit }: { batchId: string; offset: number; limit: number }): Promise<BatchWorkItem[]> {
      const all: BatchWorkItem[] = parseJsonPayload(
        batchWorkItemsSchema,
        await deps.store.get(batchKeys(batchId).items),
        `batch work items ${batchKeys(batchId).items}`,
      );
      return all.slice(offset, offset + limit);
    },

    async recordBatchResults({ batchId, window, results }: { batchId: string; window: number; results: BatchItemResult[] }): Promise<void> {
      await deps.store.put(batchKeys(batchId).results(window), json(results), { contentType: 'application/json' });
    },

    /** report.json, report.csv (one row per item) and the contact sheet(s), from every window's results. */
    async writeBatchReport({ batchId, summary }: { batchId: string; summary: Record<string, unknown> }): Promise<BatchReportFiles> {
      const keys = batchKeys(batchId);
      const ctx = Context.current();
      const windows = (await deps.store.list(keys.resultsPrefix)).map((b) => b.key).sort();
      const results: BatchItemResult[] = [];
      for (const key of windows) results.push(...parseJsonPayload(batchItemResultsSchema, await deps.store.get(key), `batch results ${key}`));
      await deps.store.put(keys.json, Buffer.from(JSON.stringify({ ...summary, items: results }, null, 2)), { contentType: 'application/json' });
      const rows = results.map((r) => [r.id, r.prompt, r.outcome, r.reason, r.imageKey, r.gpuSeconds, r.cost, r.currency, String(r.cacheHit)]);
      await deps.store.put(keys.csv, Buffer.from(stringify([[...REPORT_COLUMNS], ...rows])), { contentType: 'text/csv; charset=utf-8' });
      const contactSheets: string[] = [];
      for (let page = 0; page * SHEET_PAGE < Math.max(1, results.length); page++) {
        ctx.heartbeat({ page });
        const slice = results.slice(page * SHEET_PAGE, (page + 1) * SHEET_PAGE);
        const items = await Promise.all(
          slice.map(async (r) => ({ id: r.id, outcome: r.outcome, image: r.imageKey ? await deps.store.get(r.imageKey).catch(() => undefined) : undefined })),
        );
        const key = keys.contactSheet(page);
        await deps.store.put(key, await contactSheet(items), { contentType: 'image/png' });
        contactSheets.push(key);
      }
      return { json: keys.json, csv: keys.csv, contactSheets };
    },
  };
}

/** The most recently written .csv or .json under a prefix: the day's manifest of a scheduled batch. */
async function newestManifest(deps: ActivityDeps, prefix: string): Promise<string> {
  const candidates = (await deps.store.list(prefix)).filter((b) => /\.(csv|json)$/i.test(b.key));
  if (!candidates.length) throw new InvalidRequestError([`no manifest (.csv or .json) under "${prefix}" in ${deps.store.description}`]);
  return candidates.reduce((a, b) => (b.modified > a.modified || (b.modified.getTime() === a.modified.getTime() && b.key > a.key) ? b : a)).key;
}
