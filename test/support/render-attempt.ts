import type { RenderAttempt } from '../../domain/pipeline';

/** A successful GPU try for cost and ledger tests: what a test cares about is passed, the rest is filler. */
export function gpuAttempt(gpuType: string, gpuSeconds: number, extra: Partial<RenderAttempt> = {}): RenderAttempt {
  return { attempt: 0, seed: 1, backend: 'kubernetes', gpuType, gpuSeconds, preview: false, ok: true, reasons: [], renderMs: 1, ...extra };
}
