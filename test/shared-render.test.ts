// The shared render's less travelled paths: a render abandoned by its only request ends quietly
// (completed, not FAILED, no stack in the worker log); a request that re-attaches after being told
// "abandoned" never joins the run that is still finishing (which would leave it to the watchdog);
// the watchdog finds a render an operator terminated. Every history replays deterministically.
import { afterEach, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { renderActivities } from '../activities/render';
import { renderWorkflowId } from '../domain/naming';
import { isAbandonedRender, type RenderOutcome, type AbandonedRender, type RenderSpec } from '../domain/pipeline';
import { FsBlobStore } from '../storage/fs-store';
import { detachSignal, renderStateQuery } from '../workflows/definitions';
import { ScriptedBackend } from './support/scripted-backend';
import { replayClosedHistories } from './support/replay';
import { until } from './support/until';
import { startPipeline, testConfig, uniquePrompt, type TestPipeline } from './support/pipeline';
import { workerAndClient, workerExit, workerStderr } from './support/worker-process';

let p: TestPipeline | undefined;
let child: ChildProcess | undefined;
afterEach(async () => {
  await p?.stop();
  p = undefined;
  if (child && child.exitCode === null) {
    child.kill('SIGKILL');
    await workerExit(child);
  }
  child = undefined;
});

async function slowPipeline(steps: number, stepMs: number) {
  const config = testConfig();
  const store = new FsBlobStore(join(config.dataDir, 'store'));
  const backend = new ScriptedBackend(store, () => 'good', { steps, stepMs });
  p = await startPipeline({ config, overrides: { store, backend } });
  return { pipeline: p, backend };
}

/**
 * The render workflow's status once it has closed; a run that did not complete carries its failure
 * ("FAILED: …"), so that an unexpected end says why in the assertion.
 */
async function closedStatus(temporal: Client, workflowId: string, runId?: string, timeoutMs = 30_000): Promise<string> {
  const handle = temporal.workflow.getHandle(workflowId, runId);
  const status = await until(
    `render ${workflowId} to close`,
    async () => {
      const d = await handle.describe();
      return d.status.name === 'RUNNING' ? undefined : d.status.name;
    },
    timeoutMs,
  );
  if (status === 'COMPLETED') return status;
  const why = await handle.result().then(
    () => 'no failure',
    (err: unknown) => `${(err as Error).message}; cause: ${((err as Error).cause as Error | undefined)?.message ?? 'none'}`,
  );
  return `${status}: ${why}`;
}

/** Replays every closed workflow of the task queue; exactly `expectedTypes` must have closed. */
async function expectHistoriesReplay(temporal: Client, taskQueue: string, expectedTypes: string[]): Promise<void> {
  expect((await replayClosedHistories(temporal, taskQueue)).types).toEqual(expectedTypes);
}

describe('the shared render', () => {
  it('abandoned by its only request, completes as abandoned (not FAILED) and logs no stack', async () => {
    const started = await workerAndClient({ CUBCANVAS_PREVIEW_STEPS: '40', CUBCANVAS_PREVIEW_STEP_MS: '250' });
    child = started.child;
    const { client, config } = started;
    const requestId = `abandon-${randomUUID()}`;
    await client.start({ prompt: uniquePrompt('otter'), size: 'small', requestId });
    await until('render progress', async () => {
      const pr = await client.progress(requestId);
      return pr.render && pr.render.value >= 1 ? true : undefined;
    });
    let renderId: string | undefined;
    for await (const wf of client.temporal.workflow.list({ query: `WorkflowType = 'renderImage' AND TaskQueue = '${config.taskQueue}'` }))
      renderId = wf.workflowId;
    expect(renderId).toBeDefined();
    await client.cancel(requestId);

    expect(await closedStatus(client.temporal, renderId!)).toBe('COMPLETED');
    const result = (await client.temporal.workflow.getHandle(renderId!).result()) as RenderOutcome | AbandonedRender;
    expect(isAbandonedRender(result)).toBe(true);
    if (isAbandonedRender(result)) expect(result.abandoned).toMatchObject({ type: 'RenderAbandoned', ownerRequestId: requestId });
    // The request itself is cancelled as before; the worker said nothing about a failure.
    await expect(client.result(requestId)).rejects.toMatchObject({ type: 'CancelledFailure' });
    const log = workerStderr(child);
    expect(log).not.toMatch(/Workflow failed/);
    expect(log).not.toMatch(/RenderAbandoned/);
    expect(log).not.toMatch(/\n\s+at /);
    await expectHistoriesReplay(client.temporal, config.taskQueue, ['generateImage', 'renderImage']);
  });

  it('a request re-attaching after "abandoned" waits for that run to close and joins a new one', async () => {
    const { pipeline } = await slowPipeline(40, 250);
    const activities = renderActivities(pipeline.worker.deps);
    const tag = randomUUID().slice(0, 8);
    const spec: RenderSpec = {
      cacheKey: `reattach${tag}`,
      prompt: uniquePrompt('hare'),
      negativePrompt: '',
      width: 512,
      height: 512,
      seed: 7,
      style: 'storybook',
    };
    // Waiters are requests that no longer exist: telling them is skipped, as for a finished request.
    const early = { requestId: `early-${tag}`, workflowId: `image-early-${tag}` };
    const late = { requestId: `late-${tag}`, workflowId: `image-late-${tag}` };
    const first = await activities.attachToRender({ spec, waiter: early });
    if (first.status !== 'attached') throw new Error(`expected attached, got ${first.status}`);
    const workflowId = renderWorkflowId(pipeline.config.taskQueue, spec.cacheKey);
    expect(first.renderWorkflowId).toBe(workflowId);
    expect(await activities.attachToRender({ spec, waiter: late })).toMatchObject({ status: 'attached', runId: first.runId });
    const run1 = pipeline.temporal.workflow.getHandle(workflowId, first.runId);
    await until('the render to make progress with both waiting', async () => {
      const state = await run1.query(renderStateQuery);
      return (state.progress?.value ?? 0) >= 1 && state.waiters.length === 2 ? true : undefined;
    });
    // The late request was told "abandoned" and re-attaches while that run is still open (the
    // race): the run has told it once already and would not again.
    const second = activities.attachToRender({ spec, waiter: late, abandonedRunId: first.runId });
    let settled = false;
    void second.finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // It neither joined the run that is ending nor gave up: it waits for that run to close.
    expect(settled).toBe(false);
    await run1.signal(detachSignal, early.requestId);
    await run1.signal(detachSignal, late.requestId);
    const rejoined = await second;
    if (rejoined.status !== 'attached') throw new Error(`expected attached, got ${rejoined.status}`);
    expect(rejoined.runId).toBeDefined();
    expect(rejoined.runId).not.toBe(first.runId);
    expect(await closedStatus(pipeline.temporal, workflowId, first.runId)).toBe('COMPLETED');
    // The new run renders for the late request; end it so the test leaves nothing running.
    await pipeline.temporal.workflow.getHandle(workflowId, rejoined.runId).signal(detachSignal, late.requestId);
    expect(await closedStatus(pipeline.temporal, workflowId)).toBe('COMPLETED');
    await expectHistoriesReplay(pipeline.temporal, pipeline.config.taskQueue, ['renderImage']);
  });

  it('a new identical request right after the only one was cancelled completes well before the watchdog', async () => {
    const { pipeline, backend } = await slowPipeline(30, 150);
    const prompt = uniquePrompt('lynx');
    const leaving = await pipeline.client.start({ prompt, size: 'small' });
    await until('render progress', async () => {
      const pr = await pipeline.client.progress(leaving.requestId);
      return pr.render && pr.render.value >= 1 ? true : undefined;
    });
    const began = Date.now();
    await pipeline.client.cancel(leaving.requestId);
    const staying = await pipeline.client.start({ prompt, size: 'small' });
    const result = await pipeline.client.result(staying.requestId);
    expect(result.status).toBe('completed');
    // The watchdog would take 2 minutes; a render of 30 x 150 ms plus a restart takes seconds.
    expect(Date.now() - began).toBeLessThan(90_000);
    expect(backend.completed).toBe(1);
    await expectHistoriesReplay(pipeline.temporal, pipeline.config.taskQueue, ['generateImage', 'renderImage']);
  });

  it('the watchdog finds a render an operator terminated, and the request renders again', { timeout: 300_000 }, async () => {
    const { pipeline, backend } = await slowPipeline(400, 250);
    const request = await pipeline.client.start({ prompt: uniquePrompt('badger'), size: 'small' });
    await until('render progress', async () => {
      const pr = await pipeline.client.progress(request.requestId);
      return pr.render && pr.render.value >= 1 ? true : undefined;
    });
    const cacheKey = backend.calls[0]!.cacheKey;
    const workflowId = renderWorkflowId(pipeline.config.taskQueue, cacheKey);
    const stuck = (await pipeline.temporal.workflow.getHandle(workflowId).describe()).runId;
    // Terminated, the render tells nobody: only the request's watchdog can notice.
    await pipeline.temporal.workflow.getHandle(workflowId).terminate('operator: stuck');
    const terminatedAt = Date.now();
    await until(
      'the request to start a new render',
      async () => {
        const d = await pipeline.temporal.workflow.getHandle(workflowId).describe();
        return d.status.name === 'RUNNING' && d.runId !== stuck && backend.calls.length >= 2 ? true : undefined;
      },
      200_000,
    );
    // Not earlier than the watchdog's 2 minutes: nothing else told the request.
    expect(Date.now() - terminatedAt).toBeGreaterThanOrEqual(110_000);
    await pipeline.client.cancel(request.requestId);
    await closedStatus(pipeline.temporal, workflowId);
  });
});
