import { cacheKeyOf, defaultSeedFor } from '../domain/cache-key';
import type { RenderSpec, ScreeningVerdict } from '../domain/pipeline';
import type { ImageRequest } from '../domain/request';
import { screenPrompt as screen } from '../domain/screening/screen';
import type { ActivityDeps } from './deps';

export interface ScreenResult {
  verdict: ScreeningVerdict;
  /** Set only for allowed prompts: what to render and under which cache key. */
  spec: RenderSpec | null;
}

export function screenActivities(deps: ActivityDeps) {
  return {
    async screenPrompt(request: ImageRequest): Promise<ScreenResult> {
      const verdict = screen(request.prompt, request.style, deps.lexicon);
      if (!verdict.allowed) return { verdict, spec: null };
      const seed = request.seed ?? defaultSeedFor(verdict.normalizedPrompt);
      const cacheKey = cacheKeyOf({
        normalizedPrompt: verdict.normalizedPrompt,
        width: request.width,
        height: request.height,
        seed,
        style: request.style,
        backend: deps.backend.name,
        workflowVersion: deps.backend.workflowVersion,
      });
      return {
        verdict,
        spec: { cacheKey, prompt: verdict.finalPrompt!, negativePrompt: verdict.negativePrompt!, width: request.width, height: request.height, seed, style: request.style },
      };
    },
  };
}
