// The last three steps of a request: watermark, publish, record cost.
import { costOfAttempts, zeroCost } from '../domain/cost';
import { BlobNotFoundError } from '../domain/errors';
import type { CostSummary, RenderAttempt } from '../domain/pipeline';
import { ledgerEntryKey, publishedImageKey, stagingWatermarkedKey } from '../domain/storage-layout';
import { applyWatermark, type Provenance } from '../imaging/watermark';
import type { ActivityDeps } from './deps';

export interface CostInput {
  requestId: string;
  workflowId: string;
  cacheKey: string;
  day: string;
  /** false when the picture came from the cache or from another request's render. */
  charged: boolean;
  cacheHit: boolean;
  sharedWith: string | null;
  /** cancelled: a render stopped because every request waiting for it left, charged to the last one. */
  outcome: 'completed' | 'failed' | 'cancelled';
  attempts: RenderAttempt[];
}

export interface LedgerEntry extends CostInput {
  cost: CostSummary;
  recordedAt: string;
}

export function finishActivities(deps: ActivityDeps) {
  const now = deps.now ?? (() => new Date());
  return {
    async watermarkImage(input: { sourceKey: string; provenance: Provenance }): Promise<string> {
      const marked = await applyWatermark(await deps.store.get(input.sourceKey), deps.watermark, input.provenance);
      const key = stagingWatermarkedKey(input.provenance.requestId);
      await deps.store.put(key, marked, { contentType: 'image/png', metadata: { 'request-id': input.provenance.requestId } });
      return key;
    },

    /** Idempotent: a retry rewrites the same key with the same bytes; staging goes only once published exists. */
    async publishImage(input: { stagingKey: string; requestId: string }): Promise<{ imageKey: string; imageUrl: string }> {
      const imageKey = publishedImageKey(input.requestId);
      try {
        const body = await deps.store.get(input.stagingKey);
        await deps.store.put(imageKey, body, { contentType: 'image/png', metadata: { 'request-id': input.requestId } });
      } catch (err) {
        // A retry after the staging copy was already cleaned up: the published copy is there.
        if (!(err instanceof BlobNotFoundError && (await deps.store.head(imageKey)))) throw err;
      }
      if (await deps.store.head(imageKey)) await deps.store.delete(input.stagingKey);
      return { imageKey, imageUrl: await deps.store.locate(imageKey) };
    },

    async recordCost(input: CostInput): Promise<CostSummary> {
      const cost = input.charged ? costOfAttempts(input.attempts, deps.prices, deps.currency) : zeroCost(deps.currency);
      const entry: LedgerEntry = { ...input, cost, recordedAt: now().toISOString() };
      await deps.store.put(ledgerEntryKey(input.day, input.requestId), Buffer.from(JSON.stringify(entry, null, 2)), { contentType: 'application/json' });
      return cost;
    },
  };
}
