// A caller's callback (URL and the events it wants), checked into the option the workflow takes.
// Shared by the client library and the HTTP API (which reads it from the body's callbackUrl and
// callbackEvents), so both refuse the same targets with the same messages.
import { InvalidRequestError } from '../domain/errors';
import type { AllowRule } from './allow-list';
import { WebhookError } from './errors';
import { DEFAULT_WEBHOOK_EVENTS, WEBHOOK_EVENT_TYPES, type CallbackOption, type WebhookEventType } from './events';
import { checkCallbackTarget } from './target';

export interface CallbackRequest {
  url: string;
  /** Default: image.completed, image.rejected, image.failed. Add image.progress for progress events. */
  events?: readonly string[];
}

/** Throws InvalidRequestError listing every problem (the API answers it as 400 problem+json). */
export function checkCallback(callback: CallbackRequest, rules: readonly AllowRule[]): CallbackOption {
  const problems: string[] = [];
  if (typeof callback.url !== 'string') problems.push(`callbackUrl must be a string, got ${JSON.stringify(callback.url)}`);
  else {
    try {
      checkCallbackTarget(callback.url, rules);
    } catch (err) {
      if (!(err instanceof WebhookError)) throw err;
      problems.push(err.message);
    }
  }
  const events = callback.events ?? DEFAULT_WEBHOOK_EVENTS;
  if (!Array.isArray(events) || events.length === 0) problems.push(`callbackEvents must be a non-empty list of ${WEBHOOK_EVENT_TYPES.join(', ')}`);
  else {
    for (const e of events)
      if (!(WEBHOOK_EVENT_TYPES as readonly unknown[]).includes(e))
        problems.push(`callbackEvents: ${JSON.stringify(e)} is not one of ${WEBHOOK_EVENT_TYPES.join(', ')}`);
  }
  if (problems.length) throw new InvalidRequestError(problems);
  return { url: callback.url, events: [...new Set(events as WebhookEventType[])] };
}
