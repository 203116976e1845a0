// A worker process killed (SIGKILL, no goodbye) in the middle of a render: the request still
// completes once another worker is up, because every step is durable in Temporal.
import { afterEach, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { startPipeline, uniquePrompt, type TestPipeline } from './support/pipeline';
import { workerAndClient } from './support/worker-process';
import { until } from './support/until';
import { FakeComfyUi } from './support/fake-comfyui';

let child: ChildProcess | undefined;
let p: TestPipeline | undefined;
let fake: FakeComfyUi | undefined;
afterEach(async () => {
  child?.kill('SIGKILL');
  await p?.stop();
  p = undefined;
  await fake?.stop();
  fake = undefined;
});

type Client = import('../client/cubcanvas-client').CubcanvasClient;

async function killMidRender(client: Client, requestId: string, alsoWaitFor?: () => Promise<boolean>): Promise<number> {
  await until('render to be under way', async () => {
    const pr = await client.progress(requestId);
    return pr.render && pr.render.value >= 3 && (!alsoWaitFor || (await alsoWaitFor())) ? true : undefined;
  });
  child!.kill('SIGKILL');
  await new Promise((resolve) => child!.once('exit', resolve));
  return Date.now();
}

/**
 * Whether the server holds the render activity's checkpoint of its queued prompt. Heartbeats are
 * throttled: a worker killed within a second of queueing may not have sent it yet (then the next
 * try queues the prompt again, which this test is not about).
 */
async function promptCheckpointed(client: Client, taskQueue: string): Promise<boolean> {
  for await (const wf of client.temporal.workflow.list({
    query: `WorkflowType = 'renderImage' AND TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'`,
  })) {
    const description = await client.temporal.workflow.getHandle(wf.workflowId).describe();
    for (const activity of description.raw.pendingActivities ?? []) {
      const payload = activity.heartbeatDetails?.payloads?.[0];
      const details = payload ? defaultPayloadConverter.fromPayload<{ backend?: { promptId?: string } }>(payload) : undefined;
      if (details?.backend?.promptId) return true;
    }
  }
  return false;
}

describe('worker crash', () => {
  it('completes a request whose worker was killed mid-render once a new worker starts', async () => {
    const env = { CUBCANVAS_PREVIEW_STEPS: '20', CUBCANVAS_PREVIEW_STEP_MS: '200' };
    const started = await workerAndClient(env);
    const { config, client } = started;
    child = started.child;
    const requestId = `crash-${randomUUID()}`;
    await client.start({ prompt: uniquePrompt('sheep'), size: 'small', requestId });
    const killedAt = await killMidRender(client, requestId);
    // The worker process itself died (tsx runs as a loader, so there is no surviving grandchild).
    expect(child?.signalCode).toBe('SIGKILL');

    p = await startPipeline({ config });
    const result = await client.result(requestId);
    expect(result.status).toBe('completed');
    if (result.status === 'completed') {
      expect(result.attempts).toHaveLength(1);
      expect(result.attempts[0]!.ok).toBe(true);
      expect(await p.worker.deps.store.head(result.imageKey)).toBeDefined();
    }
    // Recovery is bounded by the 10 s heartbeat timeout plus one re-render (4 s), not by a start-to-close timeout.
    expect(Date.now() - killedAt).toBeLessThan(30_000);
    await client.close();
  });

  it('follows the ComfyUI prompt the killed worker left running, instead of rendering again', async () => {
    fake = new FakeComfyUi();
    await fake.start();
    fake.behaviour.stepMs = 600;
    const env = { CUBCANVAS_BACKEND: 'comfyui', CUBCANVAS_COMFYUI_URL: fake.url };
    const started = await workerAndClient(env);
    const { config, client } = started;
    child = started.child;
    const requestId = `crash-comfy-${randomUUID()}`;
    await client.start({ prompt: uniquePrompt('hedgehog'), size: 'small', requestId });
    await killMidRender(client, requestId, () => promptCheckpointed(client, config.taskQueue));
    // Killed mid-render: ComfyUI has not finished the prompt yet.
    const history = await (await fetch(`${fake.url}/history/${fake.submitted[0]!.promptId}`)).json();
    expect(history).toEqual({});

    p = await startPipeline({ config });
    const result = await client.result(requestId);
    expect(result.status).toBe('completed');
    // The GPU finished the prompt on its own while no worker watched; the new try picked it up.
    expect(fake.submitted).toHaveLength(1);
    if (result.status === 'completed') {
      expect(result.attempts).toHaveLength(1);
      // 8 steps of 600 ms: the time the prompt ran, not the ~10 s until the new try noticed.
      expect(result.attempts[0]!.gpuSeconds).toBeGreaterThan(3);
      expect(result.attempts[0]!.gpuSeconds).toBeLessThan(9);
    }
    await client.close();
  });
});
