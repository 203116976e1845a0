// The last three steps of a request: watermark, publish, record cost.
import { costOfAttempts, zeroCost } from '../domain/cost';
import { BlobNotFoundError, PayloadInvalidError } from '../domain/errors';
import { parseJsonPayload, storedObjectSchema } from '../domain/payload-schemas';
import type { CostSummary, RenderAttempt } from '../domain/pipeline';
import { ledgerEntryKey, publishedImageKey, stagingWatermarkedKey } from '../domain/storage-layout';
import { signPicture } from '../imaging/content-credentials/manifest';
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
  /** Who asked (an HTTP API token's name), when the request came through the API. */
  caller?: string;
  /** cancelled: a render stopped because every request waiting for it left, charged to the last one. */
  outcome: 'completed' | 'failed' | 'cancelled' | 'rejected';
  attempts: RenderAttempt[];
}

export interface LedgerEntry extends CostInput {
  cost: CostSummary;
  recordedAt: string;
}

export function finishActivities(deps: ActivityDeps) {
  const now = deps.now ?? (() => new Date());
  return {
    /** `prompt` reaches the manifest only when CUBCANVAS_C2PA_INCLUDE_PROMPT is on. */
    async watermarkImage(input: { sourceKey: string; provenance: Provenance; prompt?: string }): Promise<string> {
      const marked = await applyWatermark(await deps.store.get(input.sourceKey), deps.watermark, input.provenance);
      // The content credentials are the last write: their hash binding covers every byte before them.
      const prompt = deps.promptInCredentials ? input.prompt : undefined;
      const signed = await signPicture(marked, deps.signer, { provenance: input.provenance, watermarkText: deps.watermark.text, prompt });
      const key = stagingWatermarkedKey(input.provenance.requestId);
      await deps.store.put(key, signed, { contentType: 'image/png', metadata: { 'request-id': input.provenance.requestId } });
      return key;
    },

    /**
     * Idempotent: a retry rewrites the same key with the same bytes; staging goes only once published exists.
     * Returns the key, not a URL: the result lands in workflow history, where a presigned URL would
     * outlive its expiry and expose the signer's access-key id; the client mints one on reading.
     */
    async publishImage(input: { stagingKey: string; requestId: string }): Promise<{ imageKey: string }> {
      const imageKey = publishedImageKey(input.requestId);
      try {
        const body = await deps.store.get(input.stagingKey);
        await deps.store.put(imageKey, body, { contentType: 'image/png', metadata: { 'request-id': input.requestId } });
      } catch (err) {
        // A retry after the staging copy was already cleaned up: the published copy is there.
        if (!(err instanceof BlobNotFoundError && (await deps.store.head(imageKey)))) throw err;
      }
      if (await deps.store.head(imageKey)) await deps.store.delete(input.stagingKey);
      return { imageKey };
    },

    async recordCost(input: CostInput): Promise<CostSummary> {
      const cost = input.charged ? costOfAttempts(input.attempts, deps.prices, deps.currency) : zeroCost(deps.currency);
      const entry: LedgerEntry = { ...input, cost, recordedAt: now().toISOString() };
      const key = await ledgerKeyFor(deps, input);
      await deps.store.put(key, Buffer.from(JSON.stringify(entry, null, 2)), { contentType: 'application/json' });
      return cost;
    },
  };
}

/**
 * ledger/<day>/<requestId>.json, unless that entry records something else: a request id may be
 * started again after a failure or cancellation (the client allows it), and the GPU time the
 * earlier run paid for must stay in the ledger. A later run then writes <requestId>.run-2.json,
 * .run-3.json… An entry with the same input is this very write repeated (a retried local
 * activity), and is overwritten, so that recording stays idempotent.
 */
async function ledgerKeyFor(deps: ActivityDeps, input: CostInput): Promise<string> {
  const wanted = canonical(input);
  for (let run = 1; ; run++) {
    const key = ledgerEntryKey(input.day, run === 1 ? input.requestId : `${input.requestId}.run-${run}`);
    let existing: Buffer;
    try {
      existing = await deps.store.get(key);
    } catch (err) {
      if (err instanceof BlobNotFoundError) return key;
      throw err;
    }
    let stored: Record<string, unknown>;
    try {
      stored = parseJsonPayload(storedObjectSchema, existing, `ledger record ${key}`);
    } catch (err) {
      // A damaged entry is not this write repeated: it stays for someone to look at, this run takes the next key.
      if (err instanceof PayloadInvalidError) continue;
      throw err;
    }
    const { cost: _cost, recordedAt: _recordedAt, ...recorded } = stored;
    if (canonical(recorded) === wanted) return key;
  }
}

/** JSON with keys sorted, so that two objects with the same content compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
