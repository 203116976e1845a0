// Delivers one webhook event, retrying for up to a day: a child of the request, started with
// ParentClosePolicy.ABANDON as the request ends, so that the request's result never waits for the
// receiver and its own history gains two events, while this one keeps retrying on its own.
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { DeliveryReport } from '../webhooks/sender';
import { WebhookErrorType } from '../webhooks/errors';
import type { WebhookDelivery } from '../webhooks/events';

// The schedule comes from the worker's retry settings (CUBCANVAS_WEBHOOK_RETRY_INITIAL_MS and the others), read by an activity:
// workflow code cannot read them, and the recorded answer keeps replays deterministic.
const { webhookSchedule } = proxyLocalActivities<Activities>({ summary: 'webhook schedule', startToCloseTimeout: '10 seconds', retry: { maximumAttempts: 3 } });

export async function deliverWebhook(delivery: WebhookDelivery): Promise<DeliveryReport> {
  const { retry, timeoutMs } = await webhookSchedule();
  const { deliverWebhookEvent } = proxyActivities<Activities>({
    summary: `POST ${delivery.event.type}`,
    // One attempt: the request's own timeout plus the time to mint the picture URL and sign.
    startToCloseTimeout: timeoutMs + 10_000,
    // The whole retry window, however many attempts fit in it.
    scheduleToCloseTimeout: retry.retryForSeconds * 1000,
    retry: {
      initialInterval: retry.initialIntervalMs,
      backoffCoefficient: 2,
      maximumInterval: retry.maximumIntervalMs,
      // 0 means unlimited (within the window): the SDK wants it left out rather than 0.
      ...(retry.maximumAttempts > 0 ? { maximumAttempts: retry.maximumAttempts } : {}),
      nonRetryableErrorTypes: [WebhookErrorType.TargetRefused, WebhookErrorType.Rejected],
    },
  });
  return deliverWebhookEvent(delivery);
}
