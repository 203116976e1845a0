// The guard model's rejection as the screening verdict the workflow reads (category, reasons):
// the local layers' normalised prompt is kept, the prompts to render are withdrawn.
import type { ScreeningVerdict } from '../domain/pipeline';
import type { ModerationVerdict } from './guard-model';

export function rejectedByModeration(local: ScreeningVerdict, moderation: ModerationVerdict): ScreeningVerdict {
  // The deciding layer and its evidence, like the local layers': the model and what it answered.
  const evidence = {
    layer: 'guard-model' as const,
    category: moderation.category ?? 'unknown',
    kind: moderation.rawCategories.join(',') || moderation.category || 'no verdict',
    rule: `guard model ${moderation.model}`,
    matched: local.normalizedPrompt,
    readAs: [],
  };
  return {
    ...local,
    allowed: false,
    layer: 'guard-model',
    evidence: [evidence],
    category: moderation.category,
    reasons: moderation.reasons,
    finalPrompt: null,
    negativePrompt: null,
  };
}
