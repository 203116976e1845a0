// Batches on the real Temporal dev server (preview backend, scripted faults): every item a request
// of its own, cache misses rendered together, a regeneration, a render that fails alone, the report
// rows, the contact sheet; and a malformed manifest refused before anything starts.
import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import sharp from 'sharp';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { batchProgressQuery } from '../workflows/definitions';
import { until } from './support/until';
import { resultWithin } from './support/result-within';
import { batchKeys, batchWorkflowId, type BatchResult } from '../domain/batch';
import type { RenderTask } from '../render/backend';
import { FsBlobStore } from '../storage/fs-store';
import { ScriptedBackend } from './support/scripted-backend';
import { startPipeline, testConfig, uniquePrompt, uniqueTag, type TestPipeline } from './support/pipeline';
import { join } from 'node:path';

let p: TestPipeline | undefined;
afterEach(async () => {
  await p?.stop();
  p = undefined;
});

async function batchPipeline(script: (task: RenderTask) => 'good' | 'dark' | 'broken') {
  const config = testConfig();
  const store = new FsBlobStore(join(config.dataDir, 'store'));
  const backend = new ScriptedBackend(store, (task) => script(task));
  p = await startPipeline({ config, overrides: { store, backend } });
  return { pipeline: p, store, backend };
}

const runBatch = (pl: TestPipeline, batchId: string, manifestKey: string, groupSize = 10) =>
  pl.temporal.workflow.execute('dailyBatch', {
    workflowId: batchWorkflowId(batchId),
    taskQueue: pl.config.taskQueue,
    args: [{ batchId, manifestKey, groupSize, maxConcurrentJobs: 2 }],
  }) as Promise<BatchResult>;

