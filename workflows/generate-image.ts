// One image request as durable steps: screen, cache, render (shared, with validation and
// regeneration), watermark, publish, record cost. Deterministic: all I/O is in activities.
import {
  ApplicationFailure,
  CancellationScope,
  isCancellation,
  log,
  ParentClosePolicy,
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { CacheEntry } from '../activities/cache';
import { ErrorType, InvalidRequestError } from '../domain/errors';
import type { CostSummary, GenerateImageRecord, Outcome, RenderFailureInfo, RenderOutcome, RequestProgress, Step } from '../domain/pipeline';
import { validateRequest, type GenerateImageInput, type ImageRequest } from '../domain/request';
import { SA_CACHE_HIT, SA_COST, SA_GPU_SECONDS, SA_OUTCOME, SA_STEP } from '../domain/search-attributes';
import { utcDay } from '../domain/storage-layout';
import { progressQuery, renderProgressSignal } from './definitions';
import { QUICK_RETRY, STORAGE_RETRY } from './retry-policies';
import { sharedRenderWaiter } from './shared-render';
import type { deliverWebhook } from './deliver-webhook';
import { webhookIdFor, type CallbackOption, type PendingWebhookEvent } from '../webhooks/events';

// The short steps run as local activities: same timeouts, retries and idempotence as ordinary
// activities, but executed by the worker that runs the workflow, without a round trip through
// the server's task queues for each one (measured: ~80 ms less per step, see README "Benchmarks").
// Only the render, which takes a GPU for minutes and heartbeats, is an ordinary activity.
const { screenPrompt } = proxyLocalActivities<Activities>({ summary: 'screen prompt', startToCloseTimeout: '30 seconds', retry: QUICK_RETRY });
const { checkCache } = proxyLocalActivities<Activities>({ summary: 'check cache', startToCloseTimeout: '30 seconds', retry: STORAGE_RETRY });
const { watermarkImage } = proxyLocalActivities<Activities>({ summary: 'watermark', startToCloseTimeout: '1 minute', retry: STORAGE_RETRY });
const { publishImage } = proxyLocalActivities<Activities>({ summary: 'publish', startToCloseTimeout: '1 minute', retry: STORAGE_RETRY });
// Best effort and long: an ordinary activity that heartbeats, tried once, cancelled as the request ends.
const { relayWebhookProgress } = proxyActivities<Activities>({
  summary: 'webhook progress',
  startToCloseTimeout: '6 hours',
  heartbeatTimeout: '1 minute',
  retry: { maximumAttempts: 1 },
});
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
  /**
   * Where to send the outcome (webhooks, README "Webhooks"): given by the client after checking
   * the target against CUBCANVAS_WEBHOOK_ALLOWED_HOSTS. An option, not a request field, so that it
   * enters neither validation nor the cache key.
   */
  callback?: CallbackOption;
}

/** The type and message of the first ApplicationFailure in a failure's cause chain (what a caller is told). */
function failureOf(err: unknown): { type: string; message: string } {
  for (let e: unknown = err; e instanceof Error; e = (e as Error & { cause?: unknown }).cause) {
    if (e instanceof ApplicationFailure) return { type: e.type ?? 'Unknown', message: e.message };
  }
  return { type: err instanceof Error ? err.name : 'Unknown', message: err instanceof Error ? err.message : String(err) };
}

