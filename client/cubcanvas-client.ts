// The typed client product services use: start (idempotent on requestId), await, watch, cancel.
import type { TemporalSecurity } from '../temporal/connection-options';
import { connectToTemporal } from '../temporal/grpc-interceptors';
import { randomUUID } from 'node:crypto';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowFailedError, type WorkflowClientInterceptor, type WorkflowHandle } from '@temporalio/client';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import { DEFAULT_TASK_QUEUE, imageWorkflowId } from '../domain/naming';
import type { GenerateImageRecord, GenerateImageResult, RequestProgress } from '../domain/pipeline';
import { validateRequest, type GenerateImageInput } from '../domain/request';
import { SA_CALLER, SA_OUTCOME, SA_STEP } from '../domain/search-attributes';
import type { BlobStore } from '../storage/blob-store';
import { firstApplicationFailure } from '../temporal/failures';
import { progressQuery } from '../workflows/definitions';
import type { generateImage, RequestOptions } from '../workflows/generate-image';
import type { AllowRule } from '../webhooks/allow-list';
import { checkCallback, type CallbackRequest } from '../webhooks/callback-request';
import { loadWebhookAllowList } from '../webhooks/settings';

/** A progress query answers in milliseconds when it is answered at all; see progress(). */
const PROGRESS_QUERY_DEADLINE_MS = 3000;

export interface StartedRequest {
  requestId: string;
  workflowId: string;
  /** false when this requestId had already been started: the existing workflow is returned. */
  started: boolean;
  handle: WorkflowHandle<typeof generateImage>;
}

export interface StartOptions {
  /** Who asks (the HTTP API's token name): recorded in the provenance, the cost ledger and the memo. */
  caller?: string;
  /**
   * Where the outcome is POSTed, signed (README "Webhooks"): checked here against the allow-list
   * (InvalidRequestError when refused), before anything starts. Applies when this call starts the
   * request; a repeat of a running or finished request id keeps the callback it was started with.
   */
  callback?: CallbackRequest;
}

/** A request that failed, with the failure type the workflow gave (e.g. ImageQualityFailed). */
export class RequestFailedError extends Error {
  constructor(
    readonly requestId: string,
    readonly type: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
    this.name = 'RequestFailedError';
  }
}

/** What the client needs of the blob store: where a picture can be fetched (a path, or a fresh presigned URL). */
export type ImageLocator = Pick<BlobStore, 'locate'>;

export class CubcanvasClient {
  private images: Promise<ImageLocator> | undefined;

  /**
   * `images` mints the URL of a finished picture each time a result is read (results and history
   * keep only its storage key). Omitted, the store the worker's settings describe is used
   * (CUBCANVAS_STORAGE, CUBCANVAS_S3_*, CUBCANVAS_DATA_DIR from this process's environment).
   */
  constructor(
    readonly temporal: Client,
    readonly taskQueue: string = DEFAULT_TASK_QUEUE,
    images?: ImageLocator,
    /** The hosts a callback may name; omitted, CUBCANVAS_WEBHOOK_ALLOWED_HOSTS of this process's environment. */
    private callbackHosts?: readonly AllowRule[],
  ) {
    // Without one, built on the first completed result read (a bad setting surfaces there).
    this.images = images && Promise.resolve(images);
  }

  /**
   * Connects to a Temporal frontend. `tls`, `apiKey` and `metadata` are the SDK's own connection
   * options (a cluster behind TLS or mTLS, Temporal Cloud); `loadTemporalConnection` reads them from
   * the standard TEMPORAL_* variables. `workflowInterceptors` wrap every workflow call, e.g.
   * `tracingClientInterceptors()` (telemetry/tracing.ts) so that a request's trace starts here.
   */
  static async connect(
    opts: {
      address: string;
      namespace?: string;
      taskQueue?: string;
      images?: ImageLocator;
      workflowInterceptors?: WorkflowClientInterceptor[];
    } & TemporalSecurity,
  ): Promise<CubcanvasClient> {
    const connection = await connectToTemporal({ address: opts.address, tls: opts.tls, apiKey: opts.apiKey, metadata: opts.metadata });
    const interceptors = opts.workflowInterceptors?.length ? { interceptors: { workflow: opts.workflowInterceptors } } : {};
    return new CubcanvasClient(new Client({ connection, namespace: opts.namespace ?? 'default', ...interceptors }), opts.taskQueue, opts.images);
  }

  /**
   * Validates, then starts the request's workflow. Starting the same requestId again returns the
   * existing request while it runs or once it completed (rejected counts as completed); after it
   * failed, was cancelled, terminated or timed out, it starts it again under the same id.
   */
  /** The callback as the workflow takes it; InvalidRequestError naming what is wrong when the target is refused. */
  callbackOption(callback: CallbackRequest): NonNullable<RequestOptions['callback']> {
    this.callbackHosts ??= loadWebhookAllowList(process.env);
    return checkCallback(callback, this.callbackHosts);
  }

