// The shared render of one cache key: render, validate, regenerate with a new seed at most
// MAX_REGENERATIONS times, store the cache entry. Requests attach to it by workflow id, so
// identical concurrent requests rent one GPU, and each gets the result by signal when it ends.
// When every attached request has been cancelled it stops the render and completes with an
// `abandoned` result: a normal end, not a failure (no FAILED status, no stack in the worker log).
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
import { failedRunsDetailsSchema, stoppedRenderSchema, tryParsePayload, unsafeDetailsSchema } from '../domain/payload-schemas';
import {
  MAX_REGENERATIONS,
  type AbandonedRender,
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

const FINISHED_AFTER_CANCEL = 'stopped: the render was cancelled as it finished';

export interface RenderJob {
  spec: RenderSpec;
}

/** What the render workflow knows while it runs: who waits, which attempt, what it used so far. */
interface RenderState {
  readonly spec: RenderSpec;
  readonly waiters: Waiter[];
  /** The last request to leave: it kept the GPU busy, so a render stopped for nobody is its cost. */
  lastLeft?: Waiter;
  attempt: number;
  seed: number;
  progress?: RenderProgress;
  abandoned: boolean;
  readonly attempts: RenderAttempt[];
  readonly notified: Set<string>;
}

export async function renderImage({ spec }: RenderJob): Promise<RenderOutcome | AbandonedRender> {
  const state: RenderState = { spec, waiters: [], attempt: 0, seed: spec.seed, abandoned: false, attempts: [], notified: new Set() };
  const scope = new CancellationScope();
  handleWaiters(state, scope);
  let outcome: RenderOutcome;
  try {
    outcome = await scope.run(() => renderUntilValid(state));
  } catch (err) {
    return endWithoutPicture(state, err);
  }
  await tellWaiters(state, { status: 'done', outcome });
  return outcome;
}

/** Attach, detach, progress and state: the render's conversation with the requests waiting for it. */
function handleWaiters(state: RenderState, scope: CancellationScope): void {
  const { waiters } = state;
  setHandler(attachSignal, (w) => {
    if (!waiters.some((x) => x.requestId === w.requestId)) waiters.push(w);
  });
  setHandler(detachSignal, (requestId) => {
    const i = waiters.findIndex((w) => w.requestId === requestId);
    if (i >= 0) state.lastLeft = waiters.splice(i, 1)[0];
    if (waiters.length === 0) {
      state.abandoned = true;
      scope.cancel();
    }
  });
  setHandler(renderProgressSignal, (p) => {
    show(state, p);
    for (const w of waiters)
      getExternalWorkflowHandle(w.workflowId)
        .signal(renderProgressSignal, p)
        .catch(() => undefined);
  });
  setHandler(renderStateQuery, () => ({ waiters: waiters.map((w) => w.requestId), attempt: state.attempt, progress: state.progress }));
}

/** Progress as the render workflow's current details, for the Temporal UI. */
function show(state: RenderState, p: RenderProgress): void {
  state.progress = p;
  setCurrentDetails(`attempt ${p.attempt + 1}: ${p.phase} ${p.value}/${p.max}; waiting requests: ${state.waiters.map((w) => w.requestId).join(', ')}`);
}

/** Renders, validates and regenerates until a picture passes, then stores it in the cache. */
async function renderUntilValid(state: RenderState): Promise<RenderOutcome> {
  const { spec, waiters, attempts } = state;
  for (state.attempt = 0; state.attempt <= MAX_REGENERATIONS; state.attempt++) {
    const attempt = state.attempt;
    const seed = (state.seed = attempt === 0 ? spec.seed : regenerationSeed(spec.seed, attempt));
    const out = await renderAttempt({ spec, attempt, seed, requestId: waiters[0]?.requestId });
    attempts.push(...failedRunAttempts(out.failedRuns, attempt, seed));
    if (CancellationScope.current().consideredCancelled) {
      // The GPU finished before the cancellation reached the activity: its time was used all the
      // same and is charged; nothing after this step may run in a cancelled scope.
      const { backend, gpuType, gpuSeconds, renderMs } = out;
      attempts.push({ attempt, seed, backend, gpuType, gpuSeconds, renderMs, preview: out.preview, ok: false, reasons: [FINISHED_AFTER_CANCEL] });
      throw new CancelledFailure(FINISHED_AFTER_CANCEL);
    }
    // Shown here only: validation takes milliseconds, not worth a signal to every waiter.
    show(state, { attempt, value: 0, max: 1, phase: 'validating' });
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
      ...(out.environment ? { environment: out.environment } : {}),
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
      ...(out.environment ? { environment: out.environment } : {}),
    };
  }
  // Unsafe (UnsafeImage, with the scores) or not good enough (ImageQualityFailed): not retried.
  const failure = validationFailure(attempts, waiters[0]?.requestId ?? 'none');
  throw ApplicationFailure.nonRetryable(failure.message, failure.type, { unsafe: failure.unsafe });
}

