// The pipeline on a real Temporal dev server rendering through the comfyui backend (configured
// the way an operator would: CUBCANVAS_BACKEND=comfyui, CUBCANVAS_COMFYUI_URL) against the double.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { readPngText } from '../imaging/png-text';
import { ComfyUiBackend } from '../render/comfyui/comfyui-backend';
import { FakeComfyUi } from './support/fake-comfyui';
import { startPipeline, uniquePrompt, type TestPipeline } from './support/pipeline';
import { until } from './support/until';

let fake: FakeComfyUi;
let p: TestPipeline;

beforeAll(async () => {
  fake = new FakeComfyUi();
  await fake.start();
  p = await startPipeline({ env: { CUBCANVAS_BACKEND: 'comfyui', CUBCANVAS_COMFYUI_URL: fake.url } });
});
afterAll(async () => {
  await p?.stop();
  await fake?.stop();
});

describe('generateImage with the comfyui backend', () => {
  it('renders through ComfyUI with live progress, charges the GPU time, records the graph version', async () => {
    expect(p.worker.deps.backend).toBeInstanceOf(ComfyUiBackend);
    fake.behaviour.stepMs = 200;
    const requestId = `comfy-${randomUUID()}`;
    await p.client.start({ prompt: uniquePrompt('penguin'), size: 'small', requestId });
    const seen = await until('sampler progress to reach the request', async () => {
      const pr = await p.client.progress(requestId);
      return pr.render?.phase === 'sampling' && pr.render.value > 0 ? pr.render : undefined;
    });
    expect(seen.max).toBe(8);
    const result = await p.client.result(requestId);
    if (result.status !== 'completed') throw new Error(`expected completed, got ${result.status}`);
    expect(result).toMatchObject({ preview: false, workflowVersion: 'qwen-image-lightning-8step@1', model: expect.stringContaining('Qwen-Image') });
    expect(result.attempts[0]).toMatchObject({ backend: 'comfyui', gpuType: 'A10G', preview: false });
    expect(result.cost.gpuSeconds).toBeGreaterThan(1.5);
    expect(result.cost.amount).toBeCloseTo((result.cost.gpuSeconds * 4.8) / 3600, 5);
    const provenance = JSON.parse(readPngText(await p.worker.deps.store.get(result.imageKey))['cubcanvas:provenance']!);
    expect(provenance).toMatchObject({ requestId, preview: false, workflowVersion: 'qwen-image-lightning-8step@1' });
    expect(fake.submitted).toHaveLength(1);
  });

  it('fails fast when ComfyUI rejects the graph', async () => {
    fake.behaviour.stepMs = 5;
    fake.behaviour.models = [];
    const err = await p.client.generate({ prompt: uniquePrompt('fox'), size: 'small' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ type: 'RenderFailed', message: expect.stringContaining('Value not in list') });
  });
});
