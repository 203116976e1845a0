// Payloads read back from elsewhere (heartbeat and failure details, stored JSON, ComfyUI's answers)
// are checked against their schema: a wrong one is a typed error that names it, and the pipeline
// copes with the two that happen for real — a damaged cache entry in the store, a server at the
// ComfyUI URL that answers /history with something else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect } from 'node:net';
import { ErrorType, PayloadInvalidError, RenderFailedError, RenderUnavailableError } from '../domain/errors';
import {
  cacheEntrySchema,
  costDetailsSchema,
  failedRunsDetailsSchema,
  gpuHeartbeatSchema,
  parseJsonPayload,
  parsePayload,
  renderFailureInfoSchema,
  stoppedRenderSchema,
  tryParsePayload,
  unsafeDetailsSchema,
} from '../domain/payload-schemas';
import { cacheEntryKey } from '../domain/storage-layout';
import { ComfyUiClient } from '../render/comfyui/client';
import {
  executionErrorSchema,
  historySchema,
  objectInfoSchema,
  parseComfyUiAnswer,
  promptRejectionSchema,
  queueSchema,
  systemStatsSchema,
} from '../render/comfyui/comfyui-schemas';
import { fillGraph, loadCatalog, loadGraph } from '../render/comfyui/graph';
import { FakeComfyUi } from './support/fake-comfyui';
import { startPipeline, uniquePrompt, type TestPipeline } from './support/pipeline';

const failedRun = { backend: 'kubernetes', gpuType: 'A10G', gpuSeconds: 12, error: 'OOMKilled', renderMs: 12_000 };
const metrics = { width: 512, height: 512, meanLuma: 120, stdevLuma: 40, darkFraction: 0.01, brightFraction: 0.02, sharpness: 300 };
const attempt = { attempt: 0, seed: 7, backend: 'preview', gpuType: 'cpu', gpuSeconds: 0, preview: true, ok: false, reasons: ['too dark'], renderMs: 5 };
const cacheEntry = {
  cacheKey: 'k1',
  imageKey: 'cache/k1.png',
  model: 'cubcanvas-preview',
  workflowVersion: 'preview-v1',
  preview: true,
  seed: 7,
  width: 512,
  height: 512,
  metrics,
  createdAt: '2026-11-26T00:00:00.000Z',
  ownerRequestId: 'r1',
};

/** The error `fn` throws (fails the test when it throws nothing). */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error');
}

describe('pipeline payload schemas', () => {
  // Each kind: a good payload passes, a malformed one is refused naming the payload and the field.
  const cases = [
    {
      name: 'heartbeat details',
      schema: gpuHeartbeatSchema,
      good: { failedRuns: [failedRun], backend: { job: 'j1' }, failedLaunches: 1 },
      bad: { failedRuns: [{ ...failedRun, gpuSeconds: '12' }] },
      field: 'failedRuns.0.gpuSeconds',
    },
    { name: 'failed runs details', schema: failedRunsDetailsSchema, good: { failedRuns: [failedRun] }, bad: { failedRuns: 'none' }, field: 'failedRuns' },
    {
      name: 'stopped render details',
      schema: stoppedRenderSchema,
      good: { backend: 'kubernetes', gpuType: 'A10G', gpuSeconds: 3, renderMs: 3000, failedRuns: [failedRun] },
      bad: { backend: 'kubernetes', failedRuns: [] },
      field: 'gpuType',
    },
    {
      name: 'render failure details',
      schema: renderFailureInfoSchema,
      good: { type: 'RenderFailed', message: 'x', attempts: [attempt], ownerRequestId: 'r1' },
      bad: { type: 'RenderFailed', message: 'x', attempts: [{ ...attempt, ok: 'no' }], ownerRequestId: 'r1' },
      field: 'attempts.0.ok',
    },
    {
      name: 'unsafe details',
      schema: unsafeDetailsSchema,
      good: { unsafe: [{ attempt: 0, seed: 1, results: [{ checker: 'nsfwjs', ok: false, scores: { porn: 0.9 }, reasons: ['porn'] }] }] },
      bad: { unsafe: [{ attempt: 0, seed: 1, results: [{ checker: 'nsfwjs', ok: false, scores: { porn: 'high' }, reasons: [] }] }] },
      field: 'unsafe.0.results.0.scores.porn',
    },
    {
      name: 'cost details',
      schema: costDetailsSchema,
      good: { cost: { gpuSeconds: 1, amount: 0.1, currency: 'CNY', perAttempt: [] } },
      bad: { cost: { gpuSeconds: 1, amount: 0.1, perAttempt: [] } },
      field: 'cost.currency',
    },
    {
      name: 'cache entry',
      schema: cacheEntrySchema,
      good: cacheEntry,
      bad: { ...cacheEntry, metrics: { ...metrics, sharpness: null } },
      field: 'metrics.sharpness',
    },
  ];
  it.each(cases)('$name: accepts a good one, refuses a malformed one naming it and the field', ({ name, schema, good, bad, field }) => {
    expect(parsePayload(schema, good, name)).toMatchObject(good);
    const err = thrown(() => parsePayload(schema, bad, name));
    expect(err).toBeInstanceOf(PayloadInvalidError);
    expect((err as PayloadInvalidError).type).toBe(ErrorType.PayloadInvalid);
    expect((err as PayloadInvalidError).retryable).toBe(false);
    expect(err.message).toContain(`${name}: ${field}:`);
  });

  it('refuses stored text that is not JSON, naming the object', () => {
    const err = thrown(() => parseJsonPayload(cacheEntrySchema, Buffer.from('{"cacheKey": "k1", "imag'), 'cache entry cache/k1.json'));
    expect(err).toBeInstanceOf(PayloadInvalidError);
    expect(err.message).toMatch(/^cache entry cache\/k1\.json: not JSON/);
  });

  it("tryParsePayload (the workflows' reader) gives undefined for a wrong shape instead of throwing", () => {
    expect(tryParsePayload(failedRunsDetailsSchema, { failedRuns: [failedRun] })?.failedRuns).toEqual([failedRun]);
    expect(tryParsePayload(failedRunsDetailsSchema, { failedRuns: [{ gpuSeconds: 'lots' }] })).toBeUndefined();
    expect(tryParsePayload(stoppedRenderSchema, undefined)).toBeUndefined();
  });
});

