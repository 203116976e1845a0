// The runner's contract with whoever launches it (the Kubernetes backend, an operator): the job it
// reads, the manifest it writes, and what its exit code means. Documented in README "The runner".
import type { RenderEnvironment } from '../domain/pipeline';
import { describeJobProblems, runnerJobSchema } from './job-schema';

/** Exit codes: the Job's podFailurePolicy retries 10 and fails the Job at once on 20. */
export const EXIT = {
  /** Every task rendered and uploaded. */
  ok: 0,
  /** Worth running again: ComfyUI unreachable or restarted, CUDA out of memory, storage outage, SIGTERM (preemption). */
  retryable: 10,
  /** Running again will not help: invalid job, graph rejected, a node failed, storage misconfigured. */
  nonRetryable: 20,
} as const;

export interface RunnerTaskSpec {
  prompt: string;
  negativePrompt: string;
  width: number;
  height: number;
  seed: number;
}

export interface RunnerTask {
  taskId: string;
  /** Where the PNG goes in the blob store. */
  outputKey: string;
  spec: RunnerTaskSpec;
}

export interface RunnerJob {
  runId: string;
  /** Graph name from comfy-workflows/manifest.json; default: the manifest's default. */
  graph?: string;
  tasks: RunnerTask[];
  /** Where the manifest goes in the blob store. */
  manifestKey: string;
}

export interface TaskReport {
  taskId: string;
  status: 'done' | 'skipped' | 'failed' | 'interrupted' | 'pending';
  outputKey: string;
  attempts: number;
  /** true when this task paid for loading the model (the first one, or after a restart). */
  modelLoad?: boolean;
  timings?: { queueMs: number; loadMs: number; inferenceMs: number; totalMs: number };
  error?: { type: string; message: string; retryable: boolean };
}

export interface RunManifest {
  runId: string;
  status: 'completed' | 'failed' | 'interrupted';
  exitCode: number;
  graph: string;
  graphVersion: string;
  gpu: { name: string; vramTotalBytes: number } | null;
  comfyuiVersion: string | null;
  startedAt: string;
  finishedAt: string;
  /** Runner start until ComfyUI answered (boot of a local ComfyUI included). */
  readyMs: number | null;
  /** ComfyUI version and revision, SHA-256 of each model file the graph loads (README "Environment lock"). */
  environment?: RenderEnvironment;
  tasks: TaskReport[];
}

/** Checks a job read from a file or the store; every problem in one message. */
export function parseJob(text: string, source: string): RunnerJob {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`${source}: not JSON (${(err as Error).message})`);
  }
  const job = runnerJobSchema.safeParse(raw);
  if (!job.success) throw new Error(`${source}: ${describeJobProblems(job.error)}`);
  return job.data;
}
