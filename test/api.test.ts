// The HTTP API over real HTTP, on a real pipeline (worker on the shared Temporal dev server).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { temporalGrpcInterceptors } from '../temporal/grpc-interceptors';
import { CubcanvasClient } from '../client/cubcanvas-client';
import { STYLES } from '../domain/request';
import { PREFIX } from '../domain/storage-layout';
import { costReport, type LedgerRecord } from '../domain/cost-report';
import { readPngText } from '../imaging/png-text';
import { startApi, type ApiRig } from './support/api-rig';
import { startPipeline, uniquePrompt, type TestPipeline } from './support/pipeline';
import { until } from './support/until';

const ALICE = 'alice-token-0123456789abcdef';
const BOB = 'bob-token-0123456789abcdef00';
const sha = (t: string) => createHash('sha256').update(t).digest('hex');
const PROBLEM = 'application/problem+json';

let pipeline: TestPipeline;
let api: ApiRig;
let tokensFile: string;

beforeAll(async () => {
  // A slow-ish preview so that a request is still running when a test needs it to be.
  pipeline = await startPipeline({ env: { CUBCANVAS_PREVIEW_STEPS: '6', CUBCANVAS_PREVIEW_STEP_MS: '150' } });
  tokensFile = join(mkdtempSync(join(tmpdir(), 'cubcanvas-api-')), 'tokens');
  writeFileSync(tokensFile, `# name sha256\nalice ${sha(ALICE)}\nbob ${sha(BOB)}\n`);
  api = await startApi({
    client: pipeline.client,
    store: pipeline.worker.deps.store,
    settings: { tokensFile, ratePerMinute: 0, dailyQuota: 0, maxBacklog: 0 },
    eventsHeartbeatMs: 200,
  });
});

afterAll(async () => {
  await api?.close();
  await pipeline?.stop();
});

async function waitDone(id: string, token = ALICE) {
  return until(
    `request ${id} finished`,
    async () => {
      const r = await api.call('GET', `/v1/images/${id}`, { token });
      return r.body.status !== 'running' ? r : undefined;
    },
    60_000,
  );
}

describe('POST /v1/images and GET status, content', () => {
  it('starts a request, reports its progress and outcome, serves the PNG and records the caller', async () => {
    const r = await api.call('POST', '/v1/images', { token: ALICE, json: { prompt: uniquePrompt(), size: 'small', style: 'flat', seed: 7 } });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ status: 'running', created: true });
    const id = r.body.requestId as string;
    expect(r.body.links).toEqual({ self: `/v1/images/${id}`, content: `/v1/images/${id}/content`, events: `/v1/images/${id}/events` });
    expect(r.headers.get('location')).toBe(`/v1/images/${id}`);

    const running = await api.call('GET', `/v1/images/${id}`, { token: ALICE });
    expect(running.status).toBe(200);
    expect(['running', 'completed']).toContain(running.body.status);

    const done = await waitDone(id);
    expect(done.body).toMatchObject({ requestId: id, status: 'completed', step: 'done', caller: 'alice', cost: { gpuSeconds: 0, currency: 'CNY' } });
    expect(done.body.result).toMatchObject({ width: 512, height: 512, seed: 7 });
    expect(done.body.imageUrl).toMatch(/\.png$/);

    const content = await api.call('GET', `/v1/images/${id}/content`, { token: ALICE });
    expect(content.status).toBe(200);
    expect(content.headers.get('content-type')).toBe('image/png');
    const png = content.body as Buffer;
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // The caller is in the picture's provenance and in the cost ledger.
    expect(JSON.parse(readPngText(png)['cubcanvas:provenance']!)).toMatchObject({ requestId: id, caller: 'alice' });
    const store = pipeline.worker.deps.store;
    const entryKey = (await store.list(PREFIX.ledger)).find((b) => b.key.endsWith(`/${id}.json`))!.key;
    const entry = JSON.parse((await store.get(entryKey)).toString()) as LedgerRecord;
    expect(entry).toMatchObject({ requestId: id, caller: 'alice', outcome: 'completed' });
    const day = entryKey.slice(PREFIX.ledger.length, PREFIX.ledger.length + 10);
    const report = costReport([{ ...entry, day }], { from: day, to: day, prices: pipeline.config.gpuPrices, currency: 'CNY' });
    expect(report.byCaller.alice).toMatchObject({ images: 1 });
  });

  it('is idempotent on the Idempotency-Key header, on the requestId field, and refuses both when they differ', async () => {
    const key = `idem-${Date.now()}`;
    const body = { prompt: uniquePrompt('koala'), size: 'small' };
    const first = await api.call('POST', '/v1/images', { token: ALICE, json: body, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(202);
    const again = await api.call('POST', '/v1/images', { token: ALICE, json: body, headers: { 'idempotency-key': key } });
    expect([200, 202]).toContain(again.status);
    expect(again.body).toMatchObject({ requestId: key, created: false });
    await waitDone(key);
    const afterDone = await api.call('POST', '/v1/images', { token: ALICE, json: { ...body, requestId: key } });
    expect(afterDone.status).toBe(200);
    expect(afterDone.body).toMatchObject({ requestId: key, status: 'completed', created: false });
    const runs = await pipeline.temporal.workflow.count(`WorkflowId = 'image-${key}'`);
    expect(runs.count).toBe(1);

    const mismatch = await api.call('POST', '/v1/images', { token: ALICE, json: { ...body, requestId: 'other-id' }, headers: { 'idempotency-key': key } });
    expect(mismatch.status).toBe(400);
    expect(mismatch.headers.get('content-type')).toContain(PROBLEM);
    expect(mismatch.body).toMatchObject({ type: 'urn:cubcanvas:problem:IdempotencyKeyMismatch', status: 400, problems: expect.any(Array) });
  });

  it('reports a rejected prompt with the error type, and refuses its content', async () => {
    const r = await api.call('POST', '/v1/images', { token: ALICE, json: { prompt: 'a bear holding a gun', size: 'small' } });
    expect(r.status).toBe(202);
    const done = await waitDone(r.body.requestId);
    expect(done.body).toMatchObject({ status: 'rejected', error: { type: 'UnsafePrompt' } });
    const content = await api.call('GET', `/v1/images/${r.body.requestId}/content`, { token: ALICE });
    expect(content.status).toBe(409);
    expect(content.body.type).toBe('urn:cubcanvas:problem:NotFinished');
  });
});