describe('daily batch', () => {
  it('runs every item as a request: a cache hit, a rejection, a failure, a regeneration, the rest rendered together; writes the report and contact sheet', async () => {
    const tag = uniqueTag();
    let grumpyCalls = 0;
    let gloomyFirstSeed: number | undefined;
    const { pipeline, store, backend } = await batchPipeline((task) => {
      if (task.prompt.includes('grumpy')) {
        grumpyCalls++;
        return 'broken';
      }
      // The frog comes out too dark with its first seed, whenever that seed is rendered.
      if (task.prompt.includes('gloomy')) return (gloomyFirstSeed ??= task.seed) === task.seed ? 'dark' : 'good';
      return 'good';
    });
    const cached = uniquePrompt('panda');
    const first = await pipeline.client.generate({ prompt: cached, size: 'small' });
    expect(first.status).toBe('completed');
    const callsBefore = backend.calls.length;
    const manifest = [
      'id,prompt,size',
      `hit,${cached},small`,
      'bad,a cute puppy holding a loaded gun,small',
      `fail,a grumpy owl ${tag},small`,
      `regen,a gloomy frog ${tag},small`,
      `ok1,a happy duck ${tag},small`,
      `ok2,"a happy lamb, waving ${tag}",small`,
    ].join('\n');
    await store.put('manifests/day.csv', Buffer.from(manifest));
    const batchId = `day-${tag}`;
    const result = await runBatch(pipeline, batchId, 'manifests/day.csv');

    expect(result.total).toBe(6);
    expect(result.counts).toMatchObject({ done: 6, completed: 4, cacheHits: 1, rejected: 1, failed: 1, cancelled: 0 });
    // The four misses went to the pool as one group; the owl failed it, so each ran again alone and
    // only the owl failed: once in the group, once alone.
    expect(grumpyCalls).toBe(2);
    expect(backend.calls.length - callsBefore).toBeGreaterThanOrEqual(1 + 4 + 1);
    // The frog failed validation and was rendered again with a new seed.
    const frog = await pipeline.temporal.workflow.getHandle(`image-${batchId}.regen`).result();
    expect(frog.status === 'completed' && frog.attempts.map((a: { ok: boolean }) => a.ok)).toEqual([false, true]);

    const rows = parse(await store.get(result.report.csv), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.id, r.outcome])).toEqual([
      ['hit', 'completed'],
      ['bad', 'rejected'],
      ['fail', 'failed'],
      ['regen', 'completed'],
      ['ok1', 'completed'],
      ['ok2', 'completed'],
    ]);
    expect(rows[0]).toMatchObject({ cache_hit: 'true', image: `images/${batchId}.hit.png`, prompt: cached });
    expect(rows[1]!.reason).toMatch(/^weapons: /);
    expect(rows[2]!.reason).toMatch(/^RenderFailed: workflow graph rejected/);
    expect(rows[5]!.prompt).toBe(`a happy lamb, waving ${tag}`);
    for (const r of rows.filter((x) => x.outcome === 'completed')) expect(await store.head(r.image!)).toBeTruthy();
    const report = JSON.parse((await store.get(result.report.json)).toString()) as { items: unknown[]; counts: unknown };
    expect(report.items).toHaveLength(6);
    expect(report.counts).toEqual(result.counts);
    const sheet = await sharp(await store.get(result.report.contactSheets[0]!)).metadata();
    expect(sheet.width).toBeGreaterThan(600);

    // Every item is a request of its own, searchable by the batch id.
    const ids: string[] = [];
    for await (const wf of pipeline.temporal.workflow.list({ query: `CubcanvasBatchId = '${batchId}'` })) ids.push(wf.workflowId);
    expect(ids.sort()).toEqual(['bad', 'fail', 'hit', 'ok1', 'ok2', 'regen'].map((i) => `image-${batchId}.${i}`).sort());
  });

  // Its waits have limits of their own (a group rendering: 20 s, the cancelled result: 60 s, then
  // saying where the batch stands; everything closed: 30 s); they, not the test's limit, decide.
  it('cancelling a batch cancels its requests and their renders; nothing keeps running', async () => {
    const config = testConfig({ CUBCANVAS_PREVIEW_STEPS: '20', CUBCANVAS_PREVIEW_STEP_MS: '150' });
    p = await startPipeline({ config });
    const pipeline = p;
    const tag = uniqueTag();
    await pipeline.worker.deps.store.put(
      'manifests/slow.csv',
      Buffer.from(['id,prompt,size', ...[1, 2, 3, 4].map((i) => `s${i},a cute sloth number ${i} ${tag},small`)].join('\n')),
    );
    const batchId = `cancel-${tag}`;
    const related = `CubcanvasBatchId = '${batchId}' OR WorkflowId STARTS_WITH 'group-${batchId}'`;
    const handle = await pipeline.temporal.workflow.start('dailyBatch', {
      workflowId: batchWorkflowId(batchId),
      taskQueue: pipeline.config.taskQueue,
      args: [{ batchId, manifestKey: 'manifests/slow.csv', groupSize: 2, maxConcurrentJobs: 1 }],
    });
    await until('a group rendering', async () => ((await handle.query(batchProgressQuery)).runningJobs > 0 ? true : undefined), 20_000);
    await handle.cancel();
    const err = await resultWithin(pipeline.temporal, handle, 60_000, related).catch((e: unknown) => e);
    // A stall's error names what is still open: thrown whole, not cut short inside an assertion.
    if (!(err instanceof WorkflowFailedError)) throw err;
    expect(err.cause).toBeInstanceOf(CancelledFailure);
    // Every request of the batch and every render group ends; none is left running.
    await until(
      "the batch's requests and groups closed",
      async () => {
        let running = 0;
        for await (const wf of pipeline.temporal.workflow.list({
          query: `ExecutionStatus = 'Running' AND (${related})`,
        }))
          running += wf ? 1 : 0;
        return running === 0 ? true : undefined;
      },
      30_000,
    );
    const cancelled: string[] = [];
    for await (const wf of pipeline.temporal.workflow.list({ query: `CubcanvasBatchId = '${batchId}'` }))
      if (wf.status.name === 'CANCELLED') cancelled.push(wf.workflowId);
    expect(cancelled.length).toBeGreaterThan(0);
    // The cancelled batch still wrote its report: what was done, and that it was cancelled.
    const report = JSON.parse((await pipeline.worker.deps.store.get(batchKeys(batchId).json)).toString()) as {
      cancelled?: boolean;
      notStarted?: number;
      counts: { cancelled: number };
      items: { id: string; outcome: string }[];
    };
    expect(report.cancelled).toBe(true);
    expect(report.items.length + (report.notStarted ?? 0)).toBe(4);
    expect(report.counts.cancelled).toBe(report.items.filter((i) => i.outcome === 'cancelled').length);
    expect(report.counts.cancelled).toBeGreaterThan(0);
  });

  // The race behind a batch that never ended: its render group finishes being cancelled while one
  // of its requests is still ending (here: held in its screening step, which a cancellation waits
  // for). The group's end must not leave a rejected promise in the batch, whose every workflow
  // task would then fail, so that it never closes.
  it('a cancelled batch ends even when its render group closes before its last request does', async () => {
    const config = testConfig({ CUBCANVAS_PREVIEW_STEPS: '20', CUBCANVAS_PREVIEW_STEP_MS: '150' });
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    p = await startPipeline({
      config,
      wrapActivities: (acts) => ({
        ...acts,
        async screenPrompt(...args: Parameters<typeof acts.screenPrompt>) {
          if (args[0].prompt.includes('held back')) await released;
          return acts.screenPrompt(...args);
        },
      }),
    });
    const pipeline = p;
    const tag = uniqueTag();
    const rows = [`s1,a cute sloth on a branch ${tag},small`, `s2,a cute sloth in the rain ${tag},small`, `s3,a cute sloth held back ${tag},small`];
    await pipeline.worker.deps.store.put('manifests/held.csv', Buffer.from(['id,prompt,size', ...rows].join('\n')));
    const batchId = `held-${tag}`;
    const groups = `WorkflowId STARTS_WITH 'group-${batchId}'`;
    const handle = await pipeline.temporal.workflow.start('dailyBatch', {
      workflowId: batchWorkflowId(batchId),
      taskQueue: pipeline.config.taskQueue,
      args: [{ batchId, manifestKey: 'manifests/held.csv', groupSize: 2, maxConcurrentJobs: 1 }],
    });
    try {
      await until('a group rendering', async () => ((await handle.query(batchProgressQuery)).runningJobs > 0 ? true : undefined), 20_000);
      await handle.cancel();
      await until(
        'the render group closed',
        async () => {
          let running = 0;
          for await (const wf of pipeline.temporal.workflow.list({ query: `ExecutionStatus = 'Running' AND ${groups}` })) running += wf ? 1 : 0;
          return running === 0 ? true : undefined;
        },
        30_000,
      );
    } finally {
      release();
    }
    const err = await resultWithin(pipeline.temporal, handle, 60_000, `CubcanvasBatchId = '${batchId}' OR ${groups}`).catch((e: unknown) => e);
    if (!(err instanceof WorkflowFailedError)) throw err;
    expect(err.cause).toBeInstanceOf(CancelledFailure);
    const report = JSON.parse((await pipeline.worker.deps.store.get(batchKeys(batchId).json)).toString()) as { cancelled?: boolean };
    expect(report.cancelled).toBe(true);
  });

  // A group whose pictures cannot even be checked (storage gone past every retry) fails the batch,
  // saying why, instead of leaving it waiting for renders that will never be told.
  it('a render group that fails past its own handling fails the batch with its error', async () => {
    p = await startPipeline({
      wrapActivities: (acts) => ({
        ...acts,
        async validateImage() {
          throw ApplicationFailure.nonRetryable('the store refused every read (injected)', 'StorageUnavailable');
        },
      }),
    });
    const pipeline = p;
    const tag = uniqueTag();
    await pipeline.worker.deps.store.put('manifests/two.csv', Buffer.from(`id,prompt,size\nb1,a cute owl ${tag},small\nb2,a cute hen ${tag},small`));
    const batchId = `broken-${tag}`;
    const handle = await pipeline.temporal.workflow.start('dailyBatch', {
      workflowId: batchWorkflowId(batchId),
      taskQueue: pipeline.config.taskQueue,
      args: [{ batchId, manifestKey: 'manifests/two.csv', groupSize: 2, maxConcurrentJobs: 1 }],
    });
    const err = await resultWithin(pipeline.temporal, handle, 60_000, `CubcanvasBatchId = '${batchId}'`).catch((e: unknown) => e);
    if (!(err instanceof WorkflowFailedError)) throw err;
    const chain: string[] = [];
    for (let e: unknown = err; e instanceof Error; e = e.cause) chain.push(e.message);
    expect(chain.join(' <- ')).toContain('the store refused every read (injected)');
  });

  it('refuses a malformed manifest with every problem listed, before any request starts', async () => {
    const { pipeline, store } = await batchPipeline(() => 'good');
    await store.put('manifests/bad.csv', Buffer.from('id,prompt\na,a cute cat\na,a cute dog\nb,\n'));
    const batchId = `bad-${randomUUID().slice(0, 6)}`;
    const err = (await runBatch(pipeline, batchId, 'manifests/bad.csv').catch((e: unknown) => e)) as WorkflowFailedError;
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect((err.cause as { type?: string }).type).toBe('InvalidRequest');
    expect(err.cause?.message).toContain('line 3: id "a" is used again (first at line 2)');
    expect(err.cause?.message).toMatch(/line 4 \(b\): .*prompt/);
    const started: string[] = [];
    for await (const wf of pipeline.temporal.workflow.list({ query: `CubcanvasBatchId = '${batchId}'` })) started.push(wf.workflowId);
    expect(started).toEqual([]);
  });
});
