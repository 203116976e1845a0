// The `comfyui` render backend: drives an existing ComfyUI server (a workstation GPU, a warm
// server) straight from the worker. GPU time is the wall time of each prompt on that server.
import type { PictureSafetyLimits } from '../../domain/picture-safety';
import { pictureSafetyLimits } from '../../domain/picture-safety-limits';
import { qualityLimits, type QualityLimits } from '../../domain/quality';
import { rideOutStorageOutage, type RideOutOptions } from '../../storage/ride-out';
import type { PriceTable } from '../../domain/cost';
import { ConfigError, CubcanvasError, RenderStoppedError, type GpuUsage } from '../../domain/errors';
import type { RenderEnvironment } from '../../domain/pipeline';
import { stripRenderMetadata } from '../../imaging/strip-metadata';
import type { BlobStore } from '../../storage/blob-store';
import type { RenderBackend, RenderContext, RenderOutput, RenderTask } from '../backend';
import { ComfyUiClient, RunAbortedError, type QueuedPrompt } from './client';
import { lockedModelFiles, type ModelLock } from './environment-lock';
import { configuredGraph, fillGraph, loadCatalog, type ApiGraph, type GraphCatalog, type GraphEntry } from './graph';

export interface ComfyUiBackendOptions {
  url: string;
  /** Graph name from comfy-workflows/manifest.json; default: the manifest's default. */
  graph?: string;
  /** The GPU type for the price table; default: read from the server's device name. */
  gpuType?: string;
  prices: PriceTable;
  catalog?: GraphCatalog;
  pollIntervalMs?: number;
  /** How often /history is asked while the WebSocket is quiet (ComfyUiClientOptions.historyPollMs). */
  historyPollMs?: number;
  /** How a store outage after a finished render is waited out (tests shorten it). */
  storageOutage?: Pick<RideOutOptions, 'deadlineMs' | 'initialDelayMs' | 'maxDelayMs'>;
  /**
   * The server's model folders as this worker sees them (CUBCANVAS_COMFYUI_MODEL_PATHS): each model
   * file the graph loads is hashed and held to the manifest's pins before the prompt is queued.
   * Absent (a ComfyUI on another machine): the environment names the ComfyUI version only.
   */
  modelLock?: ModelLock;
}

/** "NVIDIA A10G" -> "A10G", "NVIDIA GeForce RTX 4090 D" -> the longest price-table key it contains. */
export function gpuTypeFromName(name: string, prices: PriceTable): string | undefined {
  const compact = name.toUpperCase().replace(/\s+/g, '');
  return Object.keys(prices)
    .filter((k) => k !== 'none' && compact.includes(k.toUpperCase()))
    .sort((a, b) => b.length - a.length)[0];
}

export class ComfyUiBackend implements RenderBackend {
  readonly name = 'comfyui';
  readonly workflowVersion: string;
  readonly qualityLimits: QualityLimits;
  readonly safetyLimits: PictureSafetyLimits;
  readonly client: ComfyUiClient;
  private readonly entry: GraphEntry;
  private readonly graph: ApiGraph;
  private gpuType: string | undefined;
  private comfyuiVersion: string | undefined;
  /** What the graph has that ComfyUI ignores (undeclared inputs): reported, not fatal. */
  readonly graphWarnings: string[];

  constructor(
    private readonly store: BlobStore,
    private readonly opts: ComfyUiBackendOptions,
  ) {
    ({ entry: this.entry, graph: this.graph, warnings: this.graphWarnings } = configuredGraph(opts.catalog ?? loadCatalog(), opts.graph));
    // Once per worker start, where the operator looks (the process's warnings on stderr).
    for (const w of this.graphWarnings) process.emitWarning(w, 'CubcanvasGraphWarning');
    this.workflowVersion = this.entry.version;
    this.qualityLimits = qualityLimits(this.entry.quality, `comfy-workflows/manifest.json graph ${this.entry.name}`);
    this.safetyLimits = pictureSafetyLimits(this.entry.safety, `comfy-workflows/manifest.json graph ${this.entry.name}`);
    this.client = new ComfyUiClient(opts.url, { pollIntervalMs: opts.pollIntervalMs, historyPollMs: opts.historyPollMs });
    this.gpuType = opts.gpuType;
  }

