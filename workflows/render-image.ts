// The shared render of one cache key: render, validate, regenerate with a new seed at most
// MAX_REGENERATIONS times, store the cache entry. Requests attach to it by workflow id, so
// identical concurrent requests rent one GPU, and each gets the result by signal when it ends.
// When every attached request has been cancelled it stops the render and ends as RenderAbandoned.
import {
  ActivityFailure,
  CancelledFailure,
  ApplicationFailure,
  CancellationScope,
  getExternalWorkflowHandle,
  isCancellation,
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { utcDay } from '../domain/storage-layout';
import { ErrorType } from '../domain/errors';
import {
  MAX_REGENERATIONS,
  type FailedRun,
  type StoppedRender,
  type RenderAttempt,
  type RenderFailureInfo,
  type RenderOutcome,
  type RenderProgress,
  type RenderSpec,
  type SharedRenderResult,
} from '../domain/pipeline';
import { regenerationSeed } from '../domain/seeds';
import { validationFailure } from '../domain/validation-failure';
import { attachSignal, detachSignal, renderProgressSignal, renderStateQuery, type Waiter } from './definitions';
import { GPU_ACTIVITY, STORAGE_RETRY } from './retry-policies';

const { renderAttempt } = proxyActivities<Activities>({ ...GPU_ACTIVITY, summary: 'render on GPU backend' });

// Short, idempotent steps run as local activities on the worker that runs this workflow.
const { validateImage, storeCacheEntry, notifyWaiters, recordCost } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: STORAGE_RETRY,
});

export interface RenderJob {
  spec: RenderSpec;
}

