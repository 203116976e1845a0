// Requests and results (issue 8): every size preset renders, results and history keep storage keys
// (the client mints URLs when it reads), a failed request id can be started again while a
// completed one stays idempotent, and a workflow started under a bad id fails before rendering.
import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import sharp from 'sharp';
import { RequestFailedError } from '../client/cubcanvas-client';
import { SIZE_PRESETS } from '../domain/request';
import { ledgerEntryKey, utcDay } from '../domain/storage-layout';
import { FsBlobStore } from '../storage/fs-store';
import { ScriptedBackend, type AttemptScript } from './support/scripted-backend';
import { startPipeline, testConfig, uniquePrompt, type TestPipeline } from './support/pipeline';
import { testS3Store } from './support/s3';
import { until } from './support/until';

let p: TestPipeline | undefined;
afterEach(async () => {
  await p?.stop();
  p = undefined;
});

/** A pipeline whose backend plays `firstTry` on the first render of each cache key, then renders well. */
async function pipelineFailingFirst(firstTry: AttemptScript, options = { steps: 4, stepMs: 0 }, gpu?: { type: string; secondsPerRender: number }) {
  const config = testConfig();
  const store = new FsBlobStore(join(config.dataDir, 'store'));
  const seen = new Set<string>();
  const backend = new ScriptedBackend(
    store,
    (task) => {
      if (seen.has(task.cacheKey)) return 'good';
      seen.add(task.cacheKey);
      return firstTry;
    },
    options,
    gpu,
  );
  p = await startPipeline({ config, overrides: { store, backend } });
  return { pipeline: p, backend, store };
}

/** The statuses of every run of a request, once visibility (eventually consistent) shows them all closed. */
async function runsOf(pipeline: TestPipeline, requestId: string): Promise<string[]> {
  return until('visibility to show every run of the request closed', async () => {
    const runs: string[] = [];
    for await (const w of pipeline.temporal.workflow.list({ query: `WorkflowId = "image-${requestId}"` })) runs.push(w.status.name);
    return runs.includes('RUNNING') ? undefined : runs.sort();
  });
}

describe('size presets', () => {
  it('renders every preset end to end at its exact size (preview backend)', async () => {
    p = await startPipeline();
    const pipeline = p;
    const results = await Promise.all(
      Object.entries(SIZE_PRESETS).map(async ([size, dims]) => {
        const result = await pipeline.client.generate({ prompt: uniquePrompt('bear'), size, requestId: `preset-${size}-${randomUUID().slice(0, 8)}` });
        if (result.status !== 'completed') throw new Error(`${size}: expected completed, got ${result.status}`);
        const meta = await sharp(await pipeline.worker.deps.store.get(result.imageKey)).metadata();
        return { size, expected: dims, result: { width: result.width, height: result.height }, png: { width: meta.width, height: meta.height } };
      }),
    );
    for (const r of results) {
      expect(r.result, r.size).toEqual(r.expected);
      expect(r.png, r.size).toEqual(r.expected);
    }
  }, 120_000);
});

describe('image URLs', () => {
  it('keeps no presigned URL in history, and mints a fresh one each time the result is read', async () => {
    // URLs that live 2 s, so that one minted at completion is dead by the time it is read again.
    const store = testS3Store({ urlExpirySeconds: 2 });
    p = await startPipeline({ overrides: { store } });
    const requestId = `url-${randomUUID()}`;
    const first = await p.client.generate({ prompt: uniquePrompt('otter'), size: 'small', requestId });
    if (first.status !== 'completed') throw new Error(`expected completed, got ${first.status}`);
    expect(first.imageUrl).toContain('X-Amz-Signature=');
    expect((await fetch(first.imageUrl)).status).toBe(200);

    // History (the workflow's result and every activity result) holds the key, never a URL.
    const decoded = historyText(await p.temporal.workflow.getHandle(`image-${requestId}`).fetchHistory());
    // (Matches rather than the whole text, which is tens of kB, in a failure message.)
    // The publish result and the workflow result name the key.
    expect(decoded.split(`images/${requestId}.png`).length - 1).toBeGreaterThanOrEqual(2);
    expect(decoded.match(/.{0,80}X-Amz-.{0,40}/gi)).toBeNull();
    const record = await p.temporal.workflow.getHandle(`image-${requestId}`).result();
    expect(record).not.toHaveProperty('imageUrl');
    expect(record).toMatchObject({ status: 'completed', imageKey: `images/${requestId}.png` });

    await sleep(3500);
    expect((await fetch(first.imageUrl)).status).toBe(403);
    const later = await p.client.result(requestId);
    if (later.status !== 'completed') throw new Error(`expected completed, got ${later.status}`);
    expect(later.imageUrl).not.toBe(first.imageUrl);
    const res = await fetch(later.imageUrl);
    expect(res.status).toBe(200);
    expect((await sharp(Buffer.from(await res.arrayBuffer())).metadata()).width).toBe(512);
  }, 60_000);
});

