// Steps, progress and results of one image request: the payload types every layer shares.
import type { GpuUsage } from './errors';
import type { PictureSafetyResult } from './picture-safety';
import type { QualityMetrics } from './quality';
import type { Style } from './request';

export const STEPS = ['screen', 'cache', 'render', 'validate', 'watermark', 'publish', 'cost'] as const;
export type Step = (typeof STEPS)[number];
export type Outcome = 'running' | 'completed' | 'rejected' | 'failed' | 'cancelled';

/** The most regenerations after a bad image: 1 render + 2 retries with new seeds. */
export const MAX_REGENERATIONS = 2;

export interface RenderProgress {
  attempt: number;
  value: number;
  max: number;
  /** What the backend is doing: "queued", "loading model", "sampling", ... */
  phase: string;
}

export interface StepTiming {
  step: Step;
  ms: number;
}

export interface RequestProgress {
  requestId: string;
  step: Step | 'done';
  outcome: Outcome;
  stepsDone: Step[];
  render?: RenderProgress;
  timings: StepTiming[];
}

/**
 * The screening layer that decided: a blocklist word, a kind of thing from the lexicon of kinds
 * (weapon models, drug street names, hate symbols, WordNet hyponyms), a pattern describing harm
 * without a banned word, the classifier, a negative prompt that leaves out clothing or safety, or
 * the guard model after them.
 */
export type ScreeningLayer = 'words' | 'kinds' | 'patterns' | 'classifier' | 'negative-prompt' | 'guard-model';

/** What one screening layer saw: the rule (term or pattern as written) and the prompt's words it matched. */
export interface ScreeningEvidence {
  layer: ScreeningLayer;
  category: string;
  /** The kind of the term ("firearm", "drug-street-name"), or what a pattern describes. */
  kind: string;
  rule: string;
  matched: string;
  /** The normalisations needed to see it: "emoji 🔫 read as …", "pinyin read as Chinese", "traditional → simplified". */
  readAs: string[];
}

/** What screening decided; finalPrompt/negativePrompt are only set for allowed prompts. */
export interface ScreeningVerdict {
  allowed: boolean;
  category: string | null;
  reasons: string[];
  /** The layer whose evidence decided a rejection; null when allowed. */
  layer: ScreeningLayer | null;
  /** Every piece of evidence, the deciding one first; empty when allowed. */
  evidence: ScreeningEvidence[];
  normalizedPrompt: string;
  finalPrompt: string | null;
  negativePrompt: string | null;
}

/** Everything a render backend needs, with no reference to who asked. */
export interface RenderSpec {
  cacheKey: string;
  prompt: string;
  negativePrompt: string;
  width: number;
  height: number;
  seed: number;
  style: Style;
}

/**
 * A backend run that failed after using the GPU; Temporal retried it, but it is paid for. Carried
 * from try to try in the render activity's heartbeat, and to the workflow in its result or failure.
 */
export interface FailedRun extends GpuUsage {
  backend: string;
  error: string;
  renderMs: number;
}

/** GPU time of a render stopped on request, sent back as the cancellation's details to be charged. */
export interface StoppedRender extends GpuUsage {
  backend: string;
  renderMs: number;
  failedRuns: FailedRun[];
}

/** Where the time of a GPU render went, as the cluster and the runner report it. */
export interface RenderTimings {
  /** Pod created until its container started: scheduling, node scale-up, image pull. Not charged. */
  pendingSeconds: number;
  /** ComfyUI start and model load, from the runner's manifest. */
  modelLoadMs?: number;
  /** Sampling and decoding of this picture, from the runner's manifest. */
  inferenceMs?: number;
  /** The GPU work that rendered it (a Job name). */
  job?: string;
}

export interface RenderAttempt {
  attempt: number;
  seed: number;
  backend: string;
  gpuType: string;
  gpuSeconds: number;
  preview: boolean;
  ok: boolean;
  reasons: string[];
  metrics?: QualityMetrics;
  /** What every picture safety check said of this attempt's picture (absent: not checked). */
  safety?: PictureSafetyResult[];
  renderMs: number;
  /** GPU backends: pending time, model load and inference as the cluster and runner report them. */
  timings?: RenderTimings;
}