  private async resolveGpuType(): Promise<string> {
    if (this.gpuType) return this.gpuType;
    const info = await this.client.systemInfo();
    this.comfyuiVersion = info.comfyuiVersion;
    const found = gpuTypeFromName(info.gpuName, this.opts.prices);
    if (!found)
      throw new ConfigError(
        'CUBCANVAS_GPU_TYPE',
        `cannot tell the price of "${info.gpuName}" at ${this.opts.url}: set CUBCANVAS_GPU_TYPE to one of ${Object.keys(this.opts.prices).join(', ')}`,
      );
    this.gpuType = found;
    return found;
  }

  /**
   * The ComfyUI version (/system_stats system.comfyui_version, asked once) and, when this worker can
   * see the model folders, the hash of each model file the graph loads. Throws RenderFailed naming
   * a file whose hash differs from the pin, before anything reaches the GPU.
   */
  private async environment(): Promise<RenderEnvironment> {
    this.comfyuiVersion ??= (await this.client.systemInfo()).comfyuiVersion;
    const models = this.opts.modelLock ? await lockedModelFiles(this.graph, this.opts.modelLock) : [];
    return { comfyuiVersion: this.comfyuiVersion, models };
  }

  async render(task: RenderTask, ctx: RenderContext): Promise<RenderOutput> {
    const gpuType = await this.resolveGpuType();
    const environment = await this.environment();
    const graph = fillGraph(this.graph, this.entry, {
      positive: task.prompt,
      negative: task.negativePrompt,
      width: task.width,
      height: task.height,
      seed: task.seed,
      filenamePrefix: `cubcanvas/${task.cacheKey}-${task.attempt}`,
    });
    let startedAt: number | undefined;
    const result = await this.client
      .run(graph, {
        signal: ctx.signal,
        onProgress: (p) => ctx.onProgress({ value: p.value, max: p.max, phase: p.phase }),
        onStarted: () => (startedAt ??= Date.now()),
        // A try whose worker died leaves its prompt running on the GPU: the next try follows it.
        onQueued: (prompt) => ctx.checkpoint?.(prompt),
        follow: queuedPrompt(ctx.resumeFrom),
        leaveRunning: ctx.leaveRunning,
      })
      .catch((err: unknown) => {
        // Stopped or failed, the GPU time since the prompt started executing is paid for.
        const usage: GpuUsage = { gpuType, gpuSeconds: startedAt === undefined ? 0 : Math.round((Date.now() - startedAt) / 10) / 100 };
        if (err instanceof RunAbortedError) throw new RenderStoppedError(`${err.message} after ${usage.gpuSeconds} GPU-s`, usage);
        if (err instanceof CubcanvasError && usage.gpuSeconds > 0) err.usage = usage;
        throw err;
      });
    // The picture is paid for and in hand: a store that is down is waited out (the activity keeps
    // heartbeating), never answered by rendering again.
    // SaveImage wrote the graph, prompt included, into the PNG: removed before the picture is stored.
    const image = await stripRenderMetadata(result.images[0]!);
    await rideOutStorageOutage(
      () =>
        this.store.put(task.outputKey, image, {
          contentType: 'image/png',
          metadata: { 'comfyui-prompt-id': result.promptId, graph: this.entry.name, seed: String(task.seed) },
        }),
      {
        ...this.opts.storageOutage,
        signal: ctx.signal,
        onRetry: (n, err, ms) =>
          ctx.onProgress({ value: n, max: n + 1, phase: `store unavailable, upload retried in ${Math.round(ms / 1000)} s (${err.message.slice(0, 80)})` }),
      },
    );
    return {
      outputKey: task.outputKey,
      // Queue time is not GPU work on a shared server; loading and sampling are.
      gpuSeconds: Math.round((result.timings.loadMs + result.timings.inferenceMs) / 10) / 100,
      gpuType,
      model: this.entry.model,
      workflowVersion: this.workflowVersion,
      preview: false,
      environment,
    };
  }
}

/** A checkpoint this backend wrote, or undefined for anything else (another backend's, none). */
function queuedPrompt(state: unknown): QueuedPrompt | undefined {
  const p = state as Partial<QueuedPrompt> | undefined;
  return p && typeof p.promptId === 'string' && typeof p.clientId === 'string' && typeof p.submittedAt === 'number'
    ? { promptId: p.promptId, clientId: p.clientId, submittedAt: p.submittedAt }
    : undefined;
}
