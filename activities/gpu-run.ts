// What every activity that runs GPU work shares (one render attempt, a group of renders in one
// model load): heartbeats that carry progress, the backend's checkpoint and the GPU time of tries
// that failed; progress signals to the workflow; and cancellation that reports what was used.
import { ApplicationFailure, CancelledFailure, Context } from '@temporalio/activity';
import type { WorkflowHandle } from '@temporalio/client';
import { CubcanvasError, RenderStoppedError } from '../domain/errors';
import type { FailedRun, RenderProgress, StoppedRender } from '../domain/pipeline';
import { gpuHeartbeatSchema, parsePayload, type GpuHeartbeat } from '../domain/payload-schemas';
import type { RenderContext } from '../render/backend';
import { renderProgressSignal } from '../workflows/definitions';
import type { ActivityDeps } from './deps';

/** Progress reaches the workflow as signals; more than one a second would only bloat history. */
const PROGRESS_SIGNAL_INTERVAL_MS = 1000;
const HEARTBEAT_INTERVAL_MS = 1000;

export interface GpuRun<T> {
  value: T;
  backend: string;
  renderMs: number;
  /** Earlier tries that failed after using the GPU. */
  failedRuns: FailedRun[];
}

/**
 * Runs `work` on the configured backend inside the current activity. `work` gets the render
 * context (cancellation, progress, checkpoint, resume) and the workflow id that names its GPU work.
 */
export async function runOnGpu<T>(deps: ActivityDeps, attempt: number, work: (ctx: RenderContext, workflowId: string) => Promise<T>): Promise<GpuRun<T>> {
  const ctx = Context.current();
  const workflowId = ctx.info.workflowExecution?.workflowId;
  if (!workflowId) throw new Error(`${ctx.info.activityType} must run inside a workflow`);
  const signals = progressSignaller(deps.temporal.workflow.getHandle(workflowId));
  // Written by an earlier try of this activity; a worker of another version may have written it.
  const previous =
    ctx.info.heartbeatDetails === undefined ? undefined : parsePayload(gpuHeartbeatSchema, ctx.info.heartbeatDetails, 'heartbeat details of the last try');
  const failedRuns: FailedRun[] = [...(previous?.failedRuns ?? [])];
  let progress: RenderProgress | undefined;
  // A try that ended without a word (its worker killed) left its checkpoint: the GPU work it
  // launched may still be running, so this try follows it instead of launching another.
  let checkpoint: unknown = previous?.backend;
  let failedLaunches = previous?.failedLaunches ?? 0;
  const beat = () => ctx.heartbeat({ progress, failedRuns, backend: checkpoint, failedLaunches } satisfies GpuHeartbeat);
  const backend = deps.backend.name;
  const started = Date.now();
  const timer = setInterval(() => beat(), HEARTBEAT_INTERVAL_MS);
  try {
    const value = await work(
      {
        signal: ctx.cancellationSignal,
        onProgress: (p) => {
          progress = { ...p, attempt };
          beat();
          signals.send(progress);
        },
        checkpoint: (state) => {
          checkpoint = state;
          beat();
        },
        resumeFrom: previous?.backend,
        failedLaunches,
        // A stopping worker or a try the server gave up on: the next try picks the GPU work up.
        leaveRunning: () => Boolean(ctx.cancellationDetails?.workerShutdown || ctx.cancellationDetails?.timedOut),
      },
      workflowId,
    );
    return { value, backend, renderMs: Date.now() - started, failedRuns };
  } catch (err) {
    if (ctx.cancellationSignal.aborted) {
      if (!(err instanceof RenderStoppedError)) throw ctx.cancellationSignal.reason ?? err;
      const stopped: StoppedRender = { ...err.usage, backend, renderMs: Date.now() - started, failedRuns };
      throw new CancelledFailure(err.message, [stopped]);
    }
    // A try that failed says so: the next one starts its own GPU work (under a new name) rather
    // than follow this one's.
    if (checkpoint !== undefined) failedLaunches++;
    checkpoint = undefined;
    if (err instanceof CubcanvasError && err.usage) failedRuns.push({ ...err.usage, backend, error: err.message, renderMs: Date.now() - started });
    // Sent with the failure as its last heartbeat: the next try starts from it.
    beat();
    if (!(err instanceof CubcanvasError)) throw err;
    if (failedRuns.length === 0) throw err;
    // The last try's failure carries them all, for the workflow to charge.
    throw ApplicationFailure.create({
      message: err.message,
      type: err.type,
      nonRetryable: !err.retryable,
      details: [{ ...(typeof err.details === 'object' ? err.details : {}), failedRuns }],
      cause: err,
    });
  } finally {
    clearInterval(timer);
    await signals.settled();
  }
}

/**
 * Render progress to the workflow as signals. The first goes out after one interval — a render that
 * finishes sooner needs none (each costs a workflow task in every waiting request) — then at most
 * one per interval, plus the last step. Best effort: a lost update never fails the render.
 */
function progressSignaller(handle: WorkflowHandle): { send(progress: RenderProgress): void; settled(): Promise<void> } {
  let lastSignal = Date.now();
  let signalled = false;
  // Awaited before the activity returns, so no signal outlives the worker's connection.
  const pending = new Set<Promise<unknown>>();
  return {
    send(progress) {
      const now = Date.now();
      if (now - lastSignal < PROGRESS_SIGNAL_INTERVAL_MS && !(signalled && progress.value >= progress.max)) return;
      lastSignal = now;
      signalled = true;
      pending.add(handle.signal(renderProgressSignal, progress).catch(() => undefined));
    },
    async settled() {
      await Promise.allSettled(pending);
    },
  };
}