/** One model file a render loaded, as the runner hashed it (cached by path, size and mtime). */
export interface ModelFileHash {
  /** The file as the graph names it (e.g. "qwen_image_fp8_e4m3fn.safetensors"), with its model folder. */
  name: string;
  sha256: string;
  bytes: number;
}

/**
 * What a picture was rendered with, for its provenance and content credentials: the ComfyUI
 * revision and the SHA-256 of every model file loaded. Absent for the CPU preview backend's
 * pictures and for cache entries written before the runner reported it.
 */
export interface RenderEnvironment {
  comfyuiVersion?: string;
  comfyuiRevision?: string;
  models: ModelFileHash[];
}

/** What the shared render workflow hands back to every request that waited for it. */
export interface RenderOutcome {
  cacheKey: string;
  imageKey: string;
  /** The request whose render this was: it carries the GPU cost; others that attached pay 0. */
  ownerRequestId: string;
  model: string;
  workflowVersion: string;
  preview: boolean;
  seed: number;
  attempts: RenderAttempt[];
  metrics: QualityMetrics;
  /** The picture safety checks' verdicts on the published picture. */
  safety?: PictureSafetyResult[];
  /** What the picture was rendered with (GPU backends). */
  environment?: RenderEnvironment;
}

/** An attempt whose picture a safety check judged unsafe: the scores an UnsafeImage failure carries. */
export interface UnsafeAttempt {
  attempt: number;
  seed: number;
  results: PictureSafetyResult[];
}

/** Why a shared render ended without a picture, as told to every request that waited for it. */
export interface RenderFailureInfo {
  type: string;
  message: string;
  attempts: RenderAttempt[];
  ownerRequestId: string;
  /** UnsafeImage: the attempts judged unsafe, with their scores. */
  unsafe?: UnsafeAttempt[];
}

/** How a shared render ended, sent to each waiting request by signal. */
export type SharedRenderResult = { status: 'done'; outcome: RenderOutcome } | { status: 'failed'; failure: RenderFailureInfo };

/** Attaching to a shared render either joins a running one or finds it already finished. */
/** How a shared render ends when every request waiting for it was cancelled: nobody needs the picture. */
export interface AbandonedRender {
  abandoned: RenderFailureInfo;
}

export function isAbandonedRender(result: RenderOutcome | AbandonedRender): result is AbandonedRender {
  return 'abandoned' in result;
}

/** `runId`: the run of the render workflow joined (absent for a batch's render pool). */
export type AttachResult = { status: 'attached'; renderWorkflowId: string; runId?: string } | SharedRenderResult;

export interface CostSummary {
  gpuSeconds: number;
  amount: number;
  currency: string;
  perAttempt: { attempt: number; gpuType: string; gpuSeconds: number; amount: number }[];
}

/**
 * A completed request as the workflow returns it, and as workflow history keeps it: the storage
 * key of the picture, never a URL. A presigned URL expires (CUBCANVAS_S3_URL_EXPIRY_SECONDS) while
 * history is read for as long as it is retained, and it carries the signer's access-key id.
 */
export interface GenerateImageCompletedRecord {
  status: 'completed';
  requestId: string;
  imageKey: string;
  cacheKey: string;
  cacheHit: boolean;
  /** Another request's render was shared rather than rendering again. */
  sharedRender: boolean;
  preview: boolean;
  seed: number;
  width: number;
  height: number;
  model: string;
  workflowVersion: string;
  finalPrompt: string;
  attempts: RenderAttempt[];
  metrics: QualityMetrics;
  /** The picture safety checks' verdicts on the published picture (absent on old cache entries). */
  safety?: PictureSafetyResult[];
  cost: CostSummary;
  timings: StepTiming[];
}

export interface GenerateImageRejected {
  status: 'rejected';
  requestId: string;
  category: string;
  reasons: string[];
  timings: StepTiming[];
}

/** What the generateImage workflow returns (and history stores). */
export type GenerateImageRecord = GenerateImageCompletedRecord | GenerateImageRejected;

/** A completed request as the client hands it out: the record plus a URL minted when it is read. */
export interface GenerateImageCompleted extends GenerateImageCompletedRecord {
  /** A file path (fs store) or a presigned URL valid for CUBCANVAS_S3_URL_EXPIRY_SECONDS from the read. */
  imageUrl: string;
}

/** What the client's result() and generate() return. */
export type GenerateImageResult = GenerateImageCompleted | GenerateImageRejected;
