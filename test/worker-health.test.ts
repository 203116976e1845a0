// The worker's health endpoint (/healthz, /readyz) and its graceful shutdown: a real worker on the
// shared dev server, and worker processes sent SIGTERM the way the kubelet does.
import { afterEach, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { temporal } from '@temporalio/proto';
import { freePort } from '../toolchain/free-port';
import { startHealthServer, type HealthBody, type HealthServer, type HealthWorkerState } from '../worker/health-server';
import { startPipeline, uniquePrompt, type TestPipeline } from './support/pipeline';
import { until } from './support/until';
import { workerAndClient, workerExit, workerStderr } from './support/worker-process';

type Client = import('../client/cubcanvas-client').CubcanvasClient;

let p: TestPipeline | undefined;
let child: ChildProcess | undefined;
let server: HealthServer | undefined;
const clients: Client[] = [];
afterEach(async () => {
  child?.kill('SIGKILL');
  child = undefined;
  await server?.close();
  server = undefined;
  await p?.stop();
  p = undefined;
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

async function probe(port: number, path: string, method = 'GET'): Promise<{ status: number; body: string; headers: Headers }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { method });
  return { status: res.status, body: await res.text(), headers: res.headers };
}

async function renderUnderWay(client: Client, requestId: string): Promise<void> {
  await until('render to be under way', async () => {
    const pr = await client.progress(requestId);
    return pr.render && pr.render.value >= 1 ? true : undefined;
  });
}

/** The renderAttempt activity's history of the request's render: which try finished it, and who ran it. */
async function renderAttemptHistory(client: Client, taskQueue: string): Promise<{ startedAttempt: number; completedBy: string }> {
  const events: temporal.api.history.v1.IHistoryEvent[] = [];
  for await (const wf of client.temporal.workflow.list({ query: `WorkflowType = 'renderImage' AND TaskQueue = '${taskQueue}'` })) {
    events.push(...((await client.temporal.workflow.getHandle(wf.workflowId, wf.runId).fetchHistory()).events ?? []));
  }
  const renderScheduled = new Set(
    events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'renderAttempt').map((e) => String(e.eventId)),
  );
  const started = events.find((e) => renderScheduled.has(String(e.activityTaskStartedEventAttributes?.scheduledEventId)));
  const completed = events.find((e) => renderScheduled.has(String(e.activityTaskCompletedEventAttributes?.scheduledEventId)));
  if (!started || !completed) throw new Error('no completed renderAttempt in the render workflow history');
  return { startedAttempt: started.activityTaskStartedEventAttributes!.attempt!, completedBy: completed.activityTaskCompletedEventAttributes!.identity! };
}

