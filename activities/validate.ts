import { BlobNotFoundError, ImageUndecodableError } from '../domain/errors';
import { cacheImageKey } from '../domain/storage-layout';
import { judgeQuality, type QualityMetrics, type QualityVerdict } from '../domain/quality';
import { measureQuality } from '../imaging/quality-metrics';
import type { ActivityDeps } from './deps';

export interface ValidationResult extends QualityVerdict {
  metrics?: QualityMetrics;
}

/**
 * The staging output, or — when a replay runs this again after the output was already promoted to
 * the cache and its staging copy removed — the cached copy of the same bytes.
 */
async function readOrCached(deps: ActivityDeps, key: string, cacheKey: string | undefined): Promise<Buffer> {
  try {
    return await deps.store.get(key);
  } catch (err) {
    if (!(err instanceof BlobNotFoundError) || !cacheKey || !(await deps.store.head(cacheImageKey(cacheKey)))) throw err;
    return deps.store.get(cacheImageKey(cacheKey));
  }
}

export function validateActivities(deps: ActivityDeps) {
  return {
    /** A bad picture is a result (the workflow regenerates), not an activity failure. */
    async validateImage(input: { key: string; width: number; height: number; cacheKey?: string }): Promise<ValidationResult> {
      const image = await readOrCached(deps, input.key, input.cacheKey);
      try {
        const metrics = await measureQuality(image);
        return { ...judgeQuality(metrics, input, deps.backend.qualityLimits), metrics };
      } catch (err) {
        if (err instanceof ImageUndecodableError) return { ok: false, codes: ['undecodable'], reasons: [`undecodable: ${err.message}`] };
        throw err;
      }
    },
  };
}
