// The webhook events a request sends to its callback URL, and the per-request callback option.
// Pure: the workflows import it (Temporal's sandbox, replayed), so no Node built-ins and no I/O.
import type { CostSummary } from '../domain/pipeline';

export const WEBHOOK_EVENT_TYPES = ['image.completed', 'image.rejected', 'image.failed', 'image.progress'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Sent when the caller names no events: the three outcomes; progress only when asked for. */
export const DEFAULT_WEBHOOK_EVENTS: readonly WebhookEventType[] = ['image.completed', 'image.rejected', 'image.failed'];

/**
 * Where and what a request reports: a second workflow argument (RequestOptions.callback), like the
 * caller, so that it enters neither the request's validation nor its cache key, and two requests
 * for the same picture with different receivers share one render.
 */
export interface CallbackOption {
  url: string;
  events: WebhookEventType[];
}

export interface ImageCompletedData {
  requestId: string;
  /** Minted by the worker's store at each delivery attempt, so it is fresh when it arrives. */
  imageUrl: string;
  width: number;
  height: number;
  cost: CostSummary;
  caller?: string;
}

export interface ImageRejectedData {
  requestId: string;
  category: string;
  reasons: string[];
  caller?: string;
}

export interface ImageFailedData {
  requestId: string;
  /** The failure's type in the error contract (ImageQualityFailed, RenderFailed, …). */
  type: string;
  message: string;
  caller?: string;
}

export interface ImageProgressData {
  requestId: string;
  step: string;
  stepsDone: string[];
  render?: { attempt: number; value: number; max: number; phase: string };
  caller?: string;
}

/** The body of a delivery, in the Standard Webhooks payload shape: type, timestamp (of the event), data. */
export type WebhookPayload =
  | { type: 'image.completed'; timestamp: string; data: ImageCompletedData }
  | { type: 'image.rejected'; timestamp: string; data: ImageRejectedData }
  | { type: 'image.failed'; timestamp: string; data: ImageFailedData }
  | { type: 'image.progress'; timestamp: string; data: ImageProgressData };

/**
 * An outcome event as the workflow hands it to the delivery: a completed one carries the picture's
 * storage key, which the delivery turns into a URL minted at the time of each attempt (a URL made
 * at the end of the request would have expired after a day of retries).
 */
export type PendingWebhookEvent =
  | { type: 'image.completed'; timestamp: string; data: Omit<ImageCompletedData, 'imageUrl'> & { imageKey: string } }
  | { type: 'image.rejected'; timestamp: string; data: ImageRejectedData }
  | { type: 'image.failed'; timestamp: string; data: ImageFailedData };

/** One event to deliver: the input of the deliverWebhook workflow and its activity. */
export interface WebhookDelivery {
  /** The `webhook-id` header: the same on every attempt, so that a receiver can drop repeats. */
  webhookId: string;
  url: string;
  event: PendingWebhookEvent;
}

/**
 * The webhook-id of a request run's outcome event. From the run id (a UUID), not the request id:
 * Standard Webhooks signs "{id}.{timestamp}.{body}", so an id must not hold "." (request ids may);
 * and a failed request started again under the same id is a new run with new events.
 */
export function webhookIdFor(runId: string, type: WebhookEventType): string {
  return `msg_${runId.replace(/-/g, '')}_${type.slice(type.indexOf('.') + 1)}`;
}