describe('ComfyUI answer schemas', () => {
  const cases = [
    {
      route: 'GET /history/p1',
      schema: historySchema,
      good: {
        p1: {
          outputs: { '9': { images: [{ filename: 'a.png', subfolder: '', type: 'output' }], text: ['kept out'] } },
          status: { status_str: 'success', completed: true, messages: [['execution_start', { prompt_id: 'p1', timestamp: 1 }]] },
        },
      },
      bad: { p1: { outputs: { '9': { images: 'a.png' } } } },
      field: 'p1.outputs.9.images',
    },
    {
      route: 'GET /queue',
      schema: queueSchema,
      good: { queue_running: [[0, 'p1', {}, {}, ['9']]], queue_pending: [] },
      bad: { queue_running: 'p1' },
      field: 'queue_running',
    },
    {
      route: 'GET /system_stats',
      schema: systemStatsSchema,
      good: { system: { comfyui_version: '0.3.66' }, devices: [{ name: 'cuda:0 NVIDIA A10G : cudaMallocAsync', type: 'cuda', vram_total: 24e9 }] },
      bad: { devices: [{ vram_total: '24 GB' }] },
      field: 'devices.0.vram_total',
    },
    {
      route: 'POST /prompt 400',
      schema: promptRejectionSchema,
      good: {
        error: { type: 'prompt_outputs_failed_validation', message: 'Prompt outputs failed validation', details: '' },
        node_errors: { '3': { class_type: 'KSampler', errors: [{ message: 'Value too big', details: 'steps', extra_info: { input_name: 'steps' } }] } },
      },
      bad: { error: 'no' },
      field: 'error',
    },
    {
      route: 'GET /object_info/KSampler',
      schema: objectInfoSchema,
      good: { KSampler: { input: { required: { steps: ['INT', { default: 20, min: 1, max: 10000 }] } }, output: ['LATENT'], output_node: false } },
      bad: { KSampler: { input: {}, output: 'LATENT' } },
      field: 'KSampler.output',
    },
    {
      route: 'execution_error',
      schema: executionErrorSchema,
      good: { node_id: '3', node_type: 'KSampler', exception_type: 'RuntimeError', exception_message: 'boom' },
      bad: { node_id: 3 },
      field: 'node_id',
    },
  ];
  it.each(cases)("$route: accepts ComfyUI's shape, a wrong one is RenderFailed naming the route and the field", ({ route, schema, good, bad, field }) => {
    expect(parseComfyUiAnswer(schema, good, route)).toBeDefined();
    const err = thrown(() => parseComfyUiAnswer(schema, bad, route));
    expect(err).toBeInstanceOf(RenderFailedError);
    expect(err.message).toContain(`ComfyUI ${route} answer`);
    expect(err.message).toContain(`${field}:`);
  });

  it("reads server.py's node_errors: [] (a 400 without a prompt) as no node errors", () => {
    expect(
      parseComfyUiAnswer(promptRejectionSchema, { error: { type: 'no_prompt', message: 'No prompt provided' }, node_errors: [] }, 'POST /prompt 400')
        .node_errors,
    ).toEqual({});
  });
});

