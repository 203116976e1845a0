// Concurrent identical requests share one render; cancelling a request stops its render unless
// another request still waits for it.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { RequestFailedError } from '../client/cubcanvas-client';
import { renderWorkflowId } from '../domain/naming';
import { SA_OUTCOME } from '../domain/search-attributes';
import { ledgerEntryKey, utcDay } from '../domain/storage-layout';
import { FsBlobStore } from '../storage/fs-store';
import { ScriptedBackend } from './support/scripted-backend';
import { until } from './support/until';
import { startPipeline, testConfig, uniquePrompt, type TestPipeline } from './support/pipeline';

let p: TestPipeline | undefined;
afterEach(async () => {
  await p?.stop();
  p = undefined;
});

async function slowPipeline(steps: number, stepMs: number, gpu?: { type: string; secondsPerRender: number }) {
  const config = testConfig();
  const store = new FsBlobStore(join(config.dataDir, 'store'));
  const backend = new ScriptedBackend(store, () => 'good', { steps, stepMs }, gpu);
  p = await startPipeline({ config, overrides: { store, backend } });
  return { pipeline: p, backend, store };
}

describe('shared renders and cancellation', () => {
  it('renders once for two concurrent identical prompts, and charges it once', async () => {
    const { pipeline, backend, store } = await slowPipeline(10, 150);
    const prompt = uniquePrompt('elephant');
    const [a, b] = await Promise.all([pipeline.client.start({ prompt, size: 'small' }), pipeline.client.start({ prompt, size: 'small' })]);
    // Both are visibly waiting on the same render, with live progress.
    await until('both requests to report render progress', async () => {
      const [pa, pb] = await Promise.all([pipeline.client.progress(a.requestId), pipeline.client.progress(b.requestId)]);
      return pa.render && pb.render && pa.render.value > 0 && pb.render.value > 0 ? true : undefined;
    });
    const [ra, rb] = await Promise.all([pipeline.client.result(a.requestId), pipeline.client.result(b.requestId)]);
    if (ra.status !== 'completed' || rb.status !== 'completed') throw new Error('both should complete');
    expect(backend.calls).toHaveLength(1);
    expect(ra.cacheKey).toBe(rb.cacheKey);
    expect([ra.sharedRender, rb.sharedRender].sort()).toEqual([false, true]);
    expect(ra.imageKey).not.toBe(rb.imageKey);
    const day = utcDay(new Date());
    const ledgers = await Promise.all([a, b].map(async (r) => JSON.parse((await store.get(ledgerEntryKey(day, r.requestId))).toString())));
    expect(ledgers.filter((l) => l.charged)).toHaveLength(1);
    expect(ledgers.find((l) => !l.charged)?.sharedWith).toBe(ledgers.find((l) => l.charged)?.requestId);
  });

  it('renders again when the cached picture was removed (e.g. by a lifecycle rule)', async () => {
    const { pipeline, backend, store } = await slowPipeline(2, 0);
    const prompt = uniquePrompt('pig');
    const first = await pipeline.client.generate({ prompt, size: 'small' });
    if (first.status !== 'completed') throw new Error('expected completed');
    await store.delete(`cache/${first.cacheKey}.png`);
    const second = await pipeline.client.generate({ prompt, size: 'small' });
    expect(second).toMatchObject({ status: 'completed', cacheHit: false, sharedRender: false });
    expect(backend.calls).toHaveLength(2);
    expect(await store.head(`cache/${first.cacheKey}.png`)).toBeDefined();
  });

  it('cancelling a request stops its GPU render and charges the GPU time it used', async () => {
    const { pipeline, backend, store } = await slowPipeline(40, 250, { type: 'A10G', secondsPerRender: 10 });
    const requestId = `cancel-${randomUUID()}`;
    await pipeline.client.start({ prompt: uniquePrompt('tiger'), size: 'small', requestId });
    const progress = await until('render progress', async () => {
      const pr = await pipeline.client.progress(requestId);
      return pr.render && pr.render.value >= 1 ? pr : undefined;
    });
    expect(progress.step).toBe('render');
    await pipeline.client.cancel(requestId);
    const error = await pipeline.client.result(requestId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestFailedError);
    expect((error as RequestFailedError).type).toBe('CancelledFailure');
    // The shared render noticed nobody waits any more and aborted the backend well before its 10 s.
    const cacheKey = backend.calls[0]!.cacheKey;
    const render = pipeline.temporal.workflow.getHandle(renderWorkflowId(pipeline.config.taskQueue, cacheKey));
    const status = await until('render workflow to end', async () => {
      const d = await render.describe();
      return d.status.name === 'RUNNING' ? undefined : d.status.name;
    });
    // Abandoned is a normal end, not a failure.
    expect(status).toBe('COMPLETED');
    await expect(render.result()).resolves.toMatchObject({ abandoned: { type: 'RenderAbandoned' } });
    await until('backend abort', async () => (backend.aborted === 1 ? true : undefined), 5000);
    expect(backend.completed).toBe(0);
    expect((await pipeline.temporal.workflow.getHandle(`image-${requestId}`).describe()).typedSearchAttributes.get(SA_OUTCOME)).toBe('cancelled');
    // The GPU ran for a while before it was stopped: that time is in the cancelled request's ledger.
    const ledger = JSON.parse((await store.get(ledgerEntryKey(utcDay(new Date()), requestId))).toString());
    expect(ledger).toMatchObject({ requestId, outcome: 'cancelled', charged: true, cacheHit: false });
    expect(ledger.attempts).toHaveLength(1);
    expect(ledger.attempts[0]).toMatchObject({ gpuType: 'A10G', ok: false, reasons: ['stopped: the render was cancelled'] });
    expect(ledger.cost.gpuSeconds).toBeGreaterThanOrEqual(0.25);
    expect(ledger.cost.gpuSeconds).toBeLessThan(10);
    expect(ledger.cost.amount).toBeGreaterThan(0);
  });

  it('charges a render that finished as its request was cancelled, and stores nothing from it', async () => {
    const config = testConfig();
    const store = new FsBlobStore(join(config.dataDir, 'store'));
    const backend = new ScriptedBackend(store, () => 'deaf-to-cancel', { steps: 12, stepMs: 250 }, { type: 'A10G', secondsPerRender: 7 });
    p = await startPipeline({ config, overrides: { store, backend } });
    const requestId = `cancel-late-${randomUUID()}`;
    await p.client.start({ prompt: uniquePrompt('otter'), size: 'small', requestId });
    await until('render progress', async () => ((await p!.client.progress(requestId)).render?.value ?? 0) >= 1 || undefined);
    await p.client.cancel(requestId);
    await expect(p.client.result(requestId)).rejects.toBeInstanceOf(RequestFailedError);
    const render = p.temporal.workflow.getHandle(renderWorkflowId(p.config.taskQueue, backend.calls[0]!.cacheKey));
    await expect(render.result()).resolves.toMatchObject({ abandoned: { type: 'RenderAbandoned' } });
    expect(backend.aborted).toBe(0);
    expect(backend.completed).toBe(1);
    // The whole render's GPU time is in the cancelled request's ledger; the picture went to no cache.
    const ledger = JSON.parse((await store.get(ledgerEntryKey(utcDay(new Date()), requestId))).toString());
    expect(ledger).toMatchObject({ requestId, outcome: 'cancelled', charged: true });
    expect(ledger.attempts).toEqual([
      expect.objectContaining({ gpuType: 'A10G', gpuSeconds: 7, ok: false, reasons: ['stopped: the render was cancelled as it finished'] }),
    ]);
    expect(await store.head(`cache/${backend.calls[0]!.cacheKey}.png`)).toBeUndefined();
  });

  it('keeps rendering for the request still waiting when the other one is cancelled', async () => {
    const { pipeline, backend } = await slowPipeline(12, 200);
    const prompt = uniquePrompt('frog');
    const stay = await pipeline.client.start({ prompt, size: 'small' });
    const leave = await pipeline.client.start({ prompt, size: 'small' });
    await until('both attached', async () => {
      const pr = await pipeline.client.progress(leave.requestId);
      return pr.render && pr.render.value >= 1 ? true : undefined;
    });
    await pipeline.client.cancel(leave.requestId);
    await expect(pipeline.client.result(leave.requestId)).rejects.toBeInstanceOf(RequestFailedError);
    const kept = await pipeline.client.result(stay.requestId);
    expect(kept.status).toBe('completed');
    expect(backend.calls).toHaveLength(1);
    expect(backend.aborted).toBe(0);
    // The remaining request pays, since the one that started the render left.
    if (kept.status === 'completed') expect(kept.sharedRender).toBe(false);
  });

  it('an operator cancelling the shared render itself fails every request waiting on it as RenderCancelled, and stops the GPU', async () => {
    const { pipeline, backend } = await slowPipeline(20, 200);
    const prompt = uniquePrompt('walrus');
    const a = await pipeline.client.start({ prompt, size: 'small' });
    const b = await pipeline.client.start({ prompt, size: 'small' });
    await until('both waiting on the render', async () => {
      const [pa, pb] = await Promise.all([pipeline.client.progress(a.requestId), pipeline.client.progress(b.requestId)]);
      return pa.render && pb.render && pa.render.value >= 1 ? true : undefined;
    });
    let renderId: string | undefined;
    for await (const wf of pipeline.temporal.workflow.list({
      query: `WorkflowType = 'renderImage' AND TaskQueue = '${pipeline.config.taskQueue}' AND ExecutionStatus = 'Running'`,
    }))
      renderId = wf.workflowId;
    await pipeline.temporal.workflow.getHandle(renderId!).cancel();
    for (const r of [a, b]) {
      const err = (await pipeline.client.result(r.requestId).catch((e: unknown) => e)) as RequestFailedError;
      expect(err).toBeInstanceOf(RequestFailedError);
      expect(err.type).toBe('RenderCancelled');
      expect(err.message).toContain('cancelled by an operator');
    }
    await until('the render stopped', async () => (backend.aborted === 1 ? true : undefined), 10_000);
    expect(backend.completed).toBe(0);
  });
});