export async function generateImage(input: GenerateImageInput, options: RequestOptions = {}): Promise<GenerateImageRecord> {
  const info = workflowInfo();
  let request: ImageRequest;
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
      ...(cost
        ? [
            { key: SA_GPU_SECONDS, value: cost.gpuSeconds },
            { key: SA_COST, value: cost.amount },
          ]
        : []),
      ...(cacheHit === undefined ? [] : [{ key: SA_CACHE_HIT, value: cacheHit }]),
    ]);
    setCurrentDetails(`${outcome}${cost ? `: ${cost.gpuSeconds} GPU-s, ${cost.amount} ${cost.currency}` : ''}`);
  };
  const sharedRender = sharedRenderWaiter(options.renderProvider);
  // Only when given, so that the activity inputs of requests without one stay as they were.
  const callerField = options.caller === undefined ? {} : { caller: options.caller };

  /**
   * Starts the delivery of an outcome event when the request has a callback that wants it. A child
   * abandoned on close: the request ends at once and the delivery retries on its own (up to a day).
   * Only the start is awaited (two events in this history); its failure never fails the request.
   */
  async function notify(event: PendingWebhookEvent): Promise<void> {
    const callback = options.callback;
    if (!callback || !callback.events.includes(event.type)) return;
    const webhookId = webhookIdFor(info.runId, event.type);
    try {
      await CancellationScope.nonCancellable(() =>
        startChild<typeof deliverWebhook>('deliverWebhook', {
          workflowId: `webhook-${request.requestId}-${webhookId}`,
          args: [{ webhookId, url: callback.url, event }],
          parentClosePolicy: ParentClosePolicy.ABANDON,
          staticSummary: `🔔 ${event.type} of ${request.requestId}`,
        }),
      );
    } catch (err) {
      log.warn('webhook delivery not started', { requestId: request.requestId, event: event.type, error: String(err) });
    }
  }
  const eventTime = () => new Date(Date.now()).toISOString();
  // image.progress, only when asked for: one activity for the whole request (four events in this
  // history), not one per change.
  const progressRelay = new CancellationScope();
  if (options.callback?.events.includes('image.progress')) {
    const relay = {
      workflowId: info.workflowId,
      requestId: request.requestId,
      url: options.callback.url,
      webhookIdPrefix: webhookIdFor(info.runId, 'image.progress'),
      ...callerField,
    };
    progressRelay.run(() => relayWebhookProgress(relay)).catch(() => undefined);
  }

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
        recordCost({
          requestId: request.requestId,
          workflowId: info.workflowId,
          cacheKey: '',
          day: utcDay(info.startTime),
          ...callerField,
          charged: false,
          cacheHit: false,
          sharedWith: null,
          outcome: 'rejected',
          attempts: [],
        }),
      );
      finish('rejected', cost);
      progressRelay.cancel();
      await notify({
        type: 'image.rejected',
        timestamp: eventTime(),
        data: { requestId: request.requestId, category: verdict.category ?? 'unknown', reasons: verdict.reasons, ...callerField },
      });
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
            step('cost', () =>
              recordCost({
                ...costInput,
                charged,
                cacheHit: false,
                sharedWith: charged ? null : failureInfo.ownerRequestId,
                outcome: 'failed',
                attempts: failureInfo.attempts,
              }),
            ),
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
      ...(source.environment ? { environment: source.environment } : {}),
    };
    const stagingKey = await step('watermark', () => watermarkImage({ sourceKey: source.imageKey, provenance, prompt: request.prompt }));
    const published = await step('publish', () => publishImage({ stagingKey, requestId: request.requestId }));
    const attempts = rendered?.attempts ?? [];
    const cost = await step('cost', () =>
      recordCost({ ...costInput, charged: !!rendered && !sharedWith, cacheHit: !!cached, sharedWith, outcome: 'completed', attempts }),
    );
    finish('completed', cost, !!cached);
    progressRelay.cancel();
    await notify({
      type: 'image.completed',
      timestamp: eventTime(),
      data: { requestId: request.requestId, imageKey: published.imageKey, width: request.width, height: request.height, cost, ...callerField },
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
      timings: progress.timings,
    };
  } catch (err) {
    if (progress.outcome === 'running') {
      // Search attributes can still be written while the workflow is being cancelled.
      await CancellationScope.nonCancellable(async () => finish(isCancellation(err) ? 'cancelled' : 'failed'));
    }
    progressRelay.cancel();
    // A cancelled request sends nothing: whoever cancelled it knows.
    if (progress.outcome === 'failed' && !isCancellation(err))
      await notify({ type: 'image.failed', timestamp: eventTime(), data: { requestId: request.requestId, ...failureOf(err), ...callerField } });
    throw err;
  }
}
