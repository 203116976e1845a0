// The comfyui backend and its client against the ComfyUI double over real HTTP and WebSocket.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { RenderFailedError, RenderStoppedError, RenderUnavailableError } from '../domain/errors';
import { parsePriceTable, DEFAULT_GPU_PRICES } from '../domain/cost';
import WebSocket from 'ws';
import { ComfyUiBackend, gpuTypeFromName } from '../render/comfyui/comfyui-backend';
import { ComfyUiClient, PromptLeftRunningError } from '../render/comfyui/client';
import { StorageUnavailableError } from '../domain/errors';
import { fillGraph, loadCatalog, loadGraph, nodeWithRole, validateGraph, type ApiGraph } from '../render/comfyui/graph';
import type { RenderProgress } from '../domain/pipeline';
import { FsBlobStore } from '../storage/fs-store';
import { FakeComfyUi } from './support/fake-comfyui';
import { until } from './support/until';

let fake: FakeComfyUi;
let store: FsBlobStore;
const prices = parsePriceTable(DEFAULT_GPU_PRICES);

beforeEach(async () => {
  fake = new FakeComfyUi();
  await fake.start();
  store = new FsBlobStore(mkdtempSync(join(tmpdir(), 'cubcanvas-comfy-')));
});
afterEach(async () => {
  await fake.stop();
});

const task = (n = 0) => ({
  cacheKey: `k${n}`,
  prompt: 'a cute penguin, storybook',
  negativePrompt: 'scary',
  width: 512,
  height: 384,
  seed: 7 + n,
  style: 'storybook' as const,
  outputKey: `staging/render/k${n}/attempt-0.png`,
  attempt: 0,
});

function backend(extra: Partial<ConstructorParameters<typeof ComfyUiBackend>[1]> = {}) {
  return new ComfyUiBackend(store, { url: fake.url, prices, pollIntervalMs: 50, historyPollMs: 300, ...extra });
}

async function render(b: ComfyUiBackend, n = 0, signal = new AbortController().signal) {
  const progress: Omit<RenderProgress, 'attempt'>[] = [];
  const out = await b.render(task(n), { signal, onProgress: (p) => progress.push(p) });
  return { out, progress };
}

