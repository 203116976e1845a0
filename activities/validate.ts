import { BlobNotFoundError, ImageUndecodableError } from '../domain/errors';
import type { PictureSafetyResult } from '../domain/picture-safety';
import { DEFAULT_PICTURE_SAFETY_LIMITS, judgedUnsafe } from '../domain/picture-safety-limits';
import { cacheImageKey } from '../domain/storage-layout';
import { judgeQuality, type QualityMetrics, type QualityVerdict } from '../domain/quality';
import { measureQuality } from '../imaging/quality-metrics';
import type { ActivityDeps } from './deps';

export interface ValidationResult extends QualityVerdict {
  metrics?: QualityMetrics;
  /** Every picture safety check's verdict, with its scores; absent when the picture did not decode. */
  safety?: PictureSafetyResult[];
  /** A safety check judged the picture unsafe (ok is then false too). */
  unsafe?: boolean;
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
      let quality: QualityVerdict & { metrics: QualityMetrics };
      try {
        const metrics = await measureQuality(image);
        quality = { ...judgeQuality(metrics, input, deps.backend.qualityLimits), metrics };
      } catch (err) {
        if (err instanceof ImageUndecodableError) return { ok: false, codes: ['undecodable'], reasons: [`undecodable: ${err.message}`] };
        throw err;
      }
      // Every check runs, even on a picture that already failed on quality: its scores go into the
      // attempt's record, and an unsafe verdict is what decides the request's failure type.
      const limits = deps.backend.safetyLimits ?? DEFAULT_PICTURE_SAFETY_LIMITS;
      const safety: PictureSafetyResult[] = [];
      // Deps assembled by hand (a unit test) may carry no checks; the worker's factory always does.
      for (const check of deps.pictureChecks ?? []) safety.push(await check.check(image, limits));
      const unsafe = judgedUnsafe(safety);
      const reasons = [...quality.reasons, ...safety.flatMap((r) => r.reasons.map((reason) => `unsafe (${r.checker}): ${reason}`))];
      return { ...quality, ok: quality.ok && !unsafe, reasons, safety, unsafe };
    },
  };
}