  async start(input: GenerateImageInput, options: StartOptions = {}): Promise<StartedRequest> {
    const request = validateRequest(input, randomUUID());
    const callback = options.callback && this.callbackOption(options.callback);
    // The options argument only when there is one: other starts stay exactly as before.
    const workflowOptions: RequestOptions = { ...(options.caller === undefined ? {} : { caller: options.caller }), ...(callback ? { callback } : {}) };
    const workflowId = imageWorkflowId(request.requestId);
    const preview = request.prompt.length > 80 ? `${request.prompt.slice(0, 77)}…` : request.prompt;
    try {
      const handle = await this.temporal.workflow.start<typeof generateImage>('generateImage', {
        workflowId,
        taskQueue: this.taskQueue,
        args:
          Object.keys(workflowOptions).length === 0
            ? [{ ...input, requestId: request.requestId }]
            : [{ ...input, requestId: request.requestId }, workflowOptions],
        // In the memo too, so that whoever reads the request (the HTTP API) sees whose it is without its history.
        ...(options.caller === undefined ? {} : { memo: { caller: options.caller } }),
        // A requestId names one outcome: a completed request is never run again (the caller gets
        // its result back), but a failed, cancelled or timed-out one may be retried under the same
        // id, since a product service keys its pages by requestId and has no other way to retry.
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
        typedSearchAttributes: [
          { key: SA_STEP, value: 'queued' },
          { key: SA_OUTCOME, value: 'running' },
          // Searchable (the memo is not): the API lists a caller's recent requests by it.
          ...(options.caller === undefined ? [] : [{ key: SA_CALLER, value: options.caller }]),
        ],
        staticSummary: `🐾 ${preview}`,
        staticDetails: `**prompt:** ${request.prompt}\n\n**size:** ${request.width}x${request.height} · **style:** ${request.style}${request.seed === undefined ? '' : ` · **seed:** ${request.seed}`}`,
      });
      return { requestId: request.requestId, workflowId, started: true, handle };
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      return { requestId: request.requestId, workflowId, started: false, handle: this.temporal.workflow.getHandle(workflowId) };
    }
  }

  /**
   * The outcome of a request (its latest run); a failed request throws RequestFailedError with the
   * failure's type. A completed request's imageUrl is minted now, so it is valid for the full
   * URL lifetime from this call, however long ago the request finished.
   */
  async result(requestId: string): Promise<GenerateImageResult> {
    let record: GenerateImageRecord;
    try {
      record = await this.temporal.workflow.getHandle<typeof generateImage>(imageWorkflowId(requestId)).result();
    } catch (err) {
      const failure = err instanceof WorkflowFailedError ? firstApplicationFailure(err) : undefined;
      if (failure) throw new RequestFailedError(requestId, failure.type ?? 'Unknown', failure.message, failure.details?.[0]);
      if (err instanceof WorkflowFailedError && err.cause) {
        // Cancelled, terminated or timed out: no application type, the wrapper's cause says which.
        throw new RequestFailedError(requestId, err.cause.name, err.cause.message || err.message, undefined);
      }
      throw err;
    }
    return this.withImageUrl(record);
  }

  /** The record plus a URL minted now. Results of runs from before URLs left history carry a stale imageUrl: replaced. */
  async withImageUrl(record: GenerateImageRecord): Promise<GenerateImageResult> {
    if (record.status !== 'completed') return record;
    this.images ??= storeFromEnvironment();
    return { ...record, imageUrl: await (await this.images).locate(record.imageKey) };
  }

  async generate(input: GenerateImageInput): Promise<GenerateImageResult> {
    const { requestId } = await this.start(input);
    return this.result(requestId);
  }

  /**
   * Where the request is now. Bounded by PROGRESS_QUERY_DEADLINE_MS: a query that reaches the
   * worker while the request's last workflow task completes is buffered with the run, which the
   * worker then evicts ("leftover buffered tasks when evicting run"), and the server holds the
   * query for its own 30 s timeout. A progress snapshot is not worth that wait (it stalled
   * `generate` for 30 s after the picture was done).
   */
  async progress(requestId: string): Promise<RequestProgress> {
    return this.temporal.withDeadline(Date.now() + PROGRESS_QUERY_DEADLINE_MS, () =>
      this.temporal.workflow.getHandle(imageWorkflowId(requestId)).query(progressQuery),
    );
  }

  /** Cancels the request; its share of a running render is released, and the GPU work stops if nobody else waits. */
  async cancel(requestId: string): Promise<void> {
    await this.temporal.workflow.getHandle(imageWorkflowId(requestId)).cancel();
  }

  async close(): Promise<void> {
    await this.temporal.connection.close();
  }
}

/**
 * The store the worker's settings describe, for a client given none. Loaded on demand: building it
 * reads every setting and loads the storage SDK, which a client given a store never needs.
 */
async function storeFromEnvironment(): Promise<ImageLocator> {
  const [{ loadConfig }, { createStore }] = await Promise.all([import('../config/settings'), import('../worker/dependencies')]);
  return createStore(loadConfig());
}
