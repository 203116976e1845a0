// Validation inside the workflow: bad pictures are regenerated with new seeds, a request that
// never gets a good one fails with the reasons, and every attempt's GPU time is charged.
import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { RequestFailedError } from '../client/cubcanvas-client';
import { ledgerEntryKey, utcDay } from '../domain/storage-layout';
import { FsBlobStore } from '../storage/fs-store';
import { join } from 'node:path';
import { ScriptedBackend, type AttemptScript } from './support/scripted-backend';
import { startPipeline, testConfig, uniquePrompt, type TestPipeline } from './support/pipeline';

let p: TestPipeline | undefined;
afterEach(async () => {
  await p?.stop();
  p = undefined;
});

async function pipelineWith(script: AttemptScript[], gpu?: { type: string; secondsPerRender: number }) {
  const config = testConfig();
  const store = new FsBlobStore(join(config.dataDir, 'store'));
  const backend = new ScriptedBackend(store, (_task, call) => script[call] ?? 'good', undefined, gpu);
  p = await startPipeline({ config, overrides: { store, backend } });
  return { pipeline: p, backend, store };
}

describe('validation and regeneration', () => {
  it('regenerates a dark picture with a new seed and keeps the good one', async () => {
    const { pipeline, backend } = await pipelineWith(['dark', 'good']);
    const result = await pipeline.client.generate({ prompt: uniquePrompt('owl'), size: 'small', seed: 42 });
    expect(result.status).toBe('completed');
    if (result.status !== 'completed') return;
    expect(backend.calls.map((c) => c.attempt)).toEqual([0, 1]);
    expect(result.attempts.map((a) => a.ok)).toEqual([false, true]);
    expect(result.attempts[0]!.reasons.join()).toMatch(/too_dark: mean luma \d/);
    expect(result.attempts[0]!.seed).toBe(42);
    expect(result.attempts[1]!.seed).not.toBe(42);
    expect(result.seed).toBe(result.attempts[1]!.seed);
    expect(result.metrics.meanLuma).toBeGreaterThan(100);
  });

  it('fails after three bad pictures with every reason, and still charges the GPU time', async () => {
    const { pipeline, backend, store } = await pipelineWith(['blurry', 'blank', 'garbage'], { type: 'A10G', secondsPerRender: 90 });
    const requestId = `bad-pictures-${randomUUID()}`;
    const error = await pipeline.client.generate({ prompt: uniquePrompt('lion'), size: 'small', requestId }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestFailedError);
    const failure = error as RequestFailedError;
    expect(failure.type).toBe('ImageQualityFailed');
    expect(failure.message).toMatch(/failed validation 3 times.*blurry.*blank.*undecodable/);
    expect(backend.calls).toHaveLength(3);
    const ledger = JSON.parse((await store.get(ledgerEntryKey(utcDay(new Date()), requestId))).toString());
    expect(ledger.outcome).toBe('failed');
    // 3 attempts x 90 s on an A10G at 4.8 CNY/h = 0.36 CNY.
    expect(ledger.cost).toMatchObject({ gpuSeconds: 270, amount: 0.36, currency: 'CNY' });
    expect(ledger.cost.perAttempt).toHaveLength(3);
  });

  it('charges the GPU time of tries that failed and were retried', async () => {
    const { pipeline, backend } = await pipelineWith(['unavailable', 'good'], { type: 'A10G', secondsPerRender: 90 });
    const result = await pipeline.client.generate({ prompt: uniquePrompt('duck'), size: 'small' });
    if (result.status !== 'completed') throw new Error(`expected completed, got ${result.status}`);
    expect(backend.calls).toHaveLength(2);
    // The preempted try ran 45 s on the GPU before it failed; Temporal retried it; both are paid.
    expect(result.attempts.map((a) => [a.attempt, a.ok, a.gpuSeconds])).toEqual([
      [0, false, 45],
      [0, true, 90],
    ]);
    expect(result.attempts[0]!.reasons).toEqual(['failed: GPU node preempted (scripted)']);
    expect(result.cost).toMatchObject({ gpuSeconds: 135, amount: 0.18 });
  });

  it('charges the GPU time of a render that failed for good', async () => {
    const { pipeline, store } = await pipelineWith(['crashed'], { type: 'A10G', secondsPerRender: 90 });
    const requestId = `crashed-${randomUUID()}`;
    const error = await pipeline.client.generate({ prompt: uniquePrompt('hippo'), size: 'small', requestId }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestFailedError);
    expect((error as RequestFailedError).type).toBe('RenderFailed');
    const ledger = JSON.parse((await store.get(ledgerEntryKey(utcDay(new Date()), requestId))).toString());
    expect(ledger).toMatchObject({ outcome: 'failed', charged: true });
    expect(ledger.attempts[0].reasons).toEqual(['failed: node 9 KSampler failed: NaN in latents (scripted)']);
    expect(ledger.cost).toMatchObject({ gpuSeconds: 45, amount: 0.06 });
  });

  it('charges GPU-seconds x the GPU type price per attempt', async () => {
    const { pipeline } = await pipelineWith(['wrong-size', 'good'], { type: 'L4', secondsPerRender: 36 });
    const result = await pipeline.client.generate({ prompt: uniquePrompt('koala'), size: 'small' });
    if (result.status !== 'completed') throw new Error(`expected completed, got ${result.status}`);
    expect(result.attempts[0]!.reasons.join()).toMatch(/wrong_size: 256x256, expected 512x512/);
    // L4 at the default 3.9 CNY/h: 36 s = 0.039 CNY per attempt.
    expect(result.cost).toEqual({
      gpuSeconds: 72,
      amount: 0.078,
      currency: 'CNY',
      perAttempt: [
        { attempt: 0, gpuType: 'L4', gpuSeconds: 36, amount: 0.039 },
        { attempt: 1, gpuType: 'L4', gpuSeconds: 36, amount: 0.039 },
      ],
    });
    expect(result.preview).toBe(false);
  });
});

