// Webhook delivery activities: the delivery workflow asks for the worker's retry schedule (a local
// activity: settings are read by the worker, never by workflow code), then sends the event, one
// attempt per activity try, so that Temporal's retry policy is the retry schedule.
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { RequestProgress } from '../domain/pipeline';
import { progressQuery } from '../workflows/definitions';
import type { ActivityDeps } from './deps';
import { WebhookError, WebhookErrorType } from '../webhooks/errors';
import type { WebhookDelivery, WebhookPayload } from '../webhooks/events';
import type { DeliveryReport } from '../webhooks/sender';
import type { WebhookRetrySettings } from '../webhooks/settings';

export interface WebhookSchedule {
  retry: WebhookRetrySettings;
  timeoutMs: number;
}

function webhooksOff(): ApplicationFailure {
  return ApplicationFailure.create({
    type: WebhookErrorType.TargetRefused,
    nonRetryable: true,
    message: 'webhooks are off on this worker (CUBCANVAS_WEBHOOK_ALLOWED_HOSTS is empty), so the callback cannot be sent',
  });
}

/** A WebhookError as the failure Temporal retries (or not), honouring the receiver's Retry-After up to the longest interval. */
function toFailure(err: WebhookError, maximumIntervalMs: number): ApplicationFailure {
  return ApplicationFailure.create({
    type: err.type,
    message: err.message,
    nonRetryable: !err.retryable,
    ...(err.retryAfterMs === undefined ? {} : { nextRetryDelay: Math.min(Math.max(err.retryAfterMs, 1000), maximumIntervalMs) }),
  });
}

/** What a request asks to be told of its progress, as the relay takes it. */
export interface ProgressRelay {
  workflowId: string;
  requestId: string;
  url: string;
  /** The webhook-id of each progress event is this plus a counter. */
  webhookIdPrefix: string;
  caller?: string;
}

/** What a receiver sees change: the step, the steps done, the render's progress. */
const progressKey = (p: RequestProgress) => JSON.stringify([p.step, p.stepsDone.length, p.render?.attempt, p.render?.phase, p.render?.value]);

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const onAbort = () => (clearTimeout(timer), resolve());
    // Removed when the timer fires, or every wait of a long request would leave a listener behind.
    const timer = setTimeout(() => (signal.removeEventListener('abort', onAbort), resolve()), ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });

export function webhookActivities(deps: ActivityDeps) {
  return {
    async webhookSchedule(): Promise<WebhookSchedule> {
      if (!deps.webhooks) throw webhooksOff();
      return { retry: deps.webhooks.settings.retry, timeoutMs: deps.webhooks.settings.timeoutMs };
    },

    async deliverWebhookEvent(delivery: WebhookDelivery): Promise<DeliveryReport> {
      if (!deps.webhooks) throw webhooksOff();
      try {
        return await deps.webhooks.deliver(delivery);
      } catch (err) {
        if (err instanceof WebhookError) throw toFailure(err, deps.webhooks.settings.retry.maximumIntervalMs);
        throw err;
      }
    },

    /**
     * image.progress events, best effort: reads the request's progress query (what the API's
     * /events reads too) at most every CUBCANVAS_WEBHOOK_PROGRESS_INTERVAL_MS and POSTs it when it
     * changed; an event that fails is dropped, not retried (the next one supersedes it). Runs until
     * the request cancels it as it ends, or its step is "done".
     */
    async relayWebhookProgress(relay: ProgressRelay): Promise<number> {
      if (!deps.webhooks) throw webhooksOff();
      const ctx = Context.current();
      const handle = deps.temporal.workflow.getHandle(relay.workflowId);
      let last = '';
      let sent = 0;
      while (!ctx.cancellationSignal.aborted) {
        ctx.heartbeat(sent);
        let progress: RequestProgress;
        try {
          progress = await handle.query(progressQuery);
        } catch {
          break; // the request has closed
        }
        if (progress.step === 'done') break;
        const key = progressKey(progress);
        if (key !== last) {
          last = key;
          const payload: WebhookPayload = {
            type: 'image.progress',
            timestamp: new Date().toISOString(),
            data: {
              requestId: relay.requestId,
              step: progress.step,
              stepsDone: progress.stepsDone,
              ...(progress.render ? { render: progress.render } : {}),
              ...(relay.caller === undefined ? {} : { caller: relay.caller }),
            },
          };
          sent += 1;
          await deps.webhooks.send(`${relay.webhookIdPrefix}_${sent}`, relay.url, payload).catch(() => undefined);
        }
        await sleep(deps.webhooks.settings.progressIntervalMs, ctx.cancellationSignal);
      }
      return sent;
    },
  };
}
