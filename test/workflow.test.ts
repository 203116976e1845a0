// The pipeline on a real Temporal dev server with real workers: every behaviour of the
// generateImage workflow that a caller or operator relies on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { SA_CACHE_HIT, SA_OUTCOME, SA_STEP } from '../domain/search-attributes';
import { readPngText } from '../imaging/png-text';
import { RequestFailedError } from '../client/cubcanvas-client';
import { InvalidRequestError } from '../domain/errors';
import { ledgerEntryKey, utcDay } from '../domain/storage-layout';
import { join } from 'node:path';
import { FsBlobStore } from '../storage/fs-store';
import { ScriptedBackend } from './support/scripted-backend';
import { startPipeline, testConfig, uniquePrompt, type TestPipeline } from './support/pipeline';

describe('generateImage on a real Temporal server', () => {
  let p: TestPipeline;
  beforeAll(async () => {
    p = await startPipeline();
  });
  afterAll(async () => {
    await p?.stop();
  });

  it('runs every step and publishes a watermarked picture with provenance and a ledger entry', async () => {
    const requestId = `happy-${randomUUID()}`;
    const result = await p.client.generate({ prompt: uniquePrompt('penguin'), size: 'small', requestId });
    expect(result.status).toBe('completed');
    if (result.status !== 'completed') return;
    expect(result.cacheHit).toBe(false);
    expect(result.preview).toBe(true);
    expect(result.attempts).toHaveLength(1);
    expect(result.attempts[0]!.ok).toBe(true);
    expect(result.timings.map((t) => t.step)).toEqual(['screen', 'cache', 'render', 'watermark', 'publish', 'cost']);
    expect(result.cost).toMatchObject({ gpuSeconds: 0, amount: 0, currency: 'CNY' });

    const png = await p.worker.deps.store.get(result.imageKey);
    const meta = await sharp(png).metadata();
    expect([meta.width, meta.height]).toEqual([512, 512]);
    const provenance = JSON.parse(readPngText(png)['cubcanvas:provenance']!);
    expect(provenance).toMatchObject({ requestId, model: 'cubcanvas-preview', workflowVersion: 'preview-v1', preview: true, cacheKey: result.cacheKey });

    const ledger = JSON.parse((await p.worker.deps.store.get(ledgerEntryKey(utcDay(new Date()), requestId))).toString());
    expect(ledger).toMatchObject({ requestId, charged: true, cacheHit: false, outcome: 'completed' });
    // Staging copies are gone once the picture is published.
    expect(await p.worker.deps.store.list('staging/')).toEqual([]);

    const description = await p.temporal.workflow.getHandle(`image-${requestId}`).describe();
    expect(description.typedSearchAttributes.get(SA_OUTCOME)).toBe('completed');
    expect(description.typedSearchAttributes.get(SA_STEP)).toBe('done');
    expect(description.typedSearchAttributes.get(SA_CACHE_HIT)).toBe(false);
    expect(await description.staticSummary()).toContain('penguin');
    expect((await p.client.progress(requestId)).stepsDone).toEqual(['screen', 'cache', 'render', 'watermark', 'publish', 'cost']);
  });

  it('answers a repeated prompt from the cache without rendering', async () => {
    const prompt = uniquePrompt('rabbit');
    const first = await p.client.generate({ prompt, size: 'small' });
    // Different spacing and case normalise to the same prompt, hence the same cache key.
    const second = await p.client.generate({ prompt: `  ${prompt.toUpperCase()} `, size: 'small' });
    expect(first.status).toBe('completed');
    expect(second.status).toBe('completed');
    if (first.status !== 'completed' || second.status !== 'completed') return;
    expect(second.cacheHit).toBe(true);
    expect(second.cacheKey).toBe(first.cacheKey);
    expect(second.attempts).toEqual([]);
    expect(second.timings.map((t) => t.step)).not.toContain('render');
    expect(second.imageKey).not.toBe(first.imageKey);
    // Each request gets its own watermarked copy carrying its own request id.
    const provenance = JSON.parse(readPngText(await p.worker.deps.store.get(second.imageKey))['cubcanvas:provenance']!);
    expect(provenance.requestId).toBe(second.requestId);
  });

  it('rejects an unsafe prompt before any render, with category and reasons', async () => {
    const requestId = `unsafe-${randomUUID()}`;
    const result = await p.client.generate({ prompt: 'a bear holding a g.u.n', requestId });
    expect(result).toMatchObject({ status: 'rejected', category: 'weapons' });
    if (result.status !== 'rejected') return;
    expect(result.reasons.join(' ')).toContain('gun');
    expect(result.timings.map((t) => t.step)).toEqual(['screen', 'cost']);
    expect(await p.worker.deps.store.list('staging/')).toEqual([]);
    // In the ledger at no cost, so that the cost report counts it.
    const ledger = await p.worker.deps.store.list('ledger/');
    const mine = ledger.find((b) => b.key.endsWith(`/${requestId}.json`));
    expect(JSON.parse((await p.worker.deps.store.get(mine!.key)).toString())).toMatchObject({
      outcome: 'rejected',
      charged: false,
      cost: { gpuSeconds: 0, amount: 0 },
    });
    const description = await p.temporal.workflow.getHandle(`image-${requestId}`).describe();
    expect(description.typedSearchAttributes.get(SA_OUTCOME)).toBe('rejected');
  });

  it('refuses malformed input in the client with every problem named, starting nothing', async () => {
    const requestId = `bad-${randomUUID()}`;
    const attempt = p.client.start({ prompt: '   ', size: '999x5', requestId, seed: -1 });
    await expect(attempt).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(attempt).rejects.toThrow(/prompt is empty.*width 999 .*seed must be/);
    await expect(p.temporal.workflow.getHandle(`image-${requestId}`).describe()).rejects.toThrow(/not found/i);
  });

  it('fails malformed input that bypasses the client as a non-retryable InvalidRequest', async () => {
    const handle = await p.temporal.workflow.start('generateImage', {
      workflowId: `image-raw-${randomUUID()}`,
      taskQueue: p.config.taskQueue,
      args: [{ prompt: 'a panda', width: 100, height: 100 }],
    });
    await expect(handle.result()).rejects.toMatchObject({
      cause: { type: 'InvalidRequest', message: expect.stringContaining('width 100 is outside 256..2048') },
    });
  });

  it('never starts a second workflow for the same requestId', async () => {
    const requestId = `dup-${randomUUID()}`;
    const input = { prompt: uniquePrompt('fox'), size: 'small', requestId };
    const a = await p.client.start(input);
    const b = await p.client.start(input);
    expect(a.started).toBe(true);
    expect(b.started).toBe(false);
    const first = await p.client.result(requestId);
    // Even after completion the id stays taken: the caller gets the original result back.
    const again = await p.client.start(input);
    expect(again.started).toBe(false);
    expect(await p.client.result(requestId)).toEqual(first);
    // The workflow's own result is that record without a URL (the client mints it on reading).
    const { imageUrl: _minted, ...record } = first as Extract<typeof first, { status: 'completed' }>;
    expect(await again.handle.result()).toEqual(record);
    const runs = [];
    for await (const w of p.temporal.workflow.list({ query: `WorkflowId = "image-${requestId}"` })) runs.push(w);
    expect(runs).toHaveLength(1);
  });

  it('fails a request with a typed error the client can act on', async () => {
    // A backend that says the render can never work: the request fails, not retried, with its type.
    const config = testConfig();
    const store = new FsBlobStore(join(config.dataDir, 'store'));
    const failing = await startPipeline({ config, overrides: { store, backend: new ScriptedBackend(store, () => 'broken') } });
    try {
      const requestId = `typed-${randomUUID()}`;
      const error = await failing.client.generate({ prompt: uniquePrompt('yak'), size: 'small', requestId }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RequestFailedError);
      const failure = error as RequestFailedError;
      expect(failure.type).toBe('RenderFailed');
      expect(failure.requestId).toBe(requestId);
      expect(failure.message).toContain('workflow graph rejected');
      expect((await failing.temporal.workflow.getHandle(`image-${requestId}`).describe()).typedSearchAttributes.get(SA_OUTCOME)).toBe('failed');
    } finally {
      await failing.stop();
    }
    // An id nobody started is not a failed request: the server's not-found error comes through.
    await expect(p.client.result(`missing-${randomUUID()}`)).rejects.toThrow(/not found/i);
  });
});
