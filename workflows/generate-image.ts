// One image request as durable steps: screen, cache, render (shared, with validation and
// regeneration), watermark, publish, record cost. Deterministic: all I/O is in activities.
import {
  ApplicationFailure,
  CancellationScope,
  isCancellation,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { CacheEntry } from '../activities/cache';
import { ErrorType, InvalidRequestError } from '../domain/errors';
import type { CostSummary, GenerateImageRecord, Outcome, RenderFailureInfo, RenderOutcome, RequestProgress, Step } from '../domain/pipeline';
import { validateRequest, type GenerateImageInput } from '../domain/request';
import { SA_CACHE_HIT, SA_COST, SA_GPU_SECONDS, SA_OUTCOME, SA_STEP } from '../domain/search-attributes';
import { utcDay } from '../domain/storage-layout';
import { progressQuery, renderProgressSignal } from './definitions';
import { QUICK_RETRY, STORAGE_RETRY } from './retry-policies';
import { sharedRenderWaiter } from './shared-render';


// The short steps run as local activities: same timeouts, retries and idempotence as ordinary
// activities, but executed by the worker that runs the workflow, without a round trip through
// the server's task queues for each one (measured: ~80 ms less per step, see README "Benchmarks").
// Only the render, which takes a GPU for minutes and heartbeats, is an ordinary activity.
const { screenPrompt } = proxyLocalActivities<Activities>({ summary: 'screen prompt', startToCloseTimeout: '30 seconds', retry: QUICK_RETRY });
const { checkCache } = proxyLocalActivities<Activities>({ summary: 'check cache', startToCloseTimeout: '30 seconds', retry: STORAGE_RETRY });
const { watermarkImage } = proxyLocalActivities<Activities>({ summary: 'watermark', startToCloseTimeout: '1 minute', retry: STORAGE_RETRY });
const { publishImage } = proxyLocalActivities<Activities>({ summary: 'publish', startToCloseTimeout: '1 minute', retry: STORAGE_RETRY });
const { recordCost } = proxyLocalActivities<Activities>({ summary: 'record cost', startToCloseTimeout: '1 minute', retry: STORAGE_RETRY });

/** How a request is run beyond what its caller asked: set by a batch for its items. */
export interface RequestOptions {
  /** The batch it belongs to. */
  batchId?: string;
  /**
   * A workflow that renders this request's picture (a batch's render pool, which groups the misses
   * of many requests into one GPU run) instead of the shared render workflow of its cache key.
   */
  renderProvider?: string;
  /**
   * Who asked (the HTTP API's token name): written into the provenance and the cost ledger so
   * that reports can say who spent the GPU time. Absent for the client library and the CLI.
   */
  caller?: string;
}

export async function generateImage(input: GenerateImageInput, options: RequestOptions = {}): Promise<GenerateImageRecord> {
  const info = workflowInfo();
  let request;
  try {
    // The id derived from the workflow id is validated like a given one (validateRequest checks
    // the fallback too): a workflow started directly as "image-../../x" fails here, at once and
    // not retried, instead of after the render when the key is refused.
    request = validateRequest(input, info.workflowId.replace(/^image-/, ''));
  } catch (err) {
    if (err instanceof InvalidRequestError) throw ApplicationFailure.nonRetryable(err.message, ErrorType.InvalidRequest, { problems: err.problems });
    throw err;
  }
  const progress: RequestProgress = { requestId: request.requestId, step: 'screen', outcome: 'running', stepsDone: [], timings: [] };
  setHandler(progressQuery, () => progress);
  setHandler(renderProgressSignal, (p) => {
    progress.render = p;
    const step: Step = p.phase === 'validating' ? 'validate' : 'render';
    if (progress.step === 'render' || progress.step === 'validate') {
      progress.step = step;
      setCurrentDetails(`${step}: attempt ${p.attempt + 1}, ${p.phase} ${p.value}/${p.max}`);
    }
  });

  const finish = (outcome: Outcome, cost?: CostSummary, cacheHit?: boolean) => {
    progress.outcome = outcome;
    progress.step = 'done';
    upsertSearchAttributes([
      { key: SA_OUTCOME, value: outcome },
      { key: SA_STEP, value: 'done' },
      ...(cost ? [{ key: SA_GPU_SECONDS, value: cost.gpuSeconds }, { key: SA_COST, value: cost.amount }] : []),
      ...(cacheHit === undefined ? [] : [{ key: SA_CACHE_HIT, value: cacheHit }]),
    ]);
    setCurrentDetails(`${outcome}${cost ? `: ${cost.gpuSeconds} GPU-s, ${cost.amount} ${cost.currency}` : ''}`);
  };
  const sharedRender = sharedRenderWaiter(options.renderProvider);
  // Only when given, so that the activity inputs of requests without one stay as they were.
  const callerField = options.caller === undefined ? {} : { caller: options.caller };

  async function step<T>(name: Step, run: () => Promise<T>): Promise<T> {
    progress.step = name;
    upsertSearchAttributes([{ key: SA_STEP, value: name }]);
    setCurrentDetails(`step: ${name}`);
    const started = Date.now();
    const result = await run();
    progress.timings.push({ step: name, ms: Date.now() - started });
    progress.stepsDone.push(name);
    return result;
  }

  try {
    const { verdict, spec } = await step('screen', () => screenPrompt(request));
    if (!verdict.allowed || !spec) {
      // In the ledger too, at no cost: the cost report counts rejections per day.
      const cost = await step('cost', () =>
        recordCost({ requestId: request.requestId, workflowId: info.workflowId, cacheKey: '', day: utcDay(info.startTime), ...callerField, charged: false, cacheHit: false, sharedWith: null, outcome: 'rejected', attempts: [] }),
      );
      finish('rejected', cost);
      return { status: 'rejected', requestId: request.requestId, category: verdict.category ?? 'unknown', reasons: verdict.reasons, timings: progress.timings };
    }

    const cached: CacheEntry | null = await step('cache', () => checkCache(spec.cacheKey));
    let rendered: RenderOutcome | undefined;
    const costInput = {
      requestId: request.requestId,
      workflowId: info.workflowId,
      cacheKey: spec.cacheKey,
      day: utcDay(info.startTime),
      ...callerField,
    };
    if (!cached) {
      try {
        rendered = await step('render', () => sharedRender(spec, { requestId: request.requestId, workflowId: info.workflowId }));
      } catch (err) {
        const failureInfo = err instanceof ApplicationFailure ? (err.details?.[0] as RenderFailureInfo | undefined) : undefined;
        if (err instanceof ApplicationFailure && failureInfo && failureInfo.attempts.length > 0) {
          // Failed attempts used the GPU too: charge them before failing the request.
          const charged = failureInfo.ownerRequestId === request.requestId;
          const cost = await CancellationScope.nonCancellable(() =>
            step('cost', () => recordCost({ ...costInput, charged, cacheHit: false, sharedWith: charged ? null : failureInfo.ownerRequestId, outcome: 'failed', attempts: failureInfo.attempts })),
          );
          finish('failed', cost, false);
          throw ApplicationFailure.nonRetryable(err.message, err.type, { ...failureInfo, cost });
        }
        throw err;
      }
    }

    const source = cached ?? rendered!;
    const sharedWith = rendered && rendered.ownerRequestId !== request.requestId ? rendered.ownerRequestId : null;
    const provenance = {
      requestId: request.requestId,
      model: source.model,
      workflowVersion: source.workflowVersion,
      cacheKey: spec.cacheKey,
      seed: source.seed,
      preview: source.preview,
      createdAt: new Date(Date.now()).toISOString(),
      ...callerField,
      // The safety checks' scores travel with the picture (absent on cache entries older than the checks).
      ...(source.safety ? { safety: source.safety } : {}),
    };
    const stagingKey = await step('watermark', () => watermarkImage({ sourceKey: source.imageKey, provenance }));
    const published = await step('publish', () => publishImage({ stagingKey, requestId: request.requestId }));
    const attempts = rendered?.attempts ?? [];
    const cost = await step('cost', () =>
      recordCost({ ...costInput, charged: !!rendered && !sharedWith, cacheHit: !!cached, sharedWith, outcome: 'completed', attempts }),
    );
    finish('completed', cost, !!cached);
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
      timings: progress.timings,
    };
  } catch (err) {
    if (progress.outcome === 'running') {
      // Search attributes can still be written while the workflow is being cancelled.
      await CancellationScope.nonCancellable(async () => finish(isCancellation(err) ? 'cancelled' : 'failed'));
    }
    throw err;
  }
}