/**
 * The end of a render that produced no picture: abandoned by every request, cancelled by an
 * operator, or failed. Every waiting request is told why; the failures fail the workflow.
 */
async function endWithoutPicture(state: RenderState, err: unknown): Promise<AbandonedRender> {
  const { attempts, attempt, seed } = state;
  const ownerRequestId = state.waiters[0]?.requestId ?? 'none';
  // A render that waited for its activity to stop may also see it time out (a dead worker) instead.
  if (isCancellation(err) || state.abandoned) {
    const stopped = stoppedRender(err);
    if (stopped) {
      const { backend, gpuType, gpuSeconds, renderMs } = stopped;
      attempts.push(...failedRunAttempts(stopped.failedRuns, attempt, seed));
      attempts.push({ attempt, seed, backend, gpuType, gpuSeconds, renderMs, preview: false, ok: false, reasons: ['stopped: the render was cancelled'] });
    }
    if (state.abandoned) return endAbandoned(state);
    await CancellationScope.nonCancellable(() =>
      tellWaiters(state, {
        status: 'failed',
        failure: { type: ErrorType.RenderCancelled, message: 'the shared render was cancelled by an operator', attempts, ownerRequestId },
      }),
    );
    throw err;
  }
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure) {
    // Its tries that used the GPU before failing are charged with the failure.
    attempts.push(...failedRunAttempts(tryParsePayload(failedRunsDetailsSchema, cause.details?.[0])?.failedRuns, attempt, seed));
    const unsafe = cause.type === ErrorType.UnsafeImage ? tryParsePayload(unsafeDetailsSchema, cause.details?.[0])?.unsafe : undefined;
    return failWith(state, { type: cause.type ?? ErrorType.RenderFailed, message: cause.message, attempts, ownerRequestId, ...(unsafe ? { unsafe } : {}) });
  }
  if (err instanceof ActivityFailure) {
    // Retries exhausted on a timeout or similar: the GPU side is unavailable, not the request wrong.
    return failWith(state, {
      type: ErrorType.RenderUnavailable,
      message: `${err.message}: ${(cause as Error | undefined)?.message ?? 'no cause'}`,
      attempts,
      ownerRequestId,
    });
  }
  throw err;
}

/** Nobody waits any more: charge the GPU time used, tell late arrivals to start anew, complete. */
async function endAbandoned(state: RenderState): Promise<AbandonedRender> {
  const { spec, attempts } = state;
  const payer = state.lastLeft;
  return CancellationScope.nonCancellable(async () => {
    if (payer && attempts.length > 0) {
      // Nobody is left to be told: the GPU time goes in the ledger of the request that kept it busy.
      await recordCost({
        requestId: payer.requestId,
        workflowId: payer.workflowId,
        cacheKey: spec.cacheKey,
        day: utcDay(workflowInfo().startTime),
        charged: true,
        cacheHit: false,
        sharedWith: null,
        outcome: 'cancelled',
        attempts,
      });
    }
    const abandoned: RenderFailureInfo = {
      type: ErrorType.RenderAbandoned,
      message: 'every request waiting for this render was cancelled',
      attempts,
      ownerRequestId: payer?.requestId ?? 'none',
    };
    // Requests that attached after the last one left are told to start a new render.
    await tellWaiters(state, { status: 'failed', failure: abandoned });
    return { abandoned };
  });
}

async function failWith(state: RenderState, failure: RenderFailureInfo): Promise<never> {
  await CancellationScope.nonCancellable(() => tellWaiters(state, { status: 'failed', failure }));
  throw ApplicationFailure.nonRetryable(failure.message, failure.type, failure);
}

/**
 * The result goes out from a local activity (a client signal per waiter) rather than as
 * signal-external commands, which would cost one more workflow task before completing. Waiters
 * that attach while it runs are told in another round; one attaching after the last round makes
 * the completion fail and replay with it, so nobody is left waiting.
 */
async function tellWaiters(state: RenderState, result: SharedRenderResult): Promise<void> {
  for (;;) {
    const fresh = state.waiters.filter((w) => !state.notified.has(w.requestId));
    if (fresh.length === 0) return;
    for (const w of fresh) state.notified.add(w.requestId);
    await notifyWaiters({ waiters: fresh, result });
  }
}

/** The GPU time a cancelled render attempt reported using before it stopped, if any. */
function stoppedRender(err: unknown): StoppedRender | undefined {
  const cause = err instanceof ActivityFailure ? err.cause : undefined;
  return cause instanceof CancelledFailure ? tryParsePayload(stoppedRenderSchema, cause.details[0]) : undefined;
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
