// The render cache: a validated, un-watermarked picture per cache key plus a JSON entry that says
// how it was made. The entry is written last, so an entry always points at a complete image.
import { BlobNotFoundError, PayloadInvalidError } from '../domain/errors';
import { cacheEntrySchema, parseJsonPayload } from '../domain/payload-schemas';
import type { PictureSafetyResult } from '../domain/picture-safety';
import type { RenderAttempt, RenderEnvironment, RenderSpec } from '../domain/pipeline';
import { stripRenderMetadata } from '../imaging/strip-metadata';
import type { QualityMetrics } from '../domain/quality';
import { cacheEntryKey, cacheImageKey, PREFIX } from '../domain/storage-layout';
import type { ActivityDeps } from './deps';

export interface CacheEntry {
  cacheKey: string;
  imageKey: string;
  model: string;
  workflowVersion: string;
  preview: boolean;
  seed: number;
  width: number;
  height: number;
  metrics: QualityMetrics;
  /** The picture safety checks' verdicts (absent on entries written before the checks existed). */
  safety?: PictureSafetyResult[];
  /** ComfyUI version/revision and model file hashes of the render (absent: preview, or written before the lock). */
  environment?: RenderEnvironment;
  createdAt: string;
  ownerRequestId: string;
}

export interface StoreCacheInput {
  spec: RenderSpec;
  stagingKey: string;
  attempt: RenderAttempt;
  model: string;
  workflowVersion: string;
  ownerRequestId: string;
  environment?: RenderEnvironment;
}

/** The cache entry of a key, if it and its picture both exist. */
export async function findCacheEntry(deps: Pick<ActivityDeps, 'store'>, cacheKey: string): Promise<CacheEntry | null> {
  let text: Buffer;
  try {
    text = await deps.store.get(cacheEntryKey(cacheKey));
  } catch (err) {
    if (err instanceof BlobNotFoundError) return null;
    throw err;
  }
  let entry: CacheEntry;
  try {
    entry = parseJsonPayload(cacheEntrySchema, text, `cache entry ${cacheEntryKey(cacheKey)}`);
  } catch (err) {
    // A damaged entry (cut short by a crash, edited by hand, written by another version) only
    // costs a render: a miss, which the render's storeCacheEntry overwrites with a good entry.
    // Failing the request instead would fail every request for that prompt until someone deletes it.
    if (err instanceof PayloadInvalidError) return null;
    throw err;
  }
  // An entry whose image was removed (by hand, by a lifecycle rule) is a miss, not an error.
  return (await deps.store.head(entry.imageKey)) ? entry : null;
}

export function cacheActivities(deps: ActivityDeps) {
  const now = deps.now ?? (() => new Date());
  return {
    async checkCache(cacheKey: string): Promise<CacheEntry | null> {
      return findCacheEntry(deps, cacheKey);
    },

    async storeCacheEntry(input: StoreCacheInput): Promise<CacheEntry> {
      const { spec, attempt } = input;
      const imageKey = cacheImageKey(spec.cacheKey);
      // Local activities run again when their workflow task is replayed: by then the staging copy
      // may already be promoted and removed, which is done, not lost.
      const staged = await deps.store.head(input.stagingKey);
      const alreadyPromoted = !staged && (await deps.store.head(imageKey));
      // Read and cleaned rather than copied: whatever metadata a backend (an older runner image, a
      // custom node) left in the picture stops here, whichever backend made it. A PNG costs one copy.
      if (!alreadyPromoted) {
        const picture = await stripRenderMetadata(await deps.store.get(input.stagingKey));
        await deps.store.put(imageKey, picture, { contentType: 'image/png', metadata: { ...staged?.metadata, 'cache-key': spec.cacheKey } });
      }
      const entry: CacheEntry = {
        cacheKey: spec.cacheKey,
        imageKey,
        model: input.model,
        workflowVersion: input.workflowVersion,
        preview: attempt.preview,
        seed: attempt.seed,
        width: spec.width,
        height: spec.height,
        metrics: attempt.metrics!,
        ...(attempt.safety ? { safety: attempt.safety } : {}),
        ...(input.environment ? { environment: input.environment } : {}),
        createdAt: now().toISOString(),
        ownerRequestId: input.ownerRequestId,
      };
      await deps.store.put(cacheEntryKey(spec.cacheKey), Buffer.from(JSON.stringify(entry, null, 2)), { contentType: 'application/json' });
      // Staging outputs of every attempt are now redundant; a lifecycle rule would catch leftovers.
      for (const blob of await deps.store.list(`${PREFIX.staging}render/${spec.cacheKey}/`)) await deps.store.delete(blob.key);
      return entry;
    },
  };
}
