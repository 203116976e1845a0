// Why a guard model gave no usable verdict. Never thrown past the stage: the guard model turns it
// into a rejection (MODERATION_UNAVAILABLE) whose reason is this message. `kind` is stable, for
// tests and logs; `retryable` says whether one more try may help within the stage's budget.
export type GuardModelFailureKind = 'timeout' | 'unreachable' | 'http' | 'invalid-json' | 'unreadable';

export class GuardModelError extends Error {
  constructor(
    readonly kind: GuardModelFailureKind,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'GuardModelError';
  }
}

/** An answer that is not a verdict in the expected format: the same model would say it again. */
export function unreadable(format: string, content: string): GuardModelError {
  const shown = content.length > 120 ? `${content.slice(0, 120)}…` : content;
  return new GuardModelError('unreadable', `answered ${JSON.stringify(shown)}, which is not a ${format} verdict`, false);
}
