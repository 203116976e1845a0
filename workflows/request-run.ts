// One image request while its workflow runs: the progress it answers to queries (mirrored into
// search attributes and the UI's current details), its steps, how it ends, and the webhook events
// it sends. Deterministic like the workflow that uses it: all I/O is in activities and children.
import {
  CancellationScope,
  log,
  ParentClosePolicy,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  startChild,
  upsertSearchAttributes,
  type WorkflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { CostSummary, Outcome, RequestProgress, Step } from '../domain/pipeline';
import type { ImageRequest } from '../domain/request';
import { SA_CACHE_HIT, SA_COST, SA_GPU_SECONDS, SA_OUTCOME, SA_STEP } from '../domain/search-attributes';
import { progressQuery, renderProgressSignal } from './definitions';
import { sharedRenderWaiter } from './shared-render';
import type { deliverWebhook } from './deliver-webhook';
import { webhookIdFor, type CallbackOption, type PendingWebhookEvent } from '../webhooks/events';

// Best effort and long: an ordinary activity that heartbeats, tried once, cancelled as the request ends.
const { relayWebhookProgress } = proxyActivities<Activities>({
  summary: 'webhook progress',
  startToCloseTimeout: '6 hours',
  heartbeatTimeout: '1 minute',
  retry: { maximumAttempts: 1 },
});

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

export interface RequestRun {
  info: WorkflowInfo;
  request: ImageRequest;
  progress: RequestProgress;
  /** Only when given, so that the activity inputs of requests without one stay as they were. */
  callerField: { caller?: string };
  /** Waits for the picture of a spec from the shared render (or the batch's render pool). */
  sharedRender: ReturnType<typeof sharedRenderWaiter>;
  /** Runs one step, shown in the progress, the search attributes and the UI, and timed. */
  step<T>(name: Step, run: () => Promise<T>): Promise<T>;
  /** Writes the outcome into the progress, the search attributes and the UI. */
  finish(outcome: Outcome, cost?: CostSummary, cacheHit?: boolean): void;
  /** Starts the delivery of an outcome event, when the request has a callback that wants it. */
  notify(event: PendingWebhookEvent): Promise<void>;
  /** Now, as an event's timestamp. */
  eventTime(): string;
  /** Ends the image.progress relay, if there is one: the request has an outcome. */
  stopProgressRelay(): void;
}

/**
 * Sets up a request's query and signal handlers and, when its callback asks for image.progress,
 * starts the relay (its first command, before the screening step).
 */
export function startRequestRun(info: WorkflowInfo, request: ImageRequest, options: RequestOptions): RequestRun {
  const progress = answerProgress(request.requestId);
  const sharedRender = sharedRenderWaiter(options.renderProvider);
  // Only when given, so that the activity inputs of requests without one stay as they were.
  const callerField = options.caller === undefined ? {} : { caller: options.caller };
  const progressRelay = startProgressRelay(info, request, options.callback, callerField);
  return {
    info,
    request,
    progress,
    callerField,
    sharedRender,
    step: <T>(name: Step, run: () => Promise<T>) => timedStep(progress, name, run),
    finish: (outcome: Outcome, cost?: CostSummary, cacheHit?: boolean) => finishRequest(progress, outcome, cost, cacheHit),
    notify: (event: PendingWebhookEvent) => notifyCallback(info, request, options.callback, event),
    eventTime: () => new Date(Date.now()).toISOString(),
    stopProgressRelay: () => progressRelay.cancel(),
  };
}

/** The request's progress, answered to queries and kept current by the render's signals. */
function answerProgress(requestId: string): RequestProgress {
  const progress: RequestProgress = { requestId, step: 'screen', outcome: 'running', stepsDone: [], timings: [] };
  setHandler(progressQuery, () => progress);
  setHandler(renderProgressSignal, (p) => {
    progress.render = p;
    const step: Step = p.phase === 'validating' ? 'validate' : 'render';
    if (progress.step === 'render' || progress.step === 'validate') {
      progress.step = step;
      setCurrentDetails(`${step}: attempt ${p.attempt + 1}, ${p.phase} ${p.value}/${p.max}`);
    }
  });
  return progress;
}

async function timedStep<T>(progress: RequestProgress, name: Step, run: () => Promise<T>): Promise<T> {
  progress.step = name;
  upsertSearchAttributes([{ key: SA_STEP, value: name }]);
  setCurrentDetails(`step: ${name}`);
  const started = Date.now();
  const result = await run();
  progress.timings.push({ step: name, ms: Date.now() - started });
  progress.stepsDone.push(name);
  return result;
}

function finishRequest(progress: RequestProgress, outcome: Outcome, cost?: CostSummary, cacheHit?: boolean): void {
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
}

/**
 * Starts the delivery of an outcome event when the request has a callback that wants it. A child
 * abandoned on close: the request ends at once and the delivery retries on its own (up to a day).
 * Only the start is awaited (two events in this history); its failure never fails the request.
 */
async function notifyCallback(info: WorkflowInfo, request: ImageRequest, callback: CallbackOption | undefined, event: PendingWebhookEvent): Promise<void> {
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

/**
 * image.progress, only when asked for: one activity for the whole request (four events in this
 * history), not one per change. The scope is cancelled as the request ends.
 */
function startProgressRelay(
  info: WorkflowInfo,
  request: ImageRequest,
  callback: CallbackOption | undefined,
  callerField: { caller?: string },
): CancellationScope {
  const progressRelay = new CancellationScope();
  if (callback?.events.includes('image.progress')) {
    const relay = {
      workflowId: info.workflowId,
      requestId: request.requestId,
      url: callback.url,
      webhookIdPrefix: webhookIdFor(info.runId, 'image.progress'),
      ...callerField,
    };
    progressRelay.run(() => relayWebhookProgress(relay)).catch(() => undefined);
  }
  return progressRelay;
}
