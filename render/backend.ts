// The one interface every render backend implements: preview (CPU), comfyui, kubernetes.
import type { RenderProgress, RenderSpec, RenderTimings } from '../domain/pipeline';

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
  /** Identifies the graph/drawing code; part of the cache key. */
  readonly workflowVersion: string;
  render(task: RenderTask, ctx: RenderContext): Promise<RenderOutput>;
}
