// Rendering: one attempt on the configured backend (run inside the shared render workflow), and
// the wait of a request for the shared render of its cache key.
import { Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, WorkflowFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure, CancelledFailure, WorkflowIdReusePolicy } from '@temporalio/common';
import { ErrorType } from '../domain/errors';
import { renderWorkflowId } from '../domain/naming';
import type { RenderOutcome, RenderProgress, RenderSpec } from '../domain/pipeline';
import { stagingRenderKey } from '../domain/storage-layout';
import type { RenderOutput } from '../render/backend';
import { attachSignal, detachSignal, renderProgressSignal, type Waiter } from '../workflows/definitions';
import type { renderImage } from '../workflows/render-image';
import { firstApplicationFailure } from '../temporal/failures';
import type { ActivityDeps } from './deps';

/** Progress reaches the workflow as signals; more than one a second would only bloat history. */
const PROGRESS_SIGNAL_INTERVAL_MS = 1000;
const HEARTBEAT_INTERVAL_MS = 1000;
const SHARED_FAILURE_TYPES: string[] = [ErrorType.ImageQualityFailed, ErrorType.RenderFailed, ErrorType.InvalidRequest];

export interface RenderAttemptInput {
  spec: RenderSpec;
  attempt: number;
  seed: number;
}

export interface RenderAttemptOutput extends RenderOutput {
  backend: string;
  renderMs: number;
}

export interface AwaitRenderInput {
  spec: RenderSpec;
  waiter: Waiter;
}

/** Heartbeats while `work` runs, so that cancellation reaches this activity and a dead worker is noticed. */
async function withHeartbeats<T>(work: Promise<T>, onCancel: () => Promise<void>): Promise<T> {
  const ctx = Context.current();
  const timer = setInterval(() => ctx.heartbeat(), HEARTBEAT_INTERVAL_MS);
  try {
    return await Promise.race([work, ctx.cancelled]);
  } catch (err) {
    if (err instanceof CancelledFailure) await onCancel();
    throw err;
  } finally {
    clearInterval(timer);
  }
}

export function renderActivities(deps: ActivityDeps) {
  return {
    async renderAttempt({ spec, attempt, seed }: RenderAttemptInput): Promise<RenderAttemptOutput> {
      const ctx = Context.current();
      const workflowId = ctx.info.workflowExecution?.workflowId;
      if (!workflowId) throw new Error('renderAttempt must run inside a workflow');
      const own = deps.temporal.workflow.getHandle(workflowId);
      let lastSignal = 0;
      const onProgress = (p: Omit<RenderProgress, 'attempt'>) => {
        const progress: RenderProgress = { ...p, attempt };
        ctx.heartbeat(progress);
        const now = Date.now();
        if (now - lastSignal >= PROGRESS_SIGNAL_INTERVAL_MS || p.value >= p.max) {
          lastSignal = now;
          // Progress is best effort: a lost update must never fail the render.
          own.signal(renderProgressSignal, progress).catch(() => undefined);
        }
      };
      const started = Date.now();
      const timer = setInterval(() => ctx.heartbeat(), HEARTBEAT_INTERVAL_MS * 2);
      try {
        const output = await deps.backend.render({ ...spec, seed, attempt, outputKey: stagingRenderKey(spec.cacheKey, attempt) }, { signal: ctx.cancellationSignal, onProgress });
        return { ...output, backend: deps.backend.name, renderMs: Date.now() - started };
      } catch (err) {
        if (ctx.cancellationSignal.aborted) throw ctx.cancellationSignal.reason ?? err;
        throw err;
      } finally {
        clearInterval(timer);
      }
    },

    async awaitSharedRender({ spec, waiter }: AwaitRenderInput): Promise<RenderOutcome> {
      const workflowId = renderWorkflowId(deps.taskQueue, spec.cacheKey);
      for (;;) {
        let handle: WorkflowHandle<typeof renderImage>;
        try {
          handle = await deps.temporal.workflow.signalWithStart<typeof renderImage, [Waiter]>('renderImage', {
            workflowId,
            taskQueue: deps.taskQueue,
            args: [{ spec }],
            signal: attachSignal,
            signalArgs: [waiter],
            // A finished render is reused (its result is fetched below); a failed one may run again.
            workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
            staticSummary: `render ${spec.width}x${spec.height} seed ${spec.seed}`,
          });
        } catch (err) {
          if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
          handle = deps.temporal.workflow.getHandle(workflowId);
        }
        try {
          return await withHeartbeats(handle.result(), () => handle.signal(detachSignal, waiter.requestId).catch(() => undefined));
        } catch (err) {
          const cause = err instanceof WorkflowFailedError ? firstApplicationFailure(err) : undefined;
          if (cause?.type === ErrorType.RenderAbandoned) continue;
          if (cause?.type && SHARED_FAILURE_TYPES.includes(cause.type)) {
            throw ApplicationFailure.create({ message: cause.message, type: cause.type, nonRetryable: true, details: cause.details ? [...cause.details] : [] });
          }
          throw err;
        }
      }
    },
  };
}