describe('bad input', () => {
  it('lists every problem of an invalid request in one 400', async () => {
    const r = await api.call('POST', '/v1/images', { token: ALICE, json: { prompt: '', size: 'huge', seed: -1, style: 'neon', colour: 'red' } });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toContain(PROBLEM);
    expect(r.body).toMatchObject({ type: 'urn:cubcanvas:problem:InvalidRequest', title: 'Bad Request', status: 400, instance: '/v1/images' });
    const text = (r.body.problems as string[]).join('\n');
    for (const part of ['unknown field "colour"', 'prompt is empty', 'size "huge"', 'seed must be an integer', 'style must be one of'])
      expect(text).toContain(part);
  });

  it('answers malformed JSON, a non-object, an oversized body and a wrong content type with problems', async () => {
    const malformed = await api.call('POST', '/v1/images', { token: ALICE, body: '{"prompt": ', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.type).toBe('urn:cubcanvas:problem:MalformedBody');
    const list = await api.call('POST', '/v1/images', { token: ALICE, json: ['a panda'] });
    expect(list.status).toBe(400);
    expect(list.body.type).toBe('urn:cubcanvas:problem:InvalidRequest');
    const huge = await api.call('POST', '/v1/images', { token: ALICE, json: { prompt: 'x'.repeat(2 * 1024 * 1024) } });
    expect(huge.status).toBe(413);
    expect(huge.body.type).toBe('urn:cubcanvas:problem:PayloadTooLarge');
    const csv = await api.call('POST', '/v1/images', { token: ALICE, body: 'id,prompt\n1,a panda\n', headers: { 'content-type': 'text/csv' } });
    expect(csv.status).toBe(415);
    const form = await api.call('POST', '/v1/images', { token: ALICE, body: 'prompt=panda', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    expect(form.body.type).toBe('urn:cubcanvas:problem:UnsupportedMediaType');
  });

  it('answers unknown routes and unknown requests with 404 problem+json', async () => {
    const route = await api.call('GET', '/v2/nothing', { token: ALICE });
    expect(route.status).toBe(404);
    expect(route.headers.get('content-type')).toContain(PROBLEM);
    expect(route.body.type).toBe('urn:cubcanvas:problem:NotFound');
    for (const path of ['/v1/images/no-such-request', '/v1/images/no-such-request/content', '/v1/images/no-such-request/events', '/v1/batches/no-such-batch']) {
      const r = await api.call('GET', path, { token: ALICE });
      expect(r.status, path).toBe(404);
      expect(r.body.type).toBe('urn:cubcanvas:problem:NotFound');
    }
    const del = await api.call('DELETE', '/v1/images/no-such-request', { token: ALICE });
    expect(del.status).toBe(404);
  });
});

describe('auth', () => {
  it('refuses a missing or wrong token, and a token revoked in the tokens file without a restart', async () => {
    const none = await api.call('GET', '/v1/images/x');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(none.body.type).toBe('urn:cubcanvas:problem:Unauthorized');
    const wrong = await api.call('GET', '/v1/images/x', { token: 'not-a-token-of-anyone-here' });
    expect(wrong.status).toBe(401);
    expect((await api.call('GET', '/v1/images/x', { token: BOB })).status).toBe(404);
    writeFileSync(tokensFile, `alice ${sha(ALICE)}\n`);
    expect((await api.call('GET', '/v1/images/x', { token: BOB })).status).toBe(401);
    writeFileSync(tokensFile, `alice ${sha(ALICE)}\nbob ${sha(BOB)}\n`);
    expect((await api.call('GET', '/v1/images/x', { token: BOB })).status).toBe(404);
    // The probes and the reference are open.
    expect((await api.call('GET', '/healthz')).status).toBe(200);
  });

  it("answers 403 for another caller's request", async () => {
    const r = await api.call('POST', '/v1/images', { token: ALICE, json: { prompt: uniquePrompt('otter'), size: 'small' } });
    const other = await api.call('GET', `/v1/images/${r.body.requestId}`, { token: BOB });
    expect(other.status).toBe(403);
    expect(other.body.type).toBe('urn:cubcanvas:problem:Forbidden');
    await waitDone(r.body.requestId);
  });
});

describe('events and cancel', () => {
  it('streams progress as Server-Sent Events until completed', async () => {
    const r = await api.call('POST', '/v1/images', { token: ALICE, json: { prompt: uniquePrompt('fox'), size: 'small' } });
    const res = await fetch(`${api.url}/v1/images/${r.body.requestId}/events`, { headers: { authorization: `Bearer ${ALICE}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const text = await res.text(); // the server ends the stream after the final event
    expect(text).toContain(': heartbeat\n\n');
    const events = text
      .split('\n\n')
      .filter((block) => block.includes('event: '))
      .map((block) => {
        const field = (name: string) =>
          block
            .split('\n')
            .find((l) => l.startsWith(`${name}: `))
            ?.slice(name.length + 2);
        return { id: Number(field('id')), event: field('event')!, data: JSON.parse(field('data')!) };
      });
    expect(events.length).toBeGreaterThanOrEqual(2);
    expect(events.slice(0, -1).every((e) => e.event === 'progress' && e.data.status === 'running')).toBe(true);
    expect(events.at(-1)).toMatchObject({ event: 'completed', data: { status: 'completed', requestId: r.body.requestId } });
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    // A progress event is sent only when something changed: no two in a row are the same. (The
    // closing event may repeat the last progress state: it says the request ended, not what changed.)
    const states = events.slice(0, -1).map((e) => JSON.stringify([e.data.step, e.data.render, e.data.stepsDone]));
    expect(states.every((s, i) => i === 0 || s !== states[i - 1])).toBe(true);
  });

  it('cancels a running request (202), then 409 once finished', async () => {
    const r = await api.call('POST', '/v1/images', { token: ALICE, json: { prompt: uniquePrompt('hedgehog'), size: 'small' } });
    const del = await api.call('DELETE', `/v1/images/${r.body.requestId}`, { token: ALICE });
    expect(del.status).toBe(202);
    const done = await waitDone(r.body.requestId);
    expect(done.body.status).toBe('cancelled');
    const again = await api.call('DELETE', `/v1/images/${r.body.requestId}`, { token: ALICE });
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('urn:cubcanvas:problem:AlreadyFinished');
  });
});

describe('batches', () => {
  it('starts a batch from a CSV body and reports its progress; a missing manifest key is a 400', async () => {
    const batchId = `api-${Date.now()}`;
    const csv = `id,prompt,size\na,${uniquePrompt('lamb')},small\nb,${uniquePrompt('duck')},small\n`;
    const r = await api.call('POST', `/v1/batches?batchId=${batchId}&groupSize=2`, { token: ALICE, body: csv, headers: { 'content-type': 'text/csv' } });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ batchId, total: 2, created: true });
    const progress = await until(
      'batch done',
      async () => {
        const p = await api.call('GET', `/v1/batches/${batchId}`, { token: ALICE });
        return p.body.status === 'completed' ? p : undefined;
      },
      60_000,
    );
    expect(progress.body.progress).toMatchObject({ total: 2 });
    // Each item's GPU time is charged to the token that started the batch.
    const store = pipeline.worker.deps.store;
    const entries = await Promise.all(
      (await store.list(PREFIX.ledger))
        .filter((b) => b.key.includes(`/${batchId}.`))
        .map(async (b) => JSON.parse((await store.get(b.key)).toString()) as LedgerRecord),
    );
    expect(entries.map((e) => e.caller)).toEqual(['alice', 'alice']);
    const bad = await api.call('POST', '/v1/batches', { token: ALICE, json: { manifestKey: 'manifests/none.csv' } });
    expect(bad.status).toBe(400);
    expect(bad.body.problems.join()).toContain('no manifest at');
    const badCsv = await api.call('POST', '/v1/batches', { token: ALICE, body: 'id,prompt\n', headers: { 'content-type': 'text/csv' } });
    expect(badCsv.status).toBe(400);
  });
});

describe('reference and probes', () => {
  it('serves an OpenAPI 3.1 document from the schemas, a docs page, /healthz and /readyz', async () => {
    const doc = await api.call('GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(doc.body.components.schemas.ImageRequest.properties.style.enum).toEqual([...STYLES]);
    expect(doc.body.components.schemas.ImageRequest.additionalProperties).toBe(false);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/v1/images', '/v1/images/{id}', '/v1/images/{id}/events', '/v1/batches']));
    const page = await api.call('GET', '/docs');
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.body).toContain('/openapi.json');
    expect(page.body).not.toMatch(/<script[^>]+src=/);
    expect((await api.call('GET', '/readyz')).body).toMatchObject({ ok: true, temporal: { ok: true }, storage: { ok: true } });
  });
});

describe('limits', () => {
  it('answers 429 with Retry-After past the rate limit and past the daily quota', async () => {
    const limited = await startApi({
      client: pipeline.client,
      store: pipeline.worker.deps.store,
      settings: { tokens: new Map([['carol', 'carol-token-0123456789']]), ratePerMinute: 2, dailyQuota: 0, maxBacklog: 0 },
    });
    try {
      const post = () => limited.call('POST', '/v1/images', { token: 'carol-token-0123456789', json: { prompt: uniquePrompt('seal'), size: 'small' } });
      expect((await post()).status).toBe(202);
      expect((await post()).status).toBe(202);
      const third = await post();
      expect(third.status).toBe(429);
      expect(third.body.type).toBe('urn:cubcanvas:problem:RateLimited');
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
    const quota = await startApi({
      client: pipeline.client,
      store: pipeline.worker.deps.store,
      settings: { tokens: new Map([['dave', 'dave-token-0123456789']]), ratePerMinute: 0, dailyQuota: 1, maxBacklog: 0 },
    });
    try {
      const key = `quota-${Date.now()}`;
      const post = (headers: Record<string, string> = {}) =>
        quota.call('POST', '/v1/images', { token: 'dave-token-0123456789', json: { prompt: uniquePrompt('crab'), size: 'small' }, headers });
      expect((await post({ 'idempotency-key': key })).status).toBe(202);
      // A repeat of the same request is not a new image: not counted, not refused.
      expect((await post({ 'idempotency-key': key })).body.created).toBe(false);
      const second = await post();
      expect(second.status).toBe(429);
      expect(second.body.type).toBe('urn:cubcanvas:problem:QuotaExceeded');
      expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(second.headers.get('retry-after'))).toBeLessThanOrEqual(86_400);
    } finally {
      await quota.close();
    }
  });

  it('turns new requests away with 503 and Retry-After when the backlog is full', async () => {
    const gated = await startApi({
      client: pipeline.client,
      store: pipeline.worker.deps.store,
      settings: { tokens: new Map([['erin', 'erin-token-0123456789']]), ratePerMinute: 0, dailyQuota: 0, maxBacklog: 1 },
    });
    try {
      // Slow requests (many preview steps) keep the backlog full; visibility and the 2 s cache
      // take a moment to see them, so new ones are sent until one is turned away.
      const refused = await until(
        'a 503',
        async () => {
          const r = await gated.call('POST', '/v1/images', { token: 'erin-token-0123456789', json: { prompt: uniquePrompt('whale'), size: 'small' } });
          return r.status === 503 ? r : undefined;
        },
        30_000,
      );
      expect(refused.body.type).toBe('urn:cubcanvas:problem:Overloaded');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await gated.close();
    }
  });

  it('answers 503 TemporalUnavailable when Temporal cannot be reached', async () => {
    const connection = Connection.lazy({ address: '127.0.0.1:1', interceptors: temporalGrpcInterceptors() });
    const client = new CubcanvasClient(new Client({ connection }), 'nowhere', pipeline.worker.deps.store);
    const down = await startApi({ client, store: pipeline.worker.deps.store, settings: { ratePerMinute: 0, dailyQuota: 0, maxBacklog: 0 } });
    try {
      const post = await down.call('POST', '/v1/images', { json: { prompt: uniquePrompt(), size: 'small' } });
      expect(post.status).toBe(503);
      expect(post.body.type).toBe('urn:cubcanvas:problem:TemporalUnavailable');
      expect(post.headers.get('retry-after')).toBeTruthy();
      const get = await down.call('GET', '/v1/images/anything');
      expect(get.status).toBe(503);
      const ready = await down.call('GET', '/readyz');
      expect(ready.status).toBe(503);
      expect(ready.body.temporal.ok).toBe(false);
    } finally {
      await down.close();
      await connection.close().catch(() => undefined);
    }
  });
});
