import { cacheKeyOf, defaultSeedFor } from '../domain/cache-key';
import type { RenderSpec, ScreeningVerdict } from '../domain/pipeline';
import type { ImageRequest } from '../domain/request';
import type { ModerationVerdict } from '../moderation/guard-model';
import { rejectedByModeration } from '../moderation/screening-verdict';
import { screenPrompt as screen } from '../domain/screening/screen';
import { splitNegativePrompt } from '../domain/screening/negative-prompt';
import type { ActivityDeps } from './deps';

export interface ScreenResult {
  verdict: ScreeningVerdict;
  /** Set only for allowed prompts: what to render and under which cache key. */
  spec: RenderSpec | null;
  /**
   * The guard model's verdict (layer, model, its raw categories), when one is configured and the
   * local layers allowed the prompt: kept in the workflow history for operators.
   */
  moderation?: ModerationVerdict;
}

export function screenActivities(deps: ActivityDeps) {
  return {
    async screenPrompt(request: ImageRequest): Promise<ScreenResult> {
      const verdict = screen(request.prompt, request.style, deps.lexicon);
      if (!verdict.allowed) return { verdict, spec: null };
      // After the local layers, only for what they allow. Never throws for a service problem and
      // returns within its 25 s budget: a guard model that is down or slow rejects, never allows.
      // It judges what will be drawn, not a typed negative prompt ("…, Negative prompt: nsfw, gore").
      const drawn = splitNegativePrompt(request.prompt, deps.lexicon.negativePrompts).positive;
      const moderation = deps.guardModel ? await deps.guardModel.screenPrompt(drawn) : undefined;
      if (moderation && !moderation.allowed) return { verdict: rejectedByModeration(verdict, moderation), spec: null, moderation };
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
        ...(moderation ? { moderation } : {}),
        spec: {
          cacheKey,
          prompt: verdict.finalPrompt!,
          negativePrompt: verdict.negativePrompt!,
          width: request.width,
          height: request.height,
          seed,
          style: request.style,
        },
      };
    },
  };
}