describe("validation by the backend graph's own limits", () => {
  it('accepts a colouring page from the colouring-page graph on the first attempt; the default limits would have failed it three times', async () => {
    const { loadCatalog } = await import('../render/comfyui/graph');
    const { qualityLimits } = await import('../domain/quality');
    const sharp = (await import('sharp')).default;
    const page = async (w: number, h: number) =>
      sharp(
        Buffer.from(
          `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w}" height="${h}" fill="#fff"/><g fill="none" stroke="#111" stroke-width="6"><circle cx="${w / 2}" cy="${h / 2}" r="${w / 4}"/><circle cx="${w / 3}" cy="${h / 3}" r="${w / 12}"/><path d="M20 ${h - 40} Q${w / 2} ${h / 2} ${w - 20} ${h - 40}"/></g></svg>`,
        ),
      )
        .png()
        .toBuffer();
    for (const limits of [qualityLimits(loadCatalog().graphs['qwen-image-coloring-page']!.quality, 'page'), undefined]) {
      const config = testConfig();
      const store = new FsBlobStore(join(config.dataDir, 'store'));
      const backend = {
        name: 'comfyui',
        workflowVersion: 'qwen-image-coloring-page@1',
        qualityLimits: limits,
        async render(task: import('../render/backend').RenderTask) {
          await store.put(task.outputKey, await page(task.width, task.height), { contentType: 'image/png' });
          return { outputKey: task.outputKey, gpuSeconds: 1, gpuType: 'A10G', model: 'qwen', workflowVersion: 'qwen-image-coloring-page@1', preview: false };
        },
      };
      p = await startPipeline({ config, overrides: { store, backend } });
      const run = p.client.generate({ prompt: uniquePrompt('bear'), size: 'small' });
      if (limits) expect((await run).status).toBe('completed');
      else {
        const err = (await run.catch((e: unknown) => e)) as RequestFailedError;
        expect(err.type).toBe('ImageQualityFailed');
        expect(err.message).toContain('over_exposed');
      }
      await p.stop();
      p = undefined;
    }
  });
});
