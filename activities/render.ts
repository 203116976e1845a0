// Rendering: one attempt on the configured backend (run inside the shared render workflow), and
// joining the shared render of a cache key (run by each request).
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { ErrorType } from '../domain/errors';
import { renderWorkflowId } from '../domain/naming';
import { isAbandonedRender, type AttachResult, type FailedRun, type RenderOutcome, type RenderSpec, type SharedRenderResult } from '../domain/pipeline';
import { stagingRenderKey } from '../domain/storage-layout';
import { parsePayload, renderFailureInfoSchema } from '../domain/payload-schemas';
import type { RenderOutput } from '../render/backend';
import { attachSignal, renderDoneSignal, renderRequestSignal, type Waiter } from '../workflows/definitions';
import type { renderImage } from '../workflows/render-image';
import { firstApplicationFailure } from '../temporal/failures';
import { findCacheEntry, type CacheEntry } from './cache';
import { runOnGpu } from './gpu-run';
import type { ActivityDeps } from './deps';

export interface RenderAttemptInput {
  spec: RenderSpec;
  attempt: number;
  seed: number;
  /** The first request waiting, for the GPU work's labels. */
  requestId?: string;
}

export interface RenderAttemptOutput extends RenderOutput {
  backend: string;
  renderMs: number;
  /** Earlier tries of this attempt that failed after using the GPU. */
  failedRuns: FailedRun[];
}

export interface AttachInput {
  spec: RenderSpec;
  waiter: Waiter;
  /** A workflow that renders for this request (a batch's render pool) instead of the cache key's render workflow. */
  renderProvider?: string;
  /** The run of the render that just told this request it was abandoned: never join it again. */
  abandonedRunId?: string;
}

/** How many times to wait for an abandoned render to close before joining its successor. */
const MAX_CLOSING_WAITS = 3;

export function renderActivities(deps: ActivityDeps) {
  return {
    async renderAttempt({ spec, attempt, seed, requestId }: RenderAttemptInput): Promise<RenderAttemptOutput> {
      const run = await runOnGpu(deps, attempt, (ctx, workflowId) =>
        deps.backend.render({ ...spec, seed, attempt, outputKey: stagingRenderKey(spec.cacheKey, attempt), renderId: workflowId, requestId }, ctx),
      );
      return { ...run.value, backend: run.backend, renderMs: run.renderMs, failedRuns: run.failedRuns };
    },

    /**
     * Joins the shared render of the spec's cache key, starting it if none runs. Returns at once:
     * the result arrives later by signal. A render that already finished is returned directly.
     */
    async attachToRender({ spec, waiter, renderProvider, abandonedRunId }: AttachInput): Promise<AttachResult> {
      const workflowId = renderProvider ?? renderWorkflowId(deps.taskQueue, spec.cacheKey);
      // A render may have finished since this request looked at the cache: use its picture rather
      // than render again. (A render finishing between this look and the start below still costs
      // one redundant render, never a wrong picture.)
      const cached = await findCacheEntry(deps, spec.cacheKey);
      if (cached) return { status: 'done', outcome: outcomeFromCache(cached) };
      if (renderProvider) {
        // The batch's render pool answers with renderDone like a render workflow; it runs as long as its requests do.
        await deps.temporal.workflow.getHandle(renderProvider).signal(renderRequestSignal, { spec, waiter });
        return { status: 'attached', renderWorkflowId: renderProvider };
      }
      for (let wait = 0; ; wait++) {
        let runId: string;
        try {
          const handle = await deps.temporal.workflow.signalWithStart<typeof renderImage, [Waiter]>('renderImage', {
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
          runId = handle.signaledRunId;
        } catch (err) {
          if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
          return settledRender(deps.temporal.workflow.getHandle(workflowId));
        }
        if (runId !== abandonedRunId || wait >= MAX_CLOSING_WAITS) return { status: 'attached', renderWorkflowId: workflowId, runId };
        // The render that told this request it was abandoned is still finishing, and it tells each
        // request once: joining it would mean waiting for the watchdog. Let it close, then start anew.
        await deps.temporal.workflow
          .getHandle(workflowId, runId)
          .result()
          .catch(() => undefined);
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
    ...(entry.environment ? { environment: entry.environment } : {}),
  };
}

/** The result of a closed render workflow, in the shape its renderDone signal would have had. */
async function settledRender(handle: WorkflowHandle<typeof renderImage>): Promise<SharedRenderResult> {
  try {
    const result = await handle.result();
    // Abandoned by every request: the caller is a newcomer, and renders again.
    if (isAbandonedRender(result)) return { status: 'failed', failure: result.abandoned };
    return { status: 'done', outcome: result };
  } catch (err) {
    const failure = firstApplicationFailure(err);
    // A render workflow that failed on its own says why in RenderFailureInfo; one terminated or
    // timed out carries no details at all.
    const details = failure?.details?.[0];
    const info = details === undefined ? {} : parsePayload(renderFailureInfoSchema.partial(), details, 'failure details of the render workflow');
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
