// The CPU preview backend: no model, no GPU, zero GPU-seconds. It walks through fake sampler
// steps (optionally slowed down) so progress, heartbeats and cancellation behave as with a GPU.
import { setTimeout as sleep } from 'node:timers/promises';
import { NO_GPU } from '../../domain/cost';
import { normalizePrompt } from '../../domain/screening/normalize';
import type { BlobStore } from '../../storage/blob-store';
import type { RenderBackend, RenderContext, RenderOutput, RenderTask } from '../backend';
import { animalForPrompt } from './animals';
import { drawPreview } from './draw';

export const PREVIEW_MODEL = 'cubcanvas-preview';
export const PREVIEW_WORKFLOW_VERSION = 'preview-v1';

export interface PreviewOptions {
  steps: number;
  stepMs: number;
}

export class PreviewBackend implements RenderBackend {
  readonly name = 'preview';
  readonly workflowVersion = PREVIEW_WORKFLOW_VERSION;

  constructor(
    private readonly store: BlobStore,
    private readonly options: PreviewOptions,
  ) {}

  async render(task: RenderTask, ctx: RenderContext): Promise<RenderOutput> {
    const { steps, stepMs } = this.options;
    for (let step = 0; step < steps; step++) {
      ctx.signal.throwIfAborted();
      ctx.onProgress({ value: step, max: steps, phase: 'sampling' });
      if (stepMs > 0) await sleep(stepMs, undefined, { signal: ctx.signal });
    }
    ctx.signal.throwIfAborted();
    // The style template names no animal, so the one found is the user's.
    const animal = animalForPrompt(normalizePrompt(task.prompt));
    const png = await drawPreview({ animal, width: task.width, height: task.height, seed: task.seed });
    await this.store.put(task.outputKey, png, {
      contentType: 'image/png',
      metadata: { preview: 'true', animal: animal.id, seed: String(task.seed) },
    });
    ctx.onProgress({ value: steps, max: steps, phase: 'done' });
    return { outputKey: task.outputKey, gpuSeconds: 0, gpuType: NO_GPU, model: PREVIEW_MODEL, workflowVersion: this.workflowVersion, preview: true };
  }
}