/** Every event of a history as text, payload data (base64 JSON: results, inputs, details) decoded, so a URL inside cannot hide. */
function historyText(history: unknown): string {
  return JSON.stringify(history, (key, value: unknown) => {
    if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
    if (key === 'data' && typeof value === 'string') return Buffer.from(value, 'base64').toString('utf8');
    return value;
  });
}

describe('request ids', () => {
  it('starts a failed request again under the same id; a completed one stays idempotent', async () => {
    // The first render fails for good after using the (pretend) GPU for 30 s; renders after it work (60 s).
    const { pipeline, backend, store } = await pipelineFailingFirst('crashed', undefined, { type: 'A10G', secondsPerRender: 60 });
    const requestId = `again-${randomUUID()}`;
    const input = { prompt: uniquePrompt('seal'), size: 'small', requestId };
    const failure = await pipeline.client.generate(input).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RequestFailedError);
    expect((failure as RequestFailedError).type).toBe('RenderFailed');

    const retry = await pipeline.client.start(input);
    expect(retry.started).toBe(true);
    const done = await pipeline.client.result(requestId);
    expect(done.status).toBe('completed');
    expect(backend.calls).toHaveLength(2);

    // Completed: the id is taken for good, and the caller gets the same result back.
    const again = await pipeline.client.start(input);
    expect(again.started).toBe(false);
    expect(await pipeline.client.result(requestId)).toEqual(done);
    expect(backend.calls).toHaveLength(2);
    expect(await runsOf(pipeline, requestId)).toEqual(['COMPLETED', 'FAILED']);

    // Both runs stay in the ledger: the retry does not overwrite the GPU time the failed run paid for.
    const day = utcDay(new Date());
    const failedEntry = JSON.parse((await store.get(ledgerEntryKey(day, requestId))).toString());
    const retryEntry = JSON.parse((await store.get(ledgerEntryKey(day, `${requestId}.run-2`))).toString());
    expect(failedEntry).toMatchObject({ outcome: 'failed', charged: true, cost: { gpuSeconds: 30 } });
    expect(retryEntry).toMatchObject({ outcome: 'completed', charged: true, cost: { gpuSeconds: 60 } });
    expect((await store.list(`ledger/${day}/${requestId}`)).map((o) => o.key)).toHaveLength(2);
  });

  it('starts a cancelled request again under the same id', async () => {
    const { pipeline } = await pipelineFailingFirst('good', { steps: 20, stepMs: 100 });
    const requestId = `cancelled-${randomUUID()}`;
    const input = { prompt: uniquePrompt('lamb'), size: 'small', requestId };
    await pipeline.client.start(input);
    await until('the render to be under way', async () => ((await pipeline.client.progress(requestId)).render?.value ?? 0) >= 1 || undefined);
    await pipeline.client.cancel(requestId);
    const cancelled = await pipeline.client.result(requestId).catch((e: unknown) => e);
    expect((cancelled as RequestFailedError).type).toBe('CancelledFailure');

    const retry = await pipeline.client.start(input);
    expect(retry.started).toBe(true);
    expect((await pipeline.client.result(requestId)).status).toBe('completed');
    expect(await runsOf(pipeline, requestId)).toEqual(['CANCELLED', 'COMPLETED']);
  }, 60_000);

  it('fails a workflow started directly under a bad id at once, without rendering', async () => {
    const { pipeline, backend } = await pipelineFailingFirst('good');
    const started = Date.now();
    const handle = await pipeline.temporal.workflow.start('generateImage', {
      workflowId: 'image-../../x',
      taskQueue: pipeline.config.taskQueue,
      args: [{ prompt: uniquePrompt('mole'), size: 'small' }],
    });
    await expect(handle.result()).rejects.toMatchObject({
      cause: { type: 'InvalidRequest', nonRetryable: true, message: expect.stringContaining('requestId must be') },
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(backend.calls).toHaveLength(0);
  });
});
