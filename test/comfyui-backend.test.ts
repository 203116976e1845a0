// The comfyui backend and its client against the ComfyUI double over real HTTP and WebSocket.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { RenderFailedError, RenderStoppedError, RenderUnavailableError } from '../domain/errors';
import { parsePriceTable, DEFAULT_GPU_PRICES } from '../domain/cost';
import { ComfyUiBackend, gpuTypeFromName } from '../render/comfyui/comfyui-backend';
import { nodeWithRole } from '../render/comfyui/graph';
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

const task = (n = 0) => ({ cacheKey: `k${n}`, prompt: 'a cute penguin, storybook', negativePrompt: 'scary', width: 512, height: 384, seed: 7 + n, style: 'storybook' as const, outputKey: `staging/render/k${n}/attempt-0.png`, attempt: 0 });

function backend(extra: Partial<ConstructorParameters<typeof ComfyUiBackend>[1]> = {}) {
  return new ComfyUiBackend(store, { url: fake.url, prices, pollIntervalMs: 50, ...extra });
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
    expect(out).toMatchObject({ gpuType: 'A10G', preview: false, workflowVersion: 'qwen-image-lightning-8step@1', model: expect.stringContaining('Lightning') });
    expect(out.gpuSeconds).toBeGreaterThan(0.1);
    const sent = fake.submitted[0]!;
    expect(sent.promptId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent.clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(nodeWithRole(sent.prompt, 'positive')[1].inputs.text).toBe('a cute penguin, storybook');
    expect(nodeWithRole(sent.prompt, 'latent')[1].inputs).toMatchObject({ width: 512, height: 384 });
    expect(nodeWithRole(sent.prompt, 'sampler')[1].inputs.seed).toBe(7);
    const sampling = progress.filter((p) => p.phase === 'sampling');
    expect(sampling.map((p) => p.value)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(progress[0]!.phase).toBe('queued');
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
    expect((err as Error).message).toMatch(/ComfyUI rejected the graph: Prompt outputs failed validation — node 6 \(CLIPTextEncode\): Required input is missing \[input clip\]/);
  });

  it('names a missing model file', async () => {
    fake.behaviour.models = fake.behaviour.models.filter((m) => !m.includes('Lightning'));
    const err = await render(backend()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RenderFailedError);
    expect((err as Error).message).toMatch(/node 4 \(LoraLoaderModelOnly\): Value not in list \[input lora_name\]: lora_name: 'Qwen-Image-Lightning-8steps-V1.0.safetensors' not in/);
  });

  it('reports CUDA out of memory with ComfyUI\'s own message, as retryable, with the GPU time it used', async () => {
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

  it('queues the prompt again when the earlier try\'s prompt failed or was forgotten', async () => {
    fake.behaviour.oomNextAtStep = 2;
    const b = backend();
    let checkpoint: unknown;
    await expect(b.render(task(), { signal: new AbortController().signal, onProgress: () => undefined, checkpoint: (s) => (checkpoint = s) })).rejects.toBeInstanceOf(RenderUnavailableError);
    const retried = await b.render(task(), { signal: new AbortController().signal, onProgress: () => undefined, resumeFrom: checkpoint });
    expect(fake.submitted).toHaveLength(2);
    expect(await store.head(retried.outputKey)).toBeDefined();
    const forgotten = await b.render(task(1), { signal: new AbortController().signal, onProgress: () => undefined, resumeFrom: { promptId: 'not-known-here', clientId: 'c', submittedAt: Date.now() } });
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
});
