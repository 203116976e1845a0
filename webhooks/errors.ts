// Why a delivery failed, as stable failure types (the error contract's shape, README "Error
// contract"): the delivery workflow's retry policy names the ones not worth retrying.

export const WebhookErrorType = {
  /** The target is not allowed (allow-list, scheme, an internal address): never retried. */
  TargetRefused: 'WebhookTargetRefused',
  /** The receiver answered a status that says "do not send this again" (4xx but 408/429, 3xx): not retried. */
  Rejected: 'WebhookRejected',
  /** No 2xx yet (5xx, 408, 429, timeout, connection refused, DNS): retried with backoff. */
  Unavailable: 'WebhookUnavailable',
} as const;
export type WebhookErrorTypeName = (typeof WebhookErrorType)[keyof typeof WebhookErrorType];

export class WebhookError extends Error {
  constructor(
    readonly type: WebhookErrorTypeName,
    message: string,
    /** The receiver's Retry-After, in ms, when it gave one. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = type;
  }

  get retryable(): boolean {
    return this.type === WebhookErrorType.Unavailable;
  }
}