/**
 * A proxy in front of the ComfyUI double: everything passes through (HTTP and the WebSocket's
 * upgraded connection) except GET /history/{id}, whose entry, once the prompt is done, comes back
 * with `outputs` that are not ComfyUI's — as from a server that only looks like ComfyUI.
 */
async function garbledHistoryProxy(upstream: URL): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const forward = httpRequest({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (up) => {
      const chunks: Buffer[] = [];
      up.on('data', (c: Buffer) => chunks.push(c));
      up.on('end', () => {
        let body = Buffer.concat(chunks);
        if (req.method === 'GET' && /^\/(api\/)?history\/[^/]+$/.test(req.url ?? '')) {
          const history = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
          body = Buffer.from(JSON.stringify(Object.fromEntries(Object.keys(history).map((id) => [id, { outputs: 'not a map of nodes', status: 'done' }]))));
        }
        res.writeHead(up.statusCode ?? 502, { 'content-type': up.headers['content-type'] ?? 'application/json', 'content-length': body.length });
        res.end(body);
      });
    });
    req.pipe(forward);
  });
  server.on('upgrade', (req, socket, head) => {
    // The WebSocket passes through byte for byte: the request line and headers, then both directions.
    const up = connect(Number(upstream.port), upstream.hostname, () => {
      const headers = Object.entries(req.headers).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : v}`);
      up.write([`${req.method} ${req.url} HTTP/1.1`, ...headers, '', ''].join('\r\n'));
      up.write(head);
      up.pipe(socket);
      socket.pipe(up);
    });
    up.on('error', () => socket.destroy());
    socket.on('error', () => up.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('a ComfyUI that answers /history with something else', () => {
  it('fails the run as RenderFailed naming the route, not with a TypeError later', async () => {
    const fake = new FakeComfyUi();
    await fake.start();
    const proxy = await garbledHistoryProxy(new URL(fake.url));
    try {
      const catalog = loadCatalog();
      const name = 'qwen-image-lightning-8step';
      const graph = fillGraph(loadGraph(catalog, name), catalog.graphs[name]!, {
        positive: 'a cute otter',
        negative: 'scary',
        seed: 3,
        filenamePrefix: 'cubcanvas/t',
        width: 512,
        height: 384,
      });
      const client = new ComfyUiClient(proxy.url, { pollIntervalMs: 50, historyPollMs: 400 });
      const err = await client.run(graph).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(RenderFailedError);
      expect((err as Error).message).toMatch(/^ComfyUI GET \/history\/[^ ]+ answer is not what ComfyUI sends: /);
      // The prompt itself went through the double: only the answer about it was wrong.
      expect(fake.executed).toHaveLength(1);
    } finally {
      await proxy.close();
      await fake.stop();
    }
  });

  it('an answer that is not JSON at all is RenderUnavailable (retried)', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"system": {"comfyui_ver');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const client = new ComfyUiClient(`http://127.0.0.1:${(server.address() as { port: number }).port}`);
      await expect(client.systemInfo()).rejects.toThrow(RenderUnavailableError);
      await expect(client.systemInfo()).rejects.toThrow(/GET \/system_stats answered 200 with a body that is not JSON/);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('a damaged cache entry in the store', () => {
  let p: TestPipeline;
  beforeAll(async () => {
    p = await startPipeline();
  });
  afterAll(async () => {
    await p?.stop();
  });

  it('is a miss: the request renders again and the entry is written anew', async () => {
    const prompt = uniquePrompt('hedgehog');
    const first = await p.client.generate({ prompt, size: 'small', requestId: `damaged-1-${randomUUID()}` });
    expect(first.status).toBe('completed');
    if (first.status !== 'completed') return;
    const key = cacheEntryKey(first.cacheKey);
    // Cut short, as a crash mid-write or a hand edit leaves it.
    const good = await p.worker.deps.store.get(key);
    await p.worker.deps.store.put(key, good.subarray(0, Math.floor(good.length / 2)), { contentType: 'application/json' });

    const second = await p.client.generate({ prompt, size: 'small', requestId: `damaged-2-${randomUUID()}` });
    expect(second.status).toBe('completed');
    if (second.status !== 'completed') return;
    expect(second.cacheHit).toBe(false);
    expect(second.attempts).toHaveLength(1);
    // The render wrote a good entry over the damaged one: the next request is a hit.
    expect(parseJsonPayload(cacheEntrySchema, await p.worker.deps.store.get(key), key).ownerRequestId).toBe(second.requestId);
    const third = await p.client.generate({ prompt, size: 'small', requestId: `damaged-3-${randomUUID()}` });
    expect(third.status === 'completed' && third.cacheHit).toBe(true);
  });
});
