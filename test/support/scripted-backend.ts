// A render backend for tests: the real preview drawing, with a script per attempt that can spoil
// the picture, fail, or pretend to be a paid GPU. Counts what it was asked to do.
import sharp from 'sharp';
import { CubcanvasError, RenderFailedError, RenderStoppedError, RenderUnavailableError } from '../../domain/errors';
import type { RenderBackend, RenderContext, RenderOutput, RenderTask } from '../../render/backend';
import { PreviewBackend, type PreviewOptions } from '../../render/preview/preview-backend';
import type { BlobStore } from '../../storage/blob-store';

export type AttemptScript = 'good' | 'dark' | 'blurry' | 'blank' | 'wrong-size' | 'garbage' | 'unavailable' | 'broken' | 'crashed' | 'deaf-to-cancel';

export class ScriptedBackend implements RenderBackend {
  readonly name = 'preview';
  readonly workflowVersion = 'preview-v1';
  readonly calls: RenderTask[] = [];
  aborted = 0;
  completed = 0;
  private readonly preview: PreviewBackend;

  constructor(
    private readonly store: BlobStore,
    private readonly script: (task: RenderTask, call: number) => AttemptScript = () => 'good',
    options: PreviewOptions = { steps: 4, stepMs: 0 },
    private readonly gpu: { type: string; secondsPerRender: number } | undefined = undefined,
  ) {
    this.preview = new PreviewBackend(store, options);
  }

  /** With a pretend GPU, a failure comes half-way through a render and reports the time it used. */
  private usedHalfARender<E extends CubcanvasError>(err: E): E {
    if (this.gpu) err.usage = { gpuType: this.gpu.type, gpuSeconds: this.gpu.secondsPerRender / 2 };
    return err;
  }

  async render(task: RenderTask, ctx: RenderContext): Promise<RenderOutput> {
    this.calls.push(task);
    const what = this.script(task, this.calls.length - 1);
    if (what === 'unavailable') throw this.usedHalfARender(new RenderUnavailableError('GPU node preempted (scripted)'));
    if (what === 'broken') throw new RenderFailedError('workflow graph rejected: node 6 CLIPTextEncode missing input "clip" (scripted)');
    if (what === 'crashed') throw this.usedHalfARender(new RenderFailedError('node 9 KSampler failed: NaN in latents (scripted)'));
    let out: RenderOutput;
    const started = Date.now();
    try {
      // A GPU that finishes its render whatever it is told, as a Job may before its deletion lands.
      out = await this.preview.render(task, what === 'deaf-to-cancel' ? { ...ctx, signal: new AbortController().signal } : ctx);
    } catch (err) {
      if (!ctx.signal.aborted) throw err;
      this.aborted++;
      // Like a GPU backend: the time used before the stop is reported, to be paid for.
      if (this.gpu) throw new RenderStoppedError('render stopped (scripted)', { gpuType: this.gpu.type, gpuSeconds: (Date.now() - started) / 1000 });
      throw err;
    }
    const png = await this.store.get(task.outputKey);
    const spoiled = await spoil(png, what, task);
    if (spoiled) await this.store.put(task.outputKey, spoiled, { contentType: 'image/png' });
    this.completed++;
    return this.gpu ? { ...out, gpuType: this.gpu.type, gpuSeconds: this.gpu.secondsPerRender, preview: false, model: 'qwen-image-test' } : out;
  }
}

/** Turns a good picture into a defective one of the named kind (also used by the validation tests). */
export async function spoil(png: Buffer, what: AttemptScript, size: { width: number; height: number }): Promise<Buffer | undefined> {
  switch (what) {
    case 'dark':
      return sharp(png).linear(0.12, 0).png().toBuffer();
    case 'blurry':
      return sharp(png).blur(12).png().toBuffer();
    case 'blank':
      return sharp({ create: { width: size.width, height: size.height, channels: 3, background: '#c8d8e8' } })
        .png()
        .toBuffer();
    case 'wrong-size':
      return sharp(png)
        .resize(size.width / 2, size.height / 2)
        .png()
        .toBuffer();
    case 'garbage':
      return Buffer.from('this is not a PNG at all');
    default:
      return undefined;
  }
}
