// Webhooks end to end: the HTTP API and the client start requests with a callback on a real
// pipeline (worker on the shared dev server), and a receiver over real HTTP on loopback checks
// what arrives with the standardwebhooks library, as a product service would.
import { existsSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { Webhook } from 'standardwebhooks';
import { CubcanvasClient } from '../client/cubcanvas-client';
import { FsBlobStore } from '../storage/fs-store';
import { ScriptedBackend } from './support/scripted-backend';
import { parseAllowList } from '../webhooks/allow-list';
import type { WebhookPayload } from '../webhooks/events';
import { WebhookSender } from '../webhooks/sender';
import { startApi, type ApiRig } from './support/api-rig';
import { startPipeline, testConfig, uniquePrompt, type TestPipeline } from './support/pipeline';
import { join } from 'node:path';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from './support/webhook-receiver';

const secret = `whsec_${randomBytes(32).toString('base64')}`;
// 127.0.0.1 is allowed on purpose (+private): the receiver is on loopback. localhost is listed
// without +private, so that a name resolving to loopback is refused at delivery.
const env = {
  CUBCANVAS_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1+http+private,localhost+http,hooks.example.com',
  CUBCANVAS_WEBHOOK_SECRET: secret,
  // Short waits through the settings, so that retries happen within the test.
  CUBCANVAS_WEBHOOK_RETRY_INITIAL_MS: '300',
  CUBCANVAS_WEBHOOK_RETRY_MAX_INTERVAL_MS: '1000',
  CUBCANVAS_WEBHOOK_RETRY_FOR_SECONDS: '300',
  CUBCANVAS_WEBHOOK_TIMEOUT_MS: '5000',
  CUBCANVAS_WEBHOOK_PROGRESS_INTERVAL_MS: '100',
  // A render of a few seconds (8 steps), so that there is progress to report.
  CUBCANVAS_PREVIEW_STEP_MS: '400',
};

let p: TestPipeline;
let client: CubcanvasClient;
let api: ApiRig;
let receiver: WebhookReceiver;

beforeAll(async () => {
  p = await startPipeline({ env });
  client = new CubcanvasClient(p.temporal, p.config.taskQueue, p.worker.deps.store, p.config.webhooks!.allowList);
  api = await startApi({ client, store: p.worker.deps.store });
  receiver = await startWebhookReceiver();
});

afterAll(async () => {
  await api?.close();
  await receiver?.close();
  await p?.stop();
});

/** Verifies as a receiver does; returns the event. Throws WebhookVerificationError when the signature is wrong. */
function verified(w: ReceivedWebhook): WebhookPayload {
  return new Webhook(secret).verify(w.raw, w.headers as Record<string, string>) as WebhookPayload;
}

const deliveryHandle = (requestId: string, webhookId: string) => p.temporal.workflow.getHandle(`webhook-${requestId}-${webhookId}`);

async function deliveryFailure(requestId: string, webhookId: string): Promise<ApplicationFailure> {
  const error = await deliveryHandle(requestId, webhookId)
    .result()
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(WorkflowFailedError);
  const cause = (error as WorkflowFailedError).cause?.cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return cause as ApplicationFailure;
}

describe('webhooks', () => {
  it('delivers image.completed, signed, retrying a failing receiver with the same webhook-id, without holding up the request', async () => {
    const path = `/completed-${randomUUID()}`;
    receiver.answer(path, 500);
    const submitted = await api.call('POST', '/v1/images', { json: { prompt: uniquePrompt('otter'), size: 'small', callbackUrl: `${receiver.url}${path}` } });
    expect(submitted.status).toBe(202);
    const requestId: string = submitted.body.requestId;

    // The request's result is there while its receiver has only ever answered 500.
    const result = await client.result(requestId);
    expect(result.status).toBe('completed');
    const failures = await receiver.waitFor(path, 2);
    expect(failures.every((w) => w.answered === 500)).toBe(true);
    const webhookId = String(failures[0]!.headers['webhook-id']);
    expect((await deliveryHandle(requestId, webhookId).describe()).status.name).toBe('RUNNING');

    receiver.answer(path, 200);
    await receiver.waitFor(path, 1, (w) => w.answered === 200);
    expect(await deliveryHandle(requestId, webhookId).result()).toEqual({ status: 200, webhookId });

    const all = receiver.at(path);
    expect(all.length).toBeGreaterThanOrEqual(3);
    // One event: the same id on every attempt (receivers dedupe on it), each attempt signed anew.
    expect(new Set(all.map((w) => w.headers['webhook-id']))).toEqual(new Set([webhookId]));
    expect(webhookId).toMatch(/^msg_[0-9a-f]{32}_completed$/);
    for (const w of all) {
      const event = verified(w);
      expect(event.type).toBe('image.completed');
      if (event.type !== 'image.completed' || result.status !== 'completed') throw new Error('unreachable');
      expect(event.data).toMatchObject({
        requestId,
        width: 512,
        height: 512,
        caller: 'anonymous',
        cost: { currency: result.cost.currency, amount: result.cost.amount },
      });
      // Minted by the worker's store (a file path for the filesystem store).
      expect(existsSync(event.data.imageUrl)).toBe(true);
      expect(Date.parse(event.timestamp)).not.toBeNaN();
    }
    // The signature covers the body: one changed byte and it no longer verifies.
    const last = all.at(-1)!;
    expect(() => verified({ ...last, raw: last.raw.replace('"width":512', '"width":513') })).toThrow();
  });

  it('delivers image.rejected for an unsafe prompt', async () => {
    const path = `/rejected-${randomUUID()}`;
    const requestId = `wh-rejected-${randomUUID()}`;
    await client.start({ prompt: 'a bear holding a g.u.n', requestId }, { callback: { url: `${receiver.url}${path}` } });
    const [delivery] = await receiver.waitFor(path, 1);
    const event = verified(delivery!);
    expect(event).toMatchObject({ type: 'image.rejected', data: { requestId, category: 'weapons' } });
    if (event.type !== 'image.rejected') throw new Error('unreachable');
    expect(event.data.reasons.length).toBeGreaterThan(0);
    expect(String(delivery!.headers['webhook-id'])).toMatch(/_rejected$/);
  });

  it('sends only the events asked for', async () => {
    const path = `/only-failed-${randomUUID()}`;
    const requestId = `wh-only-failed-${randomUUID()}`;
    const started = await client.start(
      { prompt: 'a bear holding a g.u.n', requestId },
      { callback: { url: `${receiver.url}${path}`, events: ['image.failed'] } },
    );
    expect((await client.result(requestId)).status).toBe('rejected');
    // The request has closed: had it started a delivery, it would be in its history.
    const history = await started.handle.fetchHistory();
    expect(history.events?.some((e) => e.startChildWorkflowExecutionInitiatedEventAttributes)).toBe(false);
    expect(receiver.at(path)).toHaveLength(0);
  });

  it('sends image.progress events when asked, each signed with its own id, then the outcome', async () => {
    const path = `/progress-${randomUUID()}`;
    const requestId = `wh-progress-${randomUUID()}`;
    await client.start(
      { prompt: uniquePrompt('hedgehog'), size: 'small', requestId },
      { callback: { url: `${receiver.url}${path}`, events: ['image.progress', 'image.completed'] } },
    );
    await receiver.waitFor(path, 1, (w) => verified(w).type === 'image.completed');
    const events = receiver.at(path).map((w) => ({ id: String(w.headers['webhook-id']), event: verified(w) }));
    const progress = events.filter((e) => e.event.type === 'image.progress');
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(new Set(progress.map((e) => e.id)).size).toBe(progress.length);
    for (const { id, event } of progress) {
      expect(id).toMatch(/^msg_[0-9a-f]{32}_progress_\d+$/);
      expect(event.data).toMatchObject({ requestId });
    }
    expect(progress.some((e) => e.event.type === 'image.progress' && e.event.data.step === 'render')).toBe(true);
  });

  it('delivers image.failed with the failure type of the error contract', async () => {
    // A worker whose backend says the render can never work: the request fails as RenderFailed.
    const config = testConfig(env);
    const store = new FsBlobStore(join(config.dataDir, 'store'));
    const failing = await startPipeline({ config, overrides: { store, backend: new ScriptedBackend(store, () => 'broken') } });
    try {
      const path = `/failed-${randomUUID()}`;
      const requestId = `wh-failed-${randomUUID()}`;
      const failingClient = new CubcanvasClient(failing.temporal, config.taskQueue, store, config.webhooks!.allowList);
      await failingClient.start({ prompt: uniquePrompt('yak'), size: 'small', requestId }, { callback: { url: `${receiver.url}${path}` } });
      const [delivery] = await receiver.waitFor(path, 1);
      expect(verified(delivery!)).toMatchObject({ type: 'image.failed', data: { requestId, type: 'RenderFailed' } });
    } finally {
      await failing.stop();
    }
  });

  it.each([410, 400])('does not retry a receiver that answers %i', async (status) => {
    const path = `/refusing-${status}-${randomUUID()}`;
    receiver.answer(path, status);
    const requestId = `wh-${status}-${randomUUID()}`;
    await client.start({ prompt: uniquePrompt('lamb'), size: 'small', requestId }, { callback: { url: `${receiver.url}${path}` } });
    const [first] = await receiver.waitFor(path, 1);
    const failure = await deliveryFailure(requestId, String(first!.headers['webhook-id']));
    expect(failure.type).toBe('WebhookRejected');
    expect(failure.message).toContain(String(status));
    // The delivery has ended, after that one attempt.
    expect(receiver.at(path)).toHaveLength(1);
  });

  it('refuses a target off the allow-list with 400 at once, and never calls it', async () => {
    const before = receiver.received.length;
    for (const callbackUrl of [
      `http://127.0.0.2:${receiver.port}/x`,
      'https://evil.example.net/hook',
      `ftp://127.0.0.1:${receiver.port}/x`,
      'http://hooks.example.com/plain-http',
      'not a url',
    ]) {
      const requestId = `wh-refused-${randomUUID()}`;
      const res = await api.call('POST', '/v1/images', { json: { prompt: uniquePrompt('koala'), requestId, callbackUrl } });
      expect(res.status, callbackUrl).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.type).toBe('urn:cubcanvas:problem:InvalidRequest');
      expect(res.body.problems[0]).toMatch(/^callbackUrl /);
      // Nothing was started.
      expect((await api.call('GET', `/v1/images/${requestId}`)).status).toBe(404);
    }
    const offList = await api.call('POST', '/v1/images', { json: { prompt: uniquePrompt('koala'), callbackUrl: 'https://evil.example.net/hook' } });
    expect(offList.body.detail).toContain('CUBCANVAS_WEBHOOK_ALLOWED_HOSTS');
    const badEvents = await api.call('POST', '/v1/images', {
      json: { prompt: uniquePrompt('koala'), callbackUrl: `${receiver.url}/x`, callbackEvents: ['image.exploded'] },
    });
    expect(badEvents.status).toBe(400);
    expect(badEvents.body.detail).toContain('image.exploded');
    expect(receiver.received.length).toBe(before);
  });

  it('refuses every callback when no host is allowed, naming the setting', async () => {
    const closed = await startApi({ client: new CubcanvasClient(p.temporal, p.config.taskQueue, p.worker.deps.store, []), store: p.worker.deps.store });
    try {
      const res = await closed.call('POST', '/v1/images', { json: { prompt: uniquePrompt('koala'), callbackUrl: `${receiver.url}/x` } });
      expect(res.status).toBe(400);
      expect(res.body.detail).toContain('webhooks are off (CUBCANVAS_WEBHOOK_ALLOWED_HOSTS is empty)');
    } finally {
      await closed.close();
    }
  });

  it('refuses at delivery a listed host name that resolves to a private address, unless it is allowed +private', async () => {
    const path = `/by-name-${randomUUID()}`;
    const requestId = `wh-by-name-${randomUUID()}`;
    // localhost is on the list (+http), so the API accepts it; it resolves to 127.0.0.1, which is not allowed for it.
    const res = await api.call('POST', '/v1/images', {
      json: { prompt: uniquePrompt('puffin'), size: 'small', requestId, callbackUrl: `http://localhost:${receiver.port}${path}` },
    });
    expect(res.status).toBe(202);
    expect((await client.result(requestId)).status).toBe('completed');
    const handle = p.temporal.workflow.getHandle(`image-${requestId}`);
    const { runId } = await handle.describe();
    const failure = await deliveryFailure(requestId, `msg_${runId.replace(/-/g, '')}_completed`);
    expect(failure.type).toBe('WebhookTargetRefused');
    expect(failure.message).toMatch(/resolves to the internal address (127\.0\.0\.1|::1)/);
    expect(receiver.at(path)).toHaveLength(0);

    // The same name marked +private is delivered to (the sender alone, over real HTTP).
    const allowed = new WebhookSender({ ...p.config.webhooks!, allowList: parseAllowList('localhost+http+private') }, p.worker.deps.store);
    const event: WebhookPayload = { type: 'image.rejected', timestamp: new Date().toISOString(), data: { requestId, category: 'test', reasons: ['test'] } };
    expect(await allowed.send('msg_test_private', `http://localhost:${receiver.port}${path}`, event)).toEqual({ status: 200, webhookId: 'msg_test_private' });
    expect(verified(receiver.at(path)[0]!)).toEqual(event);
  });
});
