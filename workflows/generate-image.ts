// One image request as durable steps: screen, cache, render (shared, with validation and
// regeneration), watermark, publish, record cost. Deterministic: all I/O is in activities.
// The request's progress, steps and webhook events are in request-run.ts; here, its path.
import { ApplicationFailure, CancellationScope, isCancellation, proxyLocalActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { CacheEntry } from '../activities/cache';
import { ErrorType, InvalidRequestError } from '../domain/errors';
import { renderFailureInfoSchema, tryParsePayload } from '../domain/payload-schemas';
import type { GenerateImageCompletedRecord, GenerateImageRecord, GenerateImageRejected, RenderOutcome, RenderSpec, ScreeningVerdict } from '../domain/pipeline';
import { validateRequest, type GenerateImageInput, type ImageRequest } from '../domain/request';
import { utcDay } from '../domain/storage-layout';
import { QUICK_RETRY, STORAGE_RETRY } from './retry-policies';
import { startRequestRun, type RequestOptions, type RequestRun } from './request-run';

export type { RequestOptions } from './request-run';

// The short steps run as local activities: same timeouts, retries and idempotence as ordinary
// activities, but executed by the worker that runs the workflow, without a round trip through
// the server's task queues for each one (measured: ~80 ms less per step, see README "Benchmarks").
// Only the render, which takes a GPU for minutes and heartbeats, is an ordinary activity.
const { screenPrompt } = proxyLocalActivities<Activities>({ summary: 'screen prompt', startToCloseTimeout: '30 seconds', retry: QUICK_RETRY });
const { checkCache } = proxyLocalActivities<Activities>({ summary: 'check cache', startToCloseTimeout: '30 seconds', retry: STORAGE_RETRY });
const { watermarkImage } = proxyLocalActivities<Activities>({ summary: 'watermark', startToCloseTimeout: '1 minute', retry: STORAGE_RETRY });
const { publishImage } = proxyLocalActivities<Activities>({ summary: 'publish', startToCloseTimeout: '1 minute', retry: STORAGE_RETRY });
const { recordCost } = proxyLocalActivities<Activities>({ summary: 'record cost', startToCloseTimeout: '1 minute', retry: STORAGE_RETRY });

/** The type and message of the first ApplicationFailure in a failure's cause chain (what a caller is told). */
function failureOf(err: unknown): { type: string; message: string } {
  for (let e: unknown = err; e instanceof Error; e = (e as Error & { cause?: unknown }).cause) {
    if (e instanceof ApplicationFailure) return { type: e.type ?? 'Unknown', message: e.message };
  }
  return { type: err instanceof Error ? err.name : 'Unknown', message: err instanceof Error ? err.message : String(err) };
}

export async function generateImage(input: GenerateImageInput, options: RequestOptions = {}): Promise<GenerateImageRecord> {
  const info = workflowInfo();
  const request = validRequest(input, info.workflowId);
  const run = startRequestRun(info, request, options);
  try {
    const { verdict, spec } = await run.step('screen', () => screenPrompt(request));
    if (!verdict.allowed || !spec) return await endRejected(run, verdict);
    const picture = await cachedOrRendered(run, spec);
    return await endPublished(run, spec, picture);
  } catch (err) {
    await endUnfinished(run, err);
    throw err;
  }
}

/** The request as validated; bad input fails the workflow at once and is not retried. */
function validRequest(input: GenerateImageInput, workflowId: string): ImageRequest {
  try {
    // The id derived from the workflow id is validated like a given one (validateRequest checks
    // the fallback too): a workflow started directly as "image-../../x" fails here, at once and
    // not retried, instead of after the render when the key is refused.
    return validateRequest(input, workflowId.replace(/^image-/, ''));
  } catch (err) {
    if (err instanceof InvalidRequestError) throw ApplicationFailure.nonRetryable(err.message, ErrorType.InvalidRequest, { problems: err.problems });
    throw err;
  }
}

/** The fields every cost ledger record of the request shares. */
function costFields(run: RequestRun, cacheKey: string) {
  return { requestId: run.request.requestId, workflowId: run.info.workflowId, cacheKey, day: utcDay(run.info.startTime), ...run.callerField };
}

/** A prompt the screen refused: told to the callback, and in the ledger too. */
async function endRejected(run: RequestRun, verdict: ScreeningVerdict): Promise<GenerateImageRejected> {
  const { request } = run;
  // In the ledger too, at no cost: the cost report counts rejections per day.
  const cost = await run.step('cost', () =>
    recordCost({
      ...costFields(run, ''),
      charged: false,
      cacheHit: false,
      sharedWith: null,
      outcome: 'rejected',
      attempts: [],
    }),
  );
  run.finish('rejected', cost);
  run.stopProgressRelay();
  await run.notify({
    type: 'image.rejected',
    timestamp: run.eventTime(),
    data: { requestId: request.requestId, category: verdict.category ?? 'unknown', reasons: verdict.reasons, ...run.callerField },
  });
  return { status: 'rejected', requestId: request.requestId, category: verdict.category ?? 'unknown', reasons: verdict.reasons, timings: run.progress.timings };
}

/** Where the picture comes from: the cache, or else a render (shared with identical requests). */
interface Picture {
  cached: CacheEntry | null;
  rendered: RenderOutcome | undefined;
}

async function cachedOrRendered(run: RequestRun, spec: RenderSpec): Promise<Picture> {
  const { request, info } = run;
  const cached: CacheEntry | null = await run.step('cache', () => checkCache(spec.cacheKey));
  if (cached) return { cached, rendered: undefined };
  try {
    return { cached, rendered: await run.step('render', () => run.sharedRender(spec, { requestId: request.requestId, workflowId: info.workflowId })) };
  } catch (err) {
    return await failRender(run, spec.cacheKey, err);
  }
}

/**
 * Ends the request after its render failed. Failed attempts used the GPU too: they are charged
 * first, and the failure then carries their cost. Other errors (a cancellation) pass unchanged.
 */
async function failRender(run: RequestRun, cacheKey: string, err: unknown): Promise<never> {
  const { request } = run;
  const failureInfo = err instanceof ApplicationFailure ? tryParsePayload(renderFailureInfoSchema, err.details?.[0]) : undefined;
  if (err instanceof ApplicationFailure && failureInfo && failureInfo.attempts.length > 0) {
    // Failed attempts used the GPU too: charge them before failing the request.
    const charged = failureInfo.ownerRequestId === request.requestId;
    const cost = await CancellationScope.nonCancellable(() =>
      run.step('cost', () =>
        recordCost({
          ...costFields(run, cacheKey),
          charged,
          cacheHit: false,
          sharedWith: charged ? null : failureInfo.ownerRequestId,
          outcome: 'failed',
          attempts: failureInfo.attempts,
        }),
      ),
    );
    run.finish('failed', cost, false);
    throw ApplicationFailure.nonRetryable(err.message, err.type, { ...failureInfo, cost });
  }
  throw err;
}

/** What the watermark writes into the picture: who asked, what drew it and with what. */
function provenanceOf(run: RequestRun, cacheKey: string, source: CacheEntry | RenderOutcome) {
  return {
    requestId: run.request.requestId,
    model: source.model,
    workflowVersion: source.workflowVersion,
    cacheKey,
    seed: source.seed,
    preview: source.preview,
    createdAt: new Date(Date.now()).toISOString(),
    ...run.callerField,
    // The safety checks' scores travel with the picture (absent on cache entries older than the checks).
    ...(source.safety ? { safety: source.safety } : {}),
    ...(source.environment ? { environment: source.environment } : {}),
  };
}

/** The picture watermarked and published, its cost recorded, the callback told. */
async function endPublished(run: RequestRun, spec: RenderSpec, { cached, rendered }: Picture): Promise<GenerateImageCompletedRecord> {
  const { request } = run;
  const source = cached ?? rendered!;
  const sharedWith = rendered && rendered.ownerRequestId !== request.requestId ? rendered.ownerRequestId : null;
  const provenance = provenanceOf(run, spec.cacheKey, source);
  const stagingKey = await run.step('watermark', () => watermarkImage({ sourceKey: source.imageKey, provenance, prompt: request.prompt }));
  const published = await run.step('publish', () => publishImage({ stagingKey, requestId: request.requestId }));
  const attempts = rendered?.attempts ?? [];
  const cost = await run.step('cost', () =>
    recordCost({ ...costFields(run, spec.cacheKey), charged: !!rendered && !sharedWith, cacheHit: !!cached, sharedWith, outcome: 'completed', attempts }),
  );
  run.finish('completed', cost, !!cached);
  run.stopProgressRelay();
  await run.notify({
    type: 'image.completed',
    timestamp: run.eventTime(),
    data: { requestId: request.requestId, imageKey: published.imageKey, width: request.width, height: request.height, cost, ...run.callerField },
  });
  return {
    status: 'completed',
    requestId: request.requestId,
    // The key only: the client mints a URL when it reads the result (see GenerateImageCompletedRecord).
    imageKey: published.imageKey,
    cacheKey: spec.cacheKey,
    cacheHit: !!cached,
    sharedRender: !!sharedWith,
    preview: source.preview,
    seed: source.seed,
    width: request.width,
    height: request.height,
    model: source.model,
    workflowVersion: source.workflowVersion,
    finalPrompt: spec.prompt,
    attempts,
    metrics: source.metrics,
    ...(source.safety ? { safety: source.safety } : {}),
    cost,
    timings: run.progress.timings,
  };
}

/** A request that failed or was cancelled: its outcome written (a failed render wrote it already), a failure told to the callback. */
async function endUnfinished(run: RequestRun, err: unknown): Promise<void> {
  if (run.progress.outcome === 'running') {
    // Search attributes can still be written while the workflow is being cancelled.
    await CancellationScope.nonCancellable(async () => run.finish(isCancellation(err) ? 'cancelled' : 'failed'));
  }
  run.stopProgressRelay();
  // A cancelled request sends nothing: whoever cancelled it knows.
  if (run.progress.outcome === 'failed' && !isCancellation(err))
    await run.notify({ type: 'image.failed', timestamp: run.eventTime(), data: { requestId: run.request.requestId, ...failureOf(err), ...run.callerField } });
}
