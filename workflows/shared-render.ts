// The request's side of the shared render: join the render of its cache key and wait for the
// result, which arrives by signal. Used inside generateImage (workflow code: deterministic).
import {
  ApplicationFailure,
  CancellationScope,
  condition,
  getExternalWorkflowHandle,
  isCancellation,
  proxyLocalActivities,
  setHandler,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { ErrorType } from '../domain/errors';
import type { RenderOutcome, RenderSpec, SharedRenderResult } from '../domain/pipeline';
import { detachSignal, renderDoneSignal, type Waiter } from './definitions';
import { STORAGE_RETRY } from './retry-policies';

// Reads the cache first: a store outage is ridden out like every other storage step.
const { attachToRender, checkSharedRender } = proxyLocalActivities<Activities>({
  summary: 'join shared render',
  startToCloseTimeout: '30 seconds',
  retry: STORAGE_RETRY,
});

/** How long to wait for the render's signal before asking whether it is still running at all. */
const RENDER_WATCHDOG = '2 minutes';
/** New renders started after a shared one was abandoned by everybody else, before giving up. */
const MAX_REATTACH = 3;

/**
 * Registers the renderDone signal handler; call once, at the start of the workflow. With a render
 * provider (a batch) the picture is asked of it instead of the cache key's render workflow.
 */
export function sharedRenderWaiter(renderProvider?: string): (spec: RenderSpec, waiter: Waiter) => Promise<RenderOutcome> {
  let renderDone: SharedRenderResult | undefined;
  setHandler(renderDoneSignal, (result) => {
    renderDone = result;
  });

  return async function sharedRender(spec, waiter) {
    // The run that told this request it was abandoned: the next attach waits for it to close.
    let abandonedRunId: string | undefined;
    for (let round = 0; ; round++) {
      renderDone = undefined;
      const attached = await attachToRender({ spec, waiter, renderProvider, ...(abandonedRunId ? { abandonedRunId } : {}) });
      let result: SharedRenderResult | undefined = attached.status === 'attached' ? undefined : attached;
      try {
        while (!result && attached.status === 'attached') {
          if (await condition(() => renderDone !== undefined, RENDER_WATCHDOG)) result = renderDone;
          else {
            // No word for a long time: make sure the render still exists (an operator may have terminated it).
            const state = await checkSharedRender({ renderWorkflowId: attached.renderWorkflowId });
            if (state.status !== 'running') result = state;
          }
        }
      } catch (err) {
        if (isCancellation(err) && attached.status === 'attached') {
          // Leave the shared render: if nobody else waits, it stops the GPU work.
          await CancellationScope.nonCancellable(() =>
            getExternalWorkflowHandle(attached.renderWorkflowId)
              .signal(detachSignal, waiter.requestId)
              .catch(() => undefined),
          );
        }
        throw err;
      }
      if (result!.status === 'done') return result!.outcome;
      const failure = result!.failure;
      if (failure.type === ErrorType.RenderAbandoned && round < MAX_REATTACH) {
        if (attached.status === 'attached') abandonedRunId = attached.runId;
        continue;
      }
      throw ApplicationFailure.nonRetryable(failure.message, failure.type, failure);
    }
  };
}
