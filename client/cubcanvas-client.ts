// The typed client product services use: start (idempotent on requestId), await, watch, cancel.
import { randomUUID } from 'node:crypto';
import { Client, Connection, WorkflowExecutionAlreadyStartedError, WorkflowFailedError, type WorkflowHandle } from '@temporalio/client';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import { DEFAULT_TASK_QUEUE, imageWorkflowId } from '../domain/naming';
import type { GenerateImageResult, RequestProgress } from '../domain/pipeline';
import { validateRequest, type GenerateImageInput } from '../domain/request';
import { SA_OUTCOME, SA_STEP } from '../domain/search-attributes';
import { firstApplicationFailure } from '../temporal/failures';
import { progressQuery } from '../workflows/definitions';
import type { generateImage } from '../workflows/generate-image';

export interface StartedRequest {
  requestId: string;
  workflowId: string;
  /** false when this requestId had already been started: the existing workflow is returned. */
  started: boolean;
  handle: WorkflowHandle<typeof generateImage>;
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

export class CubcanvasClient {
  constructor(
    readonly temporal: Client,
    readonly taskQueue: string = DEFAULT_TASK_QUEUE,
  ) {}

  static async connect(opts: { address: string; namespace?: string; taskQueue?: string }): Promise<CubcanvasClient> {
    const connection = await Connection.connect({ address: opts.address });
    return new CubcanvasClient(new Client({ connection, namespace: opts.namespace ?? 'default' }), opts.taskQueue);
  }

  /** Validates, then starts the request's workflow. Starting the same requestId again returns the existing one. */
  async start(input: GenerateImageInput): Promise<StartedRequest> {
    const request = validateRequest(input, randomUUID());
    const workflowId = imageWorkflowId(request.requestId);
    const preview = request.prompt.length > 80 ? `${request.prompt.slice(0, 77)}…` : request.prompt;
    try {
      const handle = await this.temporal.workflow.start<typeof generateImage>('generateImage', {
        workflowId,
        taskQueue: this.taskQueue,
        args: [{ ...input, requestId: request.requestId }],
        // A requestId names one request forever: never a second workflow, even after the first ended.
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
        typedSearchAttributes: [
          { key: SA_STEP, value: 'queued' },
          { key: SA_OUTCOME, value: 'running' },
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

  /** The outcome of a request; a failed request throws RequestFailedError with the failure's type. */
  async result(requestId: string): Promise<GenerateImageResult> {
    try {
      return await this.temporal.workflow.getHandle<typeof generateImage>(imageWorkflowId(requestId)).result();
    } catch (err) {
      const failure = err instanceof WorkflowFailedError ? firstApplicationFailure(err) : undefined;
      if (failure) throw new RequestFailedError(requestId, failure.type ?? 'Unknown', failure.message, failure.details?.[0]);
      if (err instanceof WorkflowFailedError && err.cause) {
        // Cancelled, terminated or timed out: no application type, the wrapper's cause says which.
        throw new RequestFailedError(requestId, err.cause.name, err.cause.message || err.message, undefined);
      }
      throw err;
    }
  }

  async generate(input: GenerateImageInput): Promise<GenerateImageResult> {
    const { requestId } = await this.start(input);
    return this.result(requestId);
  }

  async progress(requestId: string): Promise<RequestProgress> {
    return this.temporal.workflow.getHandle(imageWorkflowId(requestId)).query(progressQuery);
  }

  /** Cancels the request; its share of a running render is released, and the GPU work stops if nobody else waits. */
  async cancel(requestId: string): Promise<void> {
    await this.temporal.workflow.getHandle(imageWorkflowId(requestId)).cancel();
  }

  async close(): Promise<void> {
    await this.temporal.connection.close();
  }
}