describe('comfyui backend', () => {
  it('submits the filled graph with a client id and UUID prompt id, reports progress, stores the output', async () => {
    fake.behaviour.stepMs = 20;
    const { out, progress } = await render(backend());
    expect(out).toMatchObject({
      gpuType: 'A10G',
      preview: false,
      workflowVersion: 'qwen-image-lightning-8step@1',
      model: expect.stringContaining('Lightning'),
    });
    expect(out.gpuSeconds).toBeGreaterThan(0.1);
    const sent = fake.submitted[0]!;
    expect(sent.promptId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent.clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(nodeWithRole(sent.prompt, 'positive')[1].inputs.text).toBe('a cute penguin, storybook');
    expect(nodeWithRole(sent.prompt, 'latent')[1].inputs).toMatchObject({ width: 512, height: 384 });
    expect(nodeWithRole(sent.prompt, 'sampler')[1].inputs.seed).toBe(7);
    const sampling = progress.filter((p) => p.phase === 'sampling');
    expect(sampling.map((p) => p.value)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // "queued" comes first unless the idle double started the prompt before answering the POST.
    expect(['queued', 'loading model']).toContain(progress[0]!.phase);
    expect(progress.filter((p) => p.phase === 'queued').length).toBeLessThanOrEqual(1);
    expect(progress.some((p) => p.phase === 'loading model')).toBe(true);
    const png = await store.get(task().outputKey);
    expect((await sharp(png).metadata()).width).toBe(512);
    expect((await store.head(task().outputKey))?.metadata).toMatchObject({ graph: 'qwen-image-lightning-8step' });
  });

  it('loads the model once: the second prompt is served from ComfyUI cache', async () => {
    const b = backend();
    await render(b, 0);
    await render(b, 1);
    expect(fake.modelLoads).toBe(1);
  });

  it('turns a graph rejected with node_errors into a non-retryable error naming the node and input', async () => {
    fake.behaviour.rejectNextOnNode = '6';
    const err = await render(backend()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RenderFailedError);
    expect((err as Error).message).toMatch(
      /ComfyUI rejected the graph: Prompt outputs failed validation — node 6 \(CLIPTextEncode\): Required input is missing \[input clip\]/,
    );
  });

  it('names a missing model file', async () => {
    fake.behaviour.models = fake.behaviour.models.filter((m) => !m.includes('Lightning'));
    const err = await render(backend()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RenderFailedError);
    expect((err as Error).message).toMatch(
      /node 4 \(LoraLoaderModelOnly\): Value not in list \[input lora_name\]: lora_name: 'Qwen-Image-Lightning-8steps-V1.0.safetensors' not in/,
    );
  });

  it("reports CUDA out of memory with ComfyUI's own message, as retryable, with the GPU time it used", async () => {
    fake.behaviour.oomNextAtStep = 3;
    fake.behaviour.stepMs = 60;
    const err = await render(backend()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RenderUnavailableError);
    expect((err as Error).message).toMatch(/node 9 \(KSampler\) failed: torch.OutOfMemoryError: CUDA out of memory/);
    // Three sampling steps ran before the failure: that GPU time is on the error, to be charged.
    expect((err as RenderUnavailableError).usage?.gpuType).toBe('A10G');
    expect((err as RenderUnavailableError).usage?.gpuSeconds).toBeGreaterThanOrEqual(0.1);
  });

  it('follows a prompt an earlier try left running instead of queueing it again', async () => {
    fake.behaviour.stepMs = 80;
    const b = backend();
    // The first try queues the prompt and checkpoints it, then "dies": nobody waits for it any more.
    let checkpoint: unknown;
    const abandoned = b.render(task(), { signal: new AbortController().signal, onProgress: () => undefined, checkpoint: (s) => (checkpoint = s) });
    await until('the prompt to be queued and under way', async () => (checkpoint && fake.submitted.length === 1 ? true : undefined));
    const resumed = await b.render(task(), { signal: new AbortController().signal, onProgress: () => undefined, resumeFrom: checkpoint });
    expect(fake.submitted).toHaveLength(1);
    expect(await store.head(resumed.outputKey)).toBeDefined();
    expect(resumed.gpuSeconds).toBeGreaterThan(0);
    await abandoned;
  });

  it('follows a prompt that finished after its try died, charging only its own run time', async () => {
    fake.behaviour.stepMs = 20;
    const b = backend();
    let checkpoint: unknown;
    await b.render(task(), { signal: new AbortController().signal, onProgress: () => undefined, checkpoint: (s) => (checkpoint = s) });
    await new Promise((r) => setTimeout(r, 1500));
    const resumed = await b.render(task(), { signal: new AbortController().signal, onProgress: () => undefined, resumeFrom: checkpoint });
    expect(fake.submitted).toHaveLength(1);
    // The prompt took well under a second; the 1.5 s this try came later is not GPU time.
    expect(resumed.gpuSeconds).toBeLessThan(1);
  });

  it("queues the prompt again when the earlier try's prompt failed or was forgotten", async () => {
    fake.behaviour.oomNextAtStep = 2;
    const b = backend();
    let checkpoint: unknown;
    await expect(
      b.render(task(), { signal: new AbortController().signal, onProgress: () => undefined, checkpoint: (s) => (checkpoint = s) }),
    ).rejects.toBeInstanceOf(RenderUnavailableError);
    const retried = await b.render(task(), { signal: new AbortController().signal, onProgress: () => undefined, resumeFrom: checkpoint });
    expect(fake.submitted).toHaveLength(2);
    expect(await store.head(retried.outputKey)).toBeDefined();
    const forgotten = await b.render(task(1), {
      signal: new AbortController().signal,
      onProgress: () => undefined,
      resumeFrom: { promptId: 'not-known-here', clientId: 'c', submittedAt: Date.now() },
    });
    expect(fake.submitted).toHaveLength(3);
    expect(forgotten.outputKey).toBe(task(1).outputKey);
  });

  it('falls back to polling /history when the WebSocket drops', async () => {
    fake.behaviour.stepMs = 20;
    fake.behaviour.dropSocketsAtStep = 2;
    const b = backend();
    const { out } = await render(b);
    expect(await store.head(out.outputKey)).toBeDefined();
  });

  it('interrupts ComfyUI when cancelled and reports the GPU time used so far', async () => {
    fake.behaviour.stepMs = 100;
    const ac = new AbortController();
    const b = backend({ gpuType: 'L4' });
    const running = render(b, 0, ac.signal);
    await new Promise((r) => setTimeout(r, 450));
    ac.abort(new Error('request cancelled'));
    const stopped = await running.catch((e: unknown) => e);
    expect(stopped).toBeInstanceOf(RenderStoppedError);
    expect((stopped as RenderStoppedError).message).toMatch(/interrupted on request/);
    expect((stopped as RenderStoppedError).usage.gpuType).toBe('L4');
    expect((stopped as RenderStoppedError).usage.gpuSeconds).toBeGreaterThan(0.1);
    expect((stopped as RenderStoppedError).usage.gpuSeconds).toBeLessThan(2);
    expect(fake.interrupts).toEqual([fake.submitted[0]!.promptId]);
    expect(await store.head(task().outputKey)).toBeUndefined();
  });

  it('leaves the prompt running when its worker is going away, so that the next try follows it', async () => {
    fake.behaviour.stepMs = 60;
    const ac = new AbortController();
    const checkpoints: unknown[] = [];
    const b = backend({ gpuType: 'L4' });
    const running = b.render(task(), { signal: ac.signal, onProgress: () => undefined, checkpoint: (c) => checkpoints.push(c), leaveRunning: () => true });
    await new Promise((r) => setTimeout(r, 300));
    ac.abort(new Error('WORKER_SHUTDOWN'));
    expect(await running.catch((e: unknown) => e)).toBeInstanceOf(PromptLeftRunningError);
    expect(fake.interrupts).toEqual([]);
    expect(fake.queueDeletes).toEqual([]);
    // The next try, from the checkpoint, gets the very prompt the first one queued.
    const next = await b.render(task(), { signal: new AbortController().signal, onProgress: () => undefined, resumeFrom: checkpoints[0] });
    expect(fake.submitted).toHaveLength(1);
    expect(await store.head(next.outputKey)).toBeTruthy();
  });

  it('waits out a store outage after the render instead of rendering again', async () => {
    // The store refuses writes for the first 1.5 s after the render: a storage outage.
    let downUntil = 0;
    const flaky = Object.create(store) as FsBlobStore;
    flaky.put = async (...args: Parameters<FsBlobStore['put']>) => {
      if (Date.now() < downUntil) throw new StorageUnavailableError('store unreachable (scripted outage)');
      return store.put(...args);
    };
    const b = new ComfyUiBackend(flaky, {
      url: fake.url,
      prices,
      pollIntervalMs: 50,
      historyPollMs: 300,
      storageOutage: { initialDelayMs: 100, maxDelayMs: 300 },
    });
    const progress: string[] = [];
    const onProgress = (p: { phase: string }) => {
      if (p.phase === 'saving' || p.phase.startsWith('store')) downUntil ||= Date.now() + 1500;
      progress.push(p.phase);
    };
    const out = await b.render(task(), { signal: new AbortController().signal, onProgress });
    expect(fake.submitted).toHaveLength(1);
    expect(await store.head(out.outputKey)).toBeTruthy();
    expect(progress.some((p) => p.startsWith('store unavailable, upload retried'))).toBe(true);
    // Past its deadline the outage is reported, still as retryable.
    downUntil = Date.now() + 60_000;
    const short = new ComfyUiBackend(flaky, {
      url: fake.url,
      prices,
      pollIntervalMs: 50,
      historyPollMs: 300,
      storageOutage: { deadlineMs: 500, initialDelayMs: 100, maxDelayMs: 100 },
    });
    const err = await short.render(task(1), { signal: new AbortController().signal, onProgress: () => undefined }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageUnavailableError);
  });

  it('notices a restart that lost the prompt, and an unreachable server, as retryable', async () => {
    fake.behaviour.stepMs = 30;
    fake.behaviour.restartAtStep = 2;
    const lost = await render(backend()).catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(RenderUnavailableError);
    expect((lost as Error).message).toMatch(/lost prompt .* \(restarted\?\)/);
    await fake.stop();
    const down = await render(backend({ gpuType: 'A10G' })).catch((e: unknown) => e);
    expect(down).toBeInstanceOf(RenderUnavailableError);
    expect((down as Error).message).toMatch(/unreachable/);
  });

  it('maps device names to price-table GPU types', () => {
    expect(gpuTypeFromName('NVIDIA A10G', prices)).toBe('A10G');
    expect(gpuTypeFromName('NVIDIA L40S', prices)).toBe('L40S');
    expect(gpuTypeFromName('NVIDIA H100 80GB HBM3', prices)).toBe('H100');
    expect(gpuTypeFromName('Apple M2', prices)).toBeUndefined();
  });

  it('deletes a cancelled prompt that is still queued, which /interrupt alone would leave to run', async () => {
    fake.behaviour.stepMs = 60;
    const b = backend({ gpuType: 'L4' });
    // Another request's prompt holds the GPU; ours waits in the queue behind it.
    const ahead = render(b, 1);
    await until('the first prompt to run', async () => (fake.executed.length === 1 ? true : undefined), 5000);
    const ac = new AbortController();
    const ours = render(b, 0, ac.signal);
    await until('our prompt to be queued', async () => (fake.submitted.length === 2 ? true : undefined), 5000);
    const ourId = fake.submitted[1]!.promptId;
    ac.abort(new Error('request cancelled'));
    const stopped = await ours.catch((e: unknown) => e);
    expect(stopped).toBeInstanceOf(RenderStoppedError);
    // It never reached the GPU: nothing to charge.
    expect((stopped as RenderStoppedError).usage.gpuSeconds).toBe(0);
    expect(fake.queueDeletes).toEqual([ourId]);
    await ahead;
    await new Promise((r) => setTimeout(r, 300));
    // The queue moved on without it: it never ran, and ComfyUI has no record of it.
    expect(fake.executed).toEqual([fake.submitted[0]!.promptId]);
    expect(await (await fetch(`${fake.url}/history/${ourId}`)).json()).toEqual({});
  });

  it('finishes a run whose WebSocket goes silent without closing, by asking /history', async () => {
    fake.behaviour.stepMs = 20;
    fake.behaviour.silenceSocketsAtStep = 2;
    const client = new ComfyUiClient(fake.url, { pollIntervalMs: 50, historyPollMs: 400 });
    const started = Date.now();
    const result = await client.run(graphFor({ width: 512, height: 384 }));
    expect(result.images).toHaveLength(1);
    expect(result.viaWebSocket).toBe(false);
    // One or two /history questions after the silence, not a wait for ever.
    expect(Date.now() - started).toBeLessThan(3000);
    expect(result.timings.totalMs).toBeGreaterThan(0);
  }, 10_000);

  it("validates a graph against the server's own /object_info, model files included", async () => {
    const client = new ComfyUiClient(fake.url);
    const graph = loadGraph(catalog, 'qwen-image-lightning-8step');
    const classes = Object.values(graph).map((n) => n.class_type);
    expect(validateGraph(graph, await client.objectInfo(classes), { modelFiles: true })).toEqual([]);
    fake.behaviour.models = fake.behaviour.models.filter((m) => !m.includes('Lightning'));
    expect(validateGraph(graph, await client.objectInfo(classes), { modelFiles: true })).toEqual([
      `node 4 input "lora_name": "Qwen-Image-Lightning-8steps-V1.0.safetensors" is not one of []`,
    ]);
  });
});

const catalog = loadCatalog();
const graphFor = (size: { width: number; height: number }, name = 'qwen-image-lightning-8step'): ApiGraph =>
  fillGraph(loadGraph(catalog, name), catalog.graphs[name]!, { positive: 'a cute otter', negative: 'scary', seed: 3, filenamePrefix: 'cubcanvas/t', ...size });

async function post(path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${fake.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

const getJson = async (path: string) => (await fetch(`${fake.url}${path}`)).json() as Promise<unknown>;

/** A WebSocket client of the double, keeping every JSON message it hears. */
async function listen(clientId: string): Promise<{ ws: WebSocket; messages: { type: string; data: Record<string, unknown> }[] }> {
  const ws = new WebSocket(`${fake.url.replace(/^http/, 'ws')}/ws?clientId=${clientId}`);
  const messages: { type: string; data: Record<string, unknown> }[] = [];
  ws.on('message', (raw) => messages.push(JSON.parse(raw.toString()) as { type: string; data: Record<string, unknown> }));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return { ws, messages };
}

async function runToEnd(graph: ApiGraph, clientId = 'tester'): Promise<string> {
  const { status, json } = await post('/prompt', { prompt: graph, client_id: clientId });
  expect(status, JSON.stringify(json)).toBe(200);
  const id = json.prompt_id as string;
  await until('the prompt to finish', async () => ((await getJson(`/history/${id}`)) as Record<string, unknown>)[id], 10_000);
  return id;
}

describe('the ComfyUI double, held to server.py', () => {
  it('answers the routes ComfyUI has: /prompt, /history, /object_info/{class}, /models, /free', async () => {
    expect(await getJson('/prompt')).toEqual({ exec_info: { queue_remaining: 0 } });
    expect(await getJson('/api/prompt')).toEqual({ exec_info: { queue_remaining: 0 } });
    const first = await runToEnd(graphFor({ width: 512, height: 512 }));
    const second = await runToEnd(graphFor({ width: 512, height: 512 }));
    expect(Object.keys((await getJson('/history')) as object)).toEqual([first, second]);
    expect(Object.keys((await getJson('/history?max_items=1')) as object)).toEqual([second]);
    const ks = (await getJson('/object_info/KSampler')) as Record<string, { input: { required: Record<string, unknown[]> } }>;
    expect(Object.keys(ks)).toEqual(['KSampler']);
    expect(ks.KSampler!.input.required.sampler_name![0]).toContain('euler');
    expect(await getJson('/object_info/NoSuchNode')).toEqual({});
    expect(await getJson('/models')).toEqual(expect.arrayContaining(['diffusion_models', 'text_encoders', 'vae', 'loras']));
    expect(await getJson('/models/loras')).toEqual(['Qwen-Image-Lightning-8steps-V1.0.safetensors']);
    expect((await fetch(`${fake.url}/models/nowhere`)).status).toBe(404);
    // /object_info lists this server's files: the VAE combo, like VAELoader.vae_list, adds pixel_space.
    const vae = (await getJson('/object_info/VAELoader')) as Record<string, { input: { required: { vae_name: unknown[] } } }>;
    expect(vae.VAELoader!.input.required.vae_name[0]).toEqual(['qwen_image_vae.safetensors', 'pixel_space']);
    // POST /free {unload_models}: the next prompt loads the models again.
    expect(fake.modelLoads).toBe(1);
    expect((await post('/free', { unload_models: true })).status).toBe(200);
    await runToEnd(graphFor({ width: 512, height: 512 }));
    expect(fake.modelLoads).toBe(2);
    // POST /history {delete}.
    await post('/history', { delete: [first] });
    expect(await getJson(`/history/${first}`)).toEqual({});
  });

  it('deletes a pending prompt on POST /queue {"delete": [...]} and leaves a running one alone', async () => {
    fake.behaviour.stepMs = 40;
    const a = await post('/prompt', { prompt: graphFor({ width: 512, height: 512 }), client_id: 'c' });
    const b = await post('/prompt', { prompt: graphFor({ width: 512, height: 512 }), client_id: 'c' });
    await until('the first to run', async () => (fake.executed.length === 1 ? true : undefined), 5000);
    expect((await post('/queue', { delete: [a.json.prompt_id, b.json.prompt_id] })).status).toBe(200);
    const queue = (await getJson('/queue')) as { queue_running: unknown[][]; queue_pending: unknown[][] };
    expect(queue.queue_running.map((r) => r[1])).toEqual([a.json.prompt_id]);
    expect(queue.queue_pending).toEqual([]);
    await until(
      'the first to finish',
      async () => ((await getJson(`/history/${String(a.json.prompt_id)}`)) as Record<string, unknown>)[String(a.json.prompt_id)],
      5000,
    );
    expect(fake.executed).toEqual([a.json.prompt_id]);
  });

  it('broadcasts status to every socket whenever the queue changes', async () => {
    const observer = await listen('observer');
    expect(observer.messages[0]).toEqual({ type: 'status', data: { status: { exec_info: { queue_remaining: 0 } }, sid: 'observer' } });
    await runToEnd(graphFor({ width: 512, height: 512 }), 'someone-else');
    await until('the last status', async () => (observer.messages.at(-1)?.data.status ? true : undefined), 2000);
    const remaining = observer.messages
      .slice(1)
      .filter((m) => m.type === 'status')
      .map((m) => (m.data.status as { exec_info: { queue_remaining: number } }).exec_info.queue_remaining);
    // Queued (1), taken by the worker (still 1: running), done (0); none of it carries a sid.
    expect(remaining).toEqual([1, 1, 0]);
    expect(observer.messages.slice(1).some((m) => 'sid' in m.data)).toBe(false);
    // The prompt's own events go only to its client's socket.
    expect(observer.messages.some((m) => m.type === 'progress')).toBe(false);
    observer.ws.close();
  });

  it('keeps one socket per client id: a newer one replaces the older', async () => {
    const older = await listen('same');
    const newer = await listen('same');
    expect(fake.socketsOf('same')).toBe(1);
    await runToEnd(graphFor({ width: 512, height: 512 }), 'same');
    expect(newer.messages.filter((m) => m.type === 'progress')).toHaveLength(8);
    // The older socket is not closed, it just hears nothing any more.
    expect(older.ws.readyState).toBe(WebSocket.OPEN);
    expect(older.messages.map((m) => m.type)).toEqual(['status']);
    older.ws.close();
    newer.ws.close();
  });

  it('rejects what ComfyUI rejects, as ComfyUI words it, and ignores undeclared inputs', async () => {
    const bad = graphFor({ width: 512, height: 512 });
    nodeWithRole(bad, 'sampler')[1].inputs.sampler_name = 'eulr';
    const combo = await post('/prompt', { prompt: bad, client_id: 'c' });
    expect(combo.status).toBe(400);
    expect(combo.json.error).toMatchObject({ type: 'prompt_outputs_failed_validation', message: 'Prompt outputs failed validation' });
    expect((combo.json.node_errors as Record<string, unknown>)['9']).toEqual({
      errors: [
        {
          type: 'value_not_in_list',
          message: 'Value not in list',
          details: "sampler_name: 'eulr' not in (list of length 42)",
          extra_info: { input_name: 'sampler_name' },
        },
      ],
      dependent_outputs: ['11'],
      class_type: 'KSampler',
    });
    const small = await post('/prompt', { prompt: graphFor({ width: 8, height: 512 }), client_id: 'c' });
    expect(small.status).toBe(400);
    expect((small.json.node_errors as Record<string, { errors: unknown[] }>)['8']!.errors).toEqual([
      { type: 'value_smaller_than_min', message: 'Value 8 smaller than min of 16', details: 'width', extra_info: { input_name: 'width' } },
    ]);
    const unknown = graphFor({ width: 512, height: 512 });
    unknown['5']!.class_type = 'ModelSamplingMagic';
    const missing = await post('/prompt', { prompt: unknown });
    expect(missing).toEqual({
      status: 400,
      json: {
        error: { type: 'invalid_prompt', message: 'Cannot execute because node ModelSamplingMagic does not exist.', details: "Node ID '#5'", extra_info: {} },
        node_errors: {},
      },
    });
    const extra = graphFor({ width: 512, height: 512 });
    (extra['5']!.inputs as Record<string, unknown>).sampling = 'default';
    expect((await post('/prompt', { prompt: extra, client_id: 'c' })).status).toBe(200);
    expect(fake.submitted).toHaveLength(1);
  });

  it('draws width//8*8 x height//8*8, as the 1/8-size latent decodes', async () => {
    const client = new ComfyUiClient(fake.url, { pollIntervalMs: 50 });
    const result = await client.run(graphFor({ width: 515, height: 389 }));
    expect(await sharp(result.images[0]!).metadata()).toMatchObject({ width: 512, height: 384 });
  });
});
