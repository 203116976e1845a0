// Rendering: one attempt on the configured backend (run inside the shared render workflow), and
// joining the shared render of a cache key (run by each request).
import { ApplicationFailure, CancelledFailure, Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { CubcanvasError, ErrorType, RenderStoppedError, type GpuUsage } from '../domain/errors';
import { renderWorkflowId } from '../domain/naming';
import type { AttachResult, RenderFailureInfo, RenderOutcome, RenderProgress, RenderSpec, SharedRenderResult } from '../domain/pipeline';
import { stagingRenderKey } from '../domain/storage-layout';
import type { RenderOutput } from '../render/backend';
import { attachSignal, renderDoneSignal, renderProgressSignal, type Waiter } from '../workflows/definitions';
import type { renderImage } from '../workflows/render-image';
import { firstApplicationFailure } from '../temporal/failures';
import { findCacheEntry, type CacheEntry } from './cache';
import type { ActivityDeps } from './deps';

/** Progress reaches the workflow as signals; more than one a second would only bloat history. */
const PROGRESS_SIGNAL_INTERVAL_MS = 1000;
const HEARTBEAT_INTERVAL_MS = 1000;

export interface RenderAttemptInput {
  spec: RenderSpec;
  attempt: number;
  seed: number;
  /** The first request waiting, for the GPU work's labels. */
  requestId?: string;
}

/** A backend run that failed after using the GPU; Temporal retried it, but it is paid for. */
export interface FailedRun extends GpuUsage {
  backend: string;
  error: string;
  renderMs: number;
}

export interface RenderAttemptOutput extends RenderOutput {
  backend: string;
  renderMs: number;
  /** Earlier tries of this attempt that failed after using the GPU. */
  failedRuns: FailedRun[];
}

/**
 * What each heartbeat carries. Temporal hands the last one to the next try of the activity, which
 * is how the GPU time of tries that failed reaches the attempt that finally succeeds (or fails).
 */
interface RenderHeartbeat {
  progress?: RenderProgress;
  failedRuns: FailedRun[];
  /** The backend's checkpoint: lets the next try follow GPU work this one left running. */
  backend?: unknown;
  /** Tries whose GPU work (a Job) failed: the next launch gets a name of its own. */
  failedLaunches?: number;
}

/** GPU time of a render stopped on request, sent back as the cancellation's details to be charged. */
export interface StoppedRender extends GpuUsage {
  backend: string;
  renderMs: number;
  failedRuns: FailedRun[];
}

export interface AttachInput {
  spec: RenderSpec;
  waiter: Waiter;
}

export function renderActivities(deps: ActivityDeps) {
  return {
    async renderAttempt({ spec, attempt, seed, requestId }: RenderAttemptInput): Promise<RenderAttemptOutput> {
      const ctx = Context.current();
      const workflowId = ctx.info.workflowExecution?.workflowId;
      if (!workflowId) throw new Error('renderAttempt must run inside a workflow');
      const signals = progressSignaller(deps.temporal.workflow.getHandle(workflowId));
      const previous = ctx.info.heartbeatDetails as RenderHeartbeat | undefined;
      const failedRuns: FailedRun[] = [...(previous?.failedRuns ?? [])];
      let progress: RenderProgress | undefined;
      // A try that ended without a word (its worker killed) left its checkpoint: the GPU work it
      // launched may still be running, so this try follows it instead of launching another.
      let checkpoint: unknown = previous?.backend;
      let failedLaunches = previous?.failedLaunches ?? 0;
      const beat = () => ctx.heartbeat({ progress, failedRuns, backend: checkpoint, failedLaunches } satisfies RenderHeartbeat);
      const onProgress = (p: Omit<RenderProgress, 'attempt'>) => {
        progress = { ...p, attempt };
        beat();
        signals.send(progress);
      };
      const onCheckpoint = (state: unknown) => {
        checkpoint = state;
        beat();
      };
      const backend = deps.backend.name;
      const started = Date.now();
      const timer = setInterval(() => beat(), HEARTBEAT_INTERVAL_MS);
      try {
        const output = await deps.backend.render(
          { ...spec, seed, attempt, outputKey: stagingRenderKey(spec.cacheKey, attempt), renderId: workflowId, requestId },
          {
            signal: ctx.cancellationSignal,
            onProgress,
            checkpoint: onCheckpoint,
            resumeFrom: previous?.backend,
            failedLaunches,
            // A stopping worker or a try the server gave up on: the next try picks the GPU work up.
            leaveRunning: () => Boolean(ctx.cancellationDetails?.workerShutdown || ctx.cancellationDetails?.timedOut),
          },
        );
        return { ...output, backend, renderMs: Date.now() - started, failedRuns };
      } catch (err) {
        if (ctx.cancellationSignal.aborted) {
          if (!(err instanceof RenderStoppedError)) throw ctx.cancellationSignal.reason ?? err;
          const stopped: StoppedRender = { ...err.usage, backend, renderMs: Date.now() - started, failedRuns };
          throw new CancelledFailure(err.message, [stopped]);
        }
        // A try that failed says so: the next one starts its own GPU work (under a new name)
        // rather than follow this one's.
        if (checkpoint !== undefined) failedLaunches++;
        checkpoint = undefined;
        if (err instanceof CubcanvasError && err.usage) failedRuns.push({ ...err.usage, backend, error: err.message, renderMs: Date.now() - started });
        // Sent with the failure as its last heartbeat: the next try starts from it.
        beat();
        if (!(err instanceof CubcanvasError)) throw err;
        if (failedRuns.length === 0) throw err;
        // The last try's failure carries them all, for the workflow to charge.
        throw ApplicationFailure.create({ message: err.message, type: err.type, nonRetryable: !err.retryable, details: [{ ...(typeof err.details === 'object' ? err.details : {}), failedRuns }], cause: err });
      } finally {
        clearInterval(timer);
        await signals.settled();
      }
    },

    /**
     * Joins the shared render of the spec's cache key, starting it if none runs. Returns at once:
     * the result arrives later by signal. A render that already finished is returned directly.
     */
    async attachToRender({ spec, waiter }: AttachInput): Promise<AttachResult> {
      const workflowId = renderWorkflowId(deps.taskQueue, spec.cacheKey);
      // A render may have finished since this request looked at the cache: use its picture rather
      // than render again. (A render finishing between this look and the start below still costs
      // one redundant render, never a wrong picture.)
      const cached = await findCacheEntry(deps, spec.cacheKey);
      if (cached) return { status: 'done', outcome: outcomeFromCache(cached) };
      try {
        await deps.temporal.workflow.signalWithStart<typeof renderImage, [Waiter]>('renderImage', {
          workflowId,
          taskQueue: deps.taskQueue,
          args: [{ spec }],
          signal: attachSignal,
          signalArgs: [waiter],
          // A running render is joined; a closed one is run again (its cache entry is gone,
          // e.g. expired by a lifecycle rule, or it failed).
          workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
          staticSummary: `render ${spec.width}x${spec.height} seed ${spec.seed}`,
        });
        return { status: 'attached', renderWorkflowId: workflowId };
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        return settledRender(deps.temporal.workflow.getHandle(workflowId));
      }
    },

    /** Tells each waiting request how the shared render ended. A request that is gone is skipped. */
    async notifyWaiters({ waiters, result }: { waiters: Waiter[]; result: SharedRenderResult }): Promise<void> {
      await Promise.all(
        waiters.map(async (w) => {
          try {
            await deps.temporal.workflow.getHandle(w.workflowId).signal(renderDoneSignal, result);
          } catch (err) {
            if (!(err instanceof WorkflowNotFoundError)) throw err;
          }
        }),
      );
    },

    /** The watchdog's question: is the shared render still running, and if not, how did it end? */
    async checkSharedRender({ renderWorkflowId: workflowId }: { renderWorkflowId: string }): Promise<{ status: 'running' } | SharedRenderResult> {
      const handle = deps.temporal.workflow.getHandle<typeof renderImage>(workflowId);
      const description = await handle.describe();
      if (description.status.name === 'RUNNING') return { status: 'running' };
      return settledRender(handle);
    },
  };
}

/** A finished render as found in the cache: no attempts of this request, owned by whoever rendered it. */
function outcomeFromCache(entry: CacheEntry): RenderOutcome {
  return {
    cacheKey: entry.cacheKey,
    imageKey: entry.imageKey,
    ownerRequestId: entry.ownerRequestId,
    model: entry.model,
    workflowVersion: entry.workflowVersion,
    preview: entry.preview,
    seed: entry.seed,
    attempts: [],
    metrics: entry.metrics,
  };
}

/** The result of a closed render workflow, in the shape its renderDone signal would have had. */
async function settledRender(handle: WorkflowHandle<typeof renderImage>): Promise<SharedRenderResult> {
  try {
    return { status: 'done', outcome: await handle.result() };
  } catch (err) {
    const failure = firstApplicationFailure(err);
    const info = (failure?.details?.[0] ?? {}) as Partial<RenderFailureInfo>;
    return {
      status: 'failed',
      failure: {
        // Terminated, timed out or cancelled by an operator: nothing wrong with the request, so render again.
        type: failure?.type ?? ErrorType.RenderAbandoned,
        message: failure?.message ?? (err as Error).message,
        attempts: info.attempts ?? [],
        ownerRequestId: info.ownerRequestId ?? 'none',
      },
    };
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
