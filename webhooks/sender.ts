// Sends one event: checks the target again (the worker's own allow-list), builds the body (a
// completed event's picture URL minted now), signs it the Standard Webhooks way and POSTs it.
// What the answer means for retrying is decided here, from the status code.
import { Webhook } from 'standardwebhooks';
import type { BlobStore } from '../storage/blob-store';
import { WebhookError, WebhookErrorType } from './errors';
import type { PendingWebhookEvent, WebhookDelivery, WebhookPayload } from './events';
import { postJson } from './post';
import type { WebhookSettings } from './settings';
import { checkCallbackTarget } from './target';

export interface DeliveryReport {
  status: number;
  webhookId: string;
}

export class WebhookSender {
  private readonly signer: Webhook;

  constructor(
    readonly settings: WebhookSettings,
    private readonly images: Pick<BlobStore, 'locate'>,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.signer = new Webhook(settings.signingSecretKey);
  }

  /** The body as sent: a completed event gets its imageUrl here, at each attempt. */
  async payload(event: PendingWebhookEvent): Promise<WebhookPayload> {
    if (event.type !== 'image.completed') return event;
    const { imageKey, ...data } = event.data;
    return { type: event.type, timestamp: event.timestamp, data: { ...data, imageUrl: await this.images.locate(imageKey) } };
  }

  /**
   * One attempt. Resolves on 2xx; throws WebhookError: TargetRefused (allow-list, internal
   * address), Rejected (3xx: redirects are not followed; 4xx but 408 and 429: the receiver will
   * not take it, 410 Gone included), Unavailable (everything else: retried).
   */
  async deliver(delivery: WebhookDelivery): Promise<DeliveryReport> {
    return this.send(delivery.webhookId, delivery.url, await this.payload(delivery.event));
  }

  async send(webhookId: string, url: string, payload: WebhookPayload): Promise<DeliveryReport> {
    const target = checkCallbackTarget(url, this.settings.allowList);
    const body = JSON.stringify(payload);
    // The attempt's time, not the event's: receivers refuse timestamps more than 5 minutes off,
    // and a retry a day later must still verify. The id stays, so receivers can drop repeats.
    const timestamp = this.now();
    const headers = {
      'webhook-id': webhookId,
      'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'webhook-signature': this.signer.sign(webhookId, timestamp, body),
    };
    const answer = await postJson(target, headers, body, this.settings.timeoutMs);
    const where = `${target.url.host}${target.url.pathname}`;
    if (answer.status >= 200 && answer.status < 300) return { status: answer.status, webhookId };
    if (answer.status === 408 || answer.status === 429 || answer.status >= 500 || answer.status < 200) {
      throw new WebhookError(WebhookErrorType.Unavailable, `${where} answered ${answer.status}`, answer.retryAfterMs);
    }
    if (answer.status < 400)
      throw new WebhookError(WebhookErrorType.Rejected, `${where} answered ${answer.status} (a redirect, not followed: give the final URL as callbackUrl)`);
    throw new WebhookError(WebhookErrorType.Rejected, `${where} answered ${answer.status}${answer.status === 410 ? ' Gone' : ''}; not retried`);
  }
}
