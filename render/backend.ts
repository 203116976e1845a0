// The one interface every render backend implements: preview (CPU), comfyui, kubernetes.
import type { RenderEnvironment, RenderProgress, RenderSpec, RenderTimings } from '../domain/pipeline';
import type { PictureSafetyLimits } from '../domain/picture-safety';
import type { QualityLimits } from '../domain/quality';

export interface RenderTask extends RenderSpec {
  /** Where the backend must leave the PNG in the blob store. */
  outputKey: string;
  attempt: number;
  /**
   * Stable id of the render this task belongs to (the render workflow's id): it names the GPU work,
   * so a later try finds what an earlier one launched. Default: the cache key.
   */
  renderId?: string;
  /** The request that asked first, for labels an operator can search by. */
  requestId?: string;
}

export interface RenderOutput {
  outputKey: string;
  /** Seconds of paid GPU time, including model load: what the cost ledger charges. */
  gpuSeconds: number;
  gpuType: string;
  model: string;
  workflowVersion: string;
  preview: boolean;
  timings?: RenderTimings;
  /** The ComfyUI version/revision and model file hashes of the render (GPU backends that can tell). */
  environment?: RenderEnvironment;
}

export interface RenderContext {
  /** Aborted when the request is cancelled: the backend must stop paying for the GPU. */
  signal: AbortSignal;
  onProgress(progress: Omit<RenderProgress, 'attempt'>): void;
  /**
   * Records what a later try of this same render needs to pick up the GPU work this one started
   * (a queued prompt, a Job name) should this try end without a word — its worker killed. Absent
   * where nothing can resume (a direct call).
   */
  checkpoint?(state: unknown): void;
  /** The last checkpoint of an earlier try that ended without a word; undefined on a first try. */
  resumeFrom?: unknown;
  /**
   * Asked once the signal aborts: true when this worker is going away (shutdown, its try timed out)
   * rather than the request being cancelled, so GPU work that a later try can adopt is left running.
   */
  leaveRunning?(): boolean;
  /** How many earlier tries of this render launched GPU work that failed (names the next launch). */
  failedLaunches?: number;
}

export interface RenderBackend {
  readonly name: string;
  /** How its pictures are judged, when not by the defaults (a graph of its own kind). */
  readonly qualityLimits?: QualityLimits;
  /** The picture safety limits of its graph, when not the defaults (domain/picture-safety-limits.ts). */
  readonly safetyLimits?: PictureSafetyLimits;
  /** Identifies the graph/drawing code; part of the cache key. */
  readonly workflowVersion: string;
  render(task: RenderTask, ctx: RenderContext): Promise<RenderOutput>;
}

/** One picture of a group rendered in one GPU run. */
export interface RenderGroupTask {
  /** Unique in the group; letters, digits, "-" and "_". */
  taskId: string;
  outputKey: string;
  spec: RenderSpec;
}

/** Several pictures for one GPU run: the model loads once for all of them. */
export interface RenderGroup {
  /** Names the GPU work, like RenderTask.renderId (the group workflow's id). */
  groupId: string;
  attempt: number;
  tasks: RenderGroupTask[];
}

export interface RenderGroupOutput {
  /** Seconds of paid GPU time for the whole group. */
  gpuSeconds: number;
  gpuType: string;
  model: string;
  workflowVersion: string;
  preview: boolean;
  /** Pending time of the GPU work (not charged); the Job's name where there is one. */
  pendingSeconds: number;
  job?: string;
  environment?: RenderEnvironment;
  tasks: { taskId: string; outputKey: string; modelLoad: boolean; loadMs?: number; inferenceMs?: number }[];
}

/** A backend that can render a group in one GPU run; others render its pictures one by one. */
export interface GroupRenderBackend extends RenderBackend {
  renderGroup(group: RenderGroup, ctx: RenderContext): Promise<RenderGroupOutput>;
}

export const rendersGroups = (b: RenderBackend): b is GroupRenderBackend => typeof (b as Partial<GroupRenderBackend>).renderGroup === 'function';