describe('health server', () => {
  it('answers liveness and readiness from the worker state of the moment', async () => {
    let state: HealthWorkerState = 'STARTING';
    server = await startHealthServer({ port: 0, host: '127.0.0.1', taskQueue: 'tq-1', state: () => state });
    const expected: [HealthWorkerState, number, number][] = [
      // state, /healthz, /readyz
      ['STARTING', 200, 503],
      ['INITIALIZED', 200, 503],
      ['RUNNING', 200, 200],
      ['STOPPING', 200, 503],
      ['DRAINING', 200, 503],
      ['DRAINED', 200, 503],
      ['STOPPED', 503, 503],
      ['FAILED', 503, 503],
    ];
    for (const [s, live, ready] of expected) {
      state = s;
      const [h, r] = await Promise.all([probe(server.port, '/healthz'), probe(server.port, '/readyz')]);
      expect([s, h.status, r.status]).toEqual([s, live, ready]);
      const body = JSON.parse(r.body) as HealthBody;
      expect(body).toEqual({ status: ready === 200 ? 'ok' : 'unavailable', workerState: s, taskQueue: 'tq-1', uptimeSeconds: expect.any(Number) });
      expect(h.headers.get('content-type')).toBe('application/json');
    }
  });

  it('answers HEAD without a body, 404 for other paths and 405 for other methods', async () => {
    server = await startHealthServer({ port: 0, host: '127.0.0.1', taskQueue: 'tq-1', state: () => 'RUNNING' });
    const head = await probe(server.port, '/readyz?probe=1', 'HEAD');
    expect([head.status, head.body]).toEqual([200, '']);
    expect((await probe(server.port, '/')).status).toBe(404);
    expect((await probe(server.port, '/healthz/extra')).status).toBe(404);
    const post = await probe(server.port, '/healthz', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect((await probe(server.port, '/readyz', 'DELETE')).status).toBe(405);
  });
});

describe('worker health endpoint', () => {
  it('is ready while polling, alive but not ready once shutdown begins, and gone after', async () => {
    const port = await freePort();
    p = await startPipeline({ env: { CUBCANVAS_WORKER_HEALTH_PORT: String(port), CUBCANVAS_PREVIEW_STEPS: '10', CUBCANVAS_PREVIEW_STEP_MS: '300' } });
    expect(p.worker.healthPort).toBe(port);
    const ready = await probe(port, '/readyz');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toMatchObject({ status: 'ok', workerState: 'RUNNING', taskQueue: p.config.taskQueue });
    expect((await probe(port, '/healthz')).status).toBe(200);
    expect((await probe(port, '/metrics')).status).toBe(200);
    expect((await probe(port, '/nothing-here')).status).toBe(404);
    expect((await probe(port, '/readyz', 'POST')).status).toBe(405);

    // A render in flight keeps the worker draining (within its 25 s grace) while we look.
    const requestId = `health-${randomUUID()}`;
    await p.client.start({ prompt: uniquePrompt('koala'), size: 'small', requestId });
    await renderUnderWay(p.client, requestId);
    const stopping = p.worker.shutdown();
    const [live, notReady] = await Promise.all([probe(port, '/healthz'), probe(port, '/readyz')]);
    expect(live.status).toBe(200);
    expect(JSON.parse(live.body)).toMatchObject({ status: 'ok', workerState: 'DRAINING' });
    expect(notReady.status).toBe(503);
    expect(JSON.parse(notReady.body)).toMatchObject({ status: 'unavailable', workerState: 'DRAINING' });
    await stopping;
    await expect(probe(port, '/healthz')).rejects.toThrow();
  });

  it('is not served when the port is 0', async () => {
    p = await startPipeline();
    expect(p.config.worker.healthPort).toBe(0);
    expect(p.worker.healthPort).toBeUndefined();
  });
});

describe('worker shutdown on SIGTERM', () => {
  // 8 steps of 400 ms: a render of ~3 s, long enough to signal in the middle of it.
  const slowRender = { CUBCANVAS_PREVIEW_STEPS: '8', CUBCANVAS_PREVIEW_STEP_MS: '400' };

  it('finishes the running render within the grace, then exits 0', async () => {
    const started = await workerAndClient({ ...slowRender, CUBCANVAS_WORKER_SHUTDOWN_GRACE_SECONDS: '20' });
    const { config, client } = started;
    child = started.child;
    clients.push(client);
    const requestId = `sigterm-${randomUUID()}`;
    await client.start({ prompt: uniquePrompt('otter'), size: 'small', requestId });
    await renderUnderWay(client, requestId);
    const signalled = Date.now();
    child.kill('SIGTERM');
    const exit = await workerExit(child);
    expect(exit).toEqual({ code: 0, signal: null });
    const stderr = workerStderr(child);
    expect(stderr).toMatch(/worker: SIGTERM: stopped polling; waiting up to 20 s for 1 running activity \(renderAttempt of \S+ attempt 1, \d+ s so far\)/);
    expect(stderr).not.toContain('cancelling');
    expect(stderr).toContain('worker: stopped');
    // It waited for the render (at least one step of it), and not for the grace.
    expect(Date.now() - signalled).toBeGreaterThan(400);
    expect(Date.now() - signalled).toBeLessThan(15_000);

    // The steps after the render need a worker that polls: this one.
    p = await startPipeline({ config });
    const result = await client.result(requestId);
    expect(result.status).toBe('completed');
    // The render was not tried again: its first try completed on the worker that was told to stop.
    const render = await renderAttemptHistory(client, config.taskQueue);
    expect(render.startedAttempt).toBe(1);
    expect(render.completedBy.startsWith(`${child.pid}@`)).toBe(true);
  });

  it('cancels what outlives the grace, so the server retries it at once; exits 0', async () => {
    const started = await workerAndClient({ ...slowRender, CUBCANVAS_WORKER_SHUTDOWN_GRACE_SECONDS: '1' });
    const { config, client } = started;
    child = started.child;
    clients.push(client);
    const requestId = `sigterm-grace-${randomUUID()}`;
    await client.start({ prompt: uniquePrompt('beaver'), size: 'small', requestId });
    await renderUnderWay(client, requestId);
    child.kill('SIGTERM');
    const exit = await workerExit(child);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(workerStderr(child)).toMatch(/worker: shutdown grace of 1 s over; cancelling \(WORKER_SHUTDOWN\): renderAttempt of /);
    const exitedAt = Date.now();

    p = await startPipeline({ config });
    const result = await client.result(requestId);
    expect(result.status).toBe('completed');
    const render = await renderAttemptHistory(client, config.taskQueue);
    expect(render.startedAttempt).toBe(2);
    expect(render.completedBy.startsWith(`${process.pid}@`)).toBe(true);
    // Reported failed on cancel, so retried after the 1 s retry interval rather than after the
    // 10 s heartbeat timeout a silent worker would cost; the second render itself takes ~3 s.
    expect(Date.now() - exitedAt).toBeLessThan(9_000);
  });

  it('exits at once on a second SIGTERM', async () => {
    const started = await workerAndClient({ ...slowRender, CUBCANVAS_PREVIEW_STEPS: '50', CUBCANVAS_WORKER_SHUTDOWN_GRACE_SECONDS: '20' });
    const { client } = started;
    child = started.child;
    clients.push(client);
    const requestId = `sigterm-twice-${randomUUID()}`;
    await client.start({ prompt: uniquePrompt('lynx'), size: 'small', requestId });
    await renderUnderWay(client, requestId);
    child.kill('SIGTERM');
    await until('the first signal to be handled', async () => (workerStderr(child!).includes('SIGTERM: stopped polling') ? true : undefined));
    const signalled = Date.now();
    child.kill('SIGTERM');
    // 128 + SIGTERM (15), as a shell reports a process killed by it.
    expect(await workerExit(child)).toEqual({ code: 143, signal: null });
    expect(Date.now() - signalled).toBeLessThan(2_000);
    expect(workerStderr(child)).toMatch(/worker: second SIGTERM: exiting now; abandoned: renderAttempt of /);
  });
});
