// The guard model as one of the picture checks run on every rendered picture before publishing
// (domain/picture-safety.ts): asked about gore, violence and sexual content; failing closed: no
// verdict is a retryable ModerationUnavailable, so the validation step waits for the model (as for
// a storage outage) instead of publishing unchecked or paying for new renders it cannot check.
import { ModerationUnavailableError } from '../domain/errors';
import type { PictureSafetyCheck, PictureSafetyLimits, PictureSafetyResult } from '../domain/picture-safety';
import { MODERATION_UNAVAILABLE, type GuardModel } from './guard-model';
import { createGuardModel } from './openai-guard-model';
import type { ModerationSettings } from './settings';

/** A category the model reports without a score counts as fully present. */
const FLAGGED = 1;
/** Limit for a category the graph's limits do not name: present more than not. */
const DEFAULT_LIMIT = 0.5;

export class ModerationPictureCheck implements PictureSafetyCheck {
  readonly name = 'moderation';

  constructor(private readonly guard: GuardModel) {}

  async check(png: Buffer, limits: PictureSafetyLimits): Promise<PictureSafetyResult> {
    const verdict = await this.guard.screenPicture(png);
    if (verdict.category === MODERATION_UNAVAILABLE)
      throw new ModerationUnavailableError(`picture check by the guard model ${this.guard.model}: ${verdict.reasons.join('; ')}`);
    const scores: Record<string, number> = { ...(verdict.scores ?? {}) };
    // Categories the model flagged without a score (Llama Guard's codes) count as present.
    if (!verdict.allowed) for (const c of verdict.scores ? [] : verdict.categories) scores[c] = FLAGGED;
    const over = Object.entries(scores).filter(([category, score]) => score > (limits[category] ?? DEFAULT_LIMIT));
    const reasons = over.map(([category, score]) => `${category}: ${score} > ${limits[category] ?? DEFAULT_LIMIT} (${this.guard.model})`);
    // The model's own "unsafe" stands even when every score it gave is under the limits.
    if (!verdict.allowed && reasons.length === 0) reasons.push(...verdict.reasons);
    return { checker: this.name, ok: reasons.length === 0, scores, reasons };
  }
}

/** The check when CUBCANVAS_MODERATION_URL and CUBCANVAS_MODERATION_IMAGES=true are set; otherwise undefined. */
export function moderationPictureCheck(settings: ModerationSettings | undefined, guard?: GuardModel): PictureSafetyCheck | undefined {
  if (!settings?.images) return undefined;
  return new ModerationPictureCheck(guard ?? createGuardModel(settings));
}
