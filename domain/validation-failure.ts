// How a render ends when every try's picture failed validation: one rule shared by the shared
// render workflow and the batch render pool. Pure (the workflow bundle imports it).
import { ErrorType } from './errors';
import { judgedUnsafe } from './picture-safety-limits';
import type { RenderAttempt, RenderFailureInfo } from './pipeline';

/**
 * UnsafeImage when any try's picture was judged unsafe — a safety verdict matters more than a
 * blurry retry, and an operator must see it — with the scores of those tries; else ImageQualityFailed.
 */
export function validationFailure(attempts: RenderAttempt[], ownerRequestId: string): RenderFailureInfo {
  const judged = attempts.filter((a) => a.reasons.length);
  const summary = judged.map((a) => `attempt ${a.attempt + 1} (seed ${a.seed}): ${a.reasons.join(', ')}`).join('; ');
  const unsafe = attempts.filter((a) => judgedUnsafe(a.safety)).map((a) => ({ attempt: a.attempt, seed: a.seed, results: a.safety! }));
  if (unsafe.length) {
    return {
      type: ErrorType.UnsafeImage,
      message: `picture judged unsafe for children in ${unsafe.length} of ${judged.length} tries, not published: ${summary}`,
      attempts,
      ownerRequestId,
      unsafe,
    };
  }
  return { type: ErrorType.ImageQualityFailed, message: `image failed validation ${attempts.length} times: ${summary}`, attempts, ownerRequestId };
}