export async function renderImage({ spec }: RenderJob): Promise<RenderOutcome> {
  const waiters: Waiter[] = [];
  /** The last request to leave: it kept the GPU busy, so a render stopped for nobody is its cost. */
  let lastLeft: Waiter | undefined;
  let attempt = 0;
  let seed = spec.seed;
  let progress: RenderProgress | undefined;
  let abandoned = false;
  const scope = new CancellationScope();

  const show = (p: RenderProgress) => {
    progress = p;
    setCurrentDetails(`attempt ${p.attempt + 1}: ${p.phase} ${p.value}/${p.max}; waiting requests: ${waiters.map((w) => w.requestId).join(', ')}`);
  };
  const forward = (p: RenderProgress) => {
    show(p);
    for (const w of waiters)
      getExternalWorkflowHandle(w.workflowId)
        .signal(renderProgressSignal, p)
        .catch(() => undefined);
  };
  setHandler(attachSignal, (w) => {
    if (!waiters.some((x) => x.requestId === w.requestId)) waiters.push(w);
  });
  setHandler(detachSignal, (requestId) => {
    const i = waiters.findIndex((w) => w.requestId === requestId);
    if (i >= 0) lastLeft = waiters.splice(i, 1)[0];
    if (waiters.length === 0) {
      abandoned = true;
      scope.cancel();
    }
  });
  setHandler(renderProgressSignal, forward);
  setHandler(renderStateQuery, () => ({ waiters: waiters.map((w) => w.requestId), attempt, progress }));

  const attempts: RenderAttempt[] = [];
  // The result goes out from a local activity (a client signal per waiter) rather than as
  // signal-external commands, which would cost one more workflow task before completing. Waiters
  // that attach while it runs are told in another round; one attaching after the last round makes
  // the completion fail and replay with it, so nobody is left waiting.
  const notified = new Set<string>();
  const tellWaiters = async (result: SharedRenderResult) => {
    for (;;) {
      const fresh = waiters.filter((w) => !notified.has(w.requestId));
      if (fresh.length === 0) return;
      for (const w of fresh) notified.add(w.requestId);
      await notifyWaiters({ waiters: fresh, result });
    }
  };
  const failWith = async (failure: RenderFailureInfo): Promise<never> => {
    await CancellationScope.nonCancellable(() => tellWaiters({ status: 'failed', failure }));
    throw ApplicationFailure.nonRetryable(failure.message, failure.type, failure);
  };

  let outcome: RenderOutcome;
  try {
    outcome = await scope.run(async () => {
      for (attempt = 0; attempt <= MAX_REGENERATIONS; attempt++) {
        seed = attempt === 0 ? spec.seed : regenerationSeed(spec.seed, attempt);
        const out = await renderAttempt({ spec, attempt, seed, requestId: waiters[0]?.requestId });
        attempts.push(...failedRunAttempts(out.failedRuns, attempt, seed));
        // Shown here only: validation takes milliseconds, not worth a signal to every waiter.
        show({ attempt, value: 0, max: 1, phase: 'validating' });
        const verdict = await validateImage({ key: out.outputKey, width: spec.width, height: spec.height, cacheKey: spec.cacheKey });
        const record: RenderAttempt = {
          attempt,
          seed,
          backend: out.backend,
          gpuType: out.gpuType,
          gpuSeconds: out.gpuSeconds,
          preview: out.preview,
          ok: verdict.ok,
          reasons: verdict.reasons,
          metrics: verdict.metrics,
          ...(verdict.safety ? { safety: verdict.safety } : {}),
          renderMs: out.renderMs,
          ...(out.timings ? { timings: out.timings } : {}),
        };
        attempts.push(record);
        if (!verdict.ok) continue;
        // The first request still waiting pays for the GPU time; the others share for free.
        const ownerRequestId = waiters[0]?.requestId ?? 'none';
        const entry = await storeCacheEntry({
          spec,
          stagingKey: out.outputKey,
          attempt: record,
          model: out.model,
          workflowVersion: out.workflowVersion,
          ownerRequestId,
        });
        return {
          cacheKey: spec.cacheKey,
          imageKey: entry.imageKey,
          ownerRequestId,
          model: out.model,
          workflowVersion: out.workflowVersion,
          preview: out.preview,
          seed,
          attempts,
          metrics: verdict.metrics!,
          ...(verdict.safety ? { safety: verdict.safety } : {}),
        };
      }
      // Unsafe (UnsafeImage, with the scores) or not good enough (ImageQualityFailed): not retried.
      const failure = validationFailure(attempts, waiters[0]?.requestId ?? 'none');
      throw ApplicationFailure.nonRetryable(failure.message, failure.type, { unsafe: failure.unsafe });
    });
  } catch (err) {
    const ownerRequestId = waiters[0]?.requestId ?? 'none';
    // A render that waited for its activity to stop may also see it time out (a dead worker) instead.
    if (isCancellation(err) || abandoned) {
      const stopped = stoppedRender(err);
      if (stopped) {
        const { backend, gpuType, gpuSeconds, renderMs } = stopped;
        attempts.push(...failedRunAttempts(stopped.failedRuns, attempt, seed));
        attempts.push({ attempt, seed, backend, gpuType, gpuSeconds, renderMs, preview: false, ok: false, reasons: ['stopped: the render was cancelled'] });
      }
      if (abandoned) {
        const payer = lastLeft;
        if (payer && attempts.length > 0) {
          // Nobody is left to be told: the GPU time goes in the ledger of the request that kept it busy.
          await CancellationScope.nonCancellable(() =>
            recordCost({
              requestId: payer.requestId,
              workflowId: payer.workflowId,
              cacheKey: spec.cacheKey,
              day: utcDay(workflowInfo().startTime),
              charged: true,
              cacheHit: false,
              sharedWith: null,
              outcome: 'cancelled',
              attempts,
            }),
          );
        }
        // Requests that attached after the last one left are told to start a new render.
        return failWith({
          type: ErrorType.RenderAbandoned,
          message: 'every request waiting for this render was cancelled',
          attempts,
          ownerRequestId: payer?.requestId ?? 'none',
        });
      }
      await CancellationScope.nonCancellable(() =>
        tellWaiters({
          status: 'failed',
          failure: { type: ErrorType.RenderCancelled, message: 'the shared render was cancelled by an operator', attempts, ownerRequestId },
        }),
      );
      throw err;
    }
    const cause = err instanceof ActivityFailure ? err.cause : err;
    if (cause instanceof ApplicationFailure) {
      // Its tries that used the GPU before failing are charged with the failure.
      attempts.push(...failedRunAttempts((cause.details?.[0] as { failedRuns?: FailedRun[] } | undefined)?.failedRuns, attempt, seed));
      const unsafe = cause.type === ErrorType.UnsafeImage ? (cause.details?.[0] as Pick<RenderFailureInfo, 'unsafe'> | undefined)?.unsafe : undefined;
      return failWith({ type: cause.type ?? ErrorType.RenderFailed, message: cause.message, attempts, ownerRequestId, ...(unsafe ? { unsafe } : {}) });
    }
    if (err instanceof ActivityFailure) {
      // Retries exhausted on a timeout or similar: the GPU side is unavailable, not the request wrong.
      return failWith({
        type: ErrorType.RenderUnavailable,
        message: `${err.message}: ${(cause as Error | undefined)?.message ?? 'no cause'}`,
        attempts,
        ownerRequestId,
      });
    }
    throw err;
  }
  await tellWaiters({ status: 'done', outcome });
  return outcome;
}

/** The GPU time a cancelled render attempt reported using before it stopped, if any. */
function stoppedRender(err: unknown): StoppedRender | undefined {
  const cause = err instanceof ActivityFailure ? err.cause : undefined;
  return cause instanceof CancelledFailure ? (cause.details[0] as StoppedRender | undefined) : undefined;
}

/** Tries of an attempt that failed after using the GPU, as attempts to charge. */
function failedRunAttempts(runs: FailedRun[] | undefined, attempt: number, seed: number): RenderAttempt[] {
  return (runs ?? []).map(({ backend, gpuType, gpuSeconds, renderMs, error }) => ({
    attempt,
    seed,
    backend,
    gpuType,
    gpuSeconds,
    renderMs,
    preview: false,
    ok: false,
    reasons: [`failed: ${error}`],
  }));
}
