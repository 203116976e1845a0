import { ImageUndecodableError } from '../domain/errors';
import { judgeQuality, type QualityMetrics, type QualityVerdict } from '../domain/quality';
import { measureQuality } from '../imaging/quality-metrics';
import type { ActivityDeps } from './deps';

export interface ValidationResult extends QualityVerdict {
  metrics?: QualityMetrics;
}

export function validateActivities(deps: ActivityDeps) {
  return {
    /** A bad picture is a result (the workflow regenerates), not an activity failure. */
    async validateImage(input: { key: string; width: number; height: number }): Promise<ValidationResult> {
      const image = await deps.store.get(input.key);
      try {
        const metrics = await measureQuality(image);
        return { ...judgeQuality(metrics, input), metrics };
      } catch (err) {
        if (err instanceof ImageUndecodableError) return { ok: false, codes: ['undecodable'], reasons: [`undecodable: ${err.message}`] };
        throw err;
      }
    },
  };
}
