// What GET /v1/images/{id} answers: a request's status read from Temporal (describe, then the
// progress query while it runs, or its result once closed). Finished requests never change, so
// their status is kept in memory; only the picture's URL is minted anew on every read.
import { WorkflowNotFoundError, type WorkflowExecutionStatusName } from '@temporalio/client';
import { RequestFailedError, type CubcanvasClient } from '../client/cubcanvas-client';
import { ErrorType } from '../domain/errors';
import { imageWorkflowId } from '../domain/naming';
import type { CostSummary, GenerateImageRecord, RenderProgress, Step, StepTiming } from '../domain/pipeline';
import type { generateImage } from '../workflows/generate-image';
import { ApiProblem, ApiProblemType } from './problems';

export type ImageState = 'running' | 'completed' | 'rejected' | 'failed' | 'cancelled';

export interface ImageStatus {
  requestId: string;
  status: ImageState;
  /** The step it is at ("done" once finished). */
  step: Step | 'done';
  stepsDone: Step[];
  render?: RenderProgress;
  timings: StepTiming[];
  cost?: CostSummary;
  /** Failed, rejected or cancelled: the error contract's type and a message. */
  error?: { type: string; message: string; problems?: string[] };
  /** Completed: a URL (or, with the filesystem store, a path) minted for this read. */
  imageUrl?: string;
  /** Completed: the full record (seed, size, cache hit, attempts…); without the URL, see imageUrl. */
  result?: GenerateImageRecord;
  /** The API token name that started it; absent for requests from the client library or CLI. */
  caller?: string;
}

interface Finished {
  status: ImageStatus;
  imageKey?: string;
  /** undefined: never expires (completed and rejected requests are final). */
  expiresAt?: number;
}

/** Failed and cancelled requests may be started again under the same id: their status is kept briefly. */
export const RETRYABLE_STATUS_TTL_MS = 2_000;
/** The most finished statuses kept; the oldest is dropped first. ~1 KB each. */
export const FINISHED_CACHE_SIZE = 20_000;

const closedState: Partial<Record<WorkflowExecutionStatusName, ImageState>> = {
  CANCELLED: 'cancelled',
  FAILED: 'failed',
  TERMINATED: 'failed',
  TIMED_OUT: 'failed',
};

export class RequestStatusReader {
  private readonly finished = new Map<string, Finished>();

  constructor(
    private readonly client: CubcanvasClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** Drops what is known about a request id: called when the API (re)starts it. */
  forget(requestId: string): void {
    this.finished.delete(requestId);
  }

  /**
   * Whether a request id is taken, and by whom, with one describe (no query: it needs no worker).
   * undefined: unknown, or failed/cancelled (the client starts those again under the same id).
   */
  async peek(requestId: string): Promise<{ status: 'running' | 'completed'; caller?: string } | undefined> {
    const known = this.finished.get(requestId);
    if (known && known.expiresAt === undefined) return { status: 'completed', ...(known.status.caller === undefined ? {} : { caller: known.status.caller }) };
    let description;
    try {
      description = await this.client.temporal.workflow.getHandle(imageWorkflowId(requestId)).describe();
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return undefined;
      throw err;
    }
    const caller = typeof description.memo?.caller === 'string' ? description.memo.caller : undefined;
    const status = description.status.name === 'RUNNING' ? 'running' : description.status.name === 'COMPLETED' ? 'completed' : undefined;
    return status && { status, ...(caller === undefined ? {} : { caller }) };
  }

  /** A request's status; throws 404 when unknown. */
  async read(requestId: string): Promise<ImageStatus> {
    const known = this.finished.get(requestId);
    if (known && (known.expiresAt === undefined || known.expiresAt > this.now())) return this.withUrl(known);
    const handle = this.client.temporal.workflow.getHandle<typeof generateImage>(imageWorkflowId(requestId));
    let description;
    try {
      description = await handle.describe();
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw notFound(requestId);
      throw err;
    }
    const caller = typeof description.memo?.caller === 'string' ? description.memo.caller : undefined;
    const base = { requestId, ...(caller === undefined ? {} : { caller }) };
    if (description.status.name === 'RUNNING' || description.status.name === 'CONTINUED_AS_NEW') {
      const p = await this.client.progress(requestId);
      return { ...base, status: 'running', step: p.step, stepsDone: p.stepsDone, timings: p.timings, ...(p.render ? { render: p.render } : {}) };
    }
    let entry: Finished;
    if (description.status.name === 'COMPLETED') {
      const record = await handle.result();
      entry =
        record.status === 'completed'
          ? {
              status: {
                ...base,
                status: 'completed',
                step: 'done',
                stepsDone: record.timings.map((t) => t.step),
                timings: record.timings,
                cost: record.cost,
                result: record,
              },
              imageKey: record.imageKey,
            }
          : {
              status: {
                ...base,
                status: 'rejected',
                step: 'done',
                stepsDone: record.timings.map((t) => t.step),
                timings: record.timings,
                error: { type: ErrorType.UnsafePrompt, message: `rejected (${record.category}): ${record.reasons.join('; ')}` },
                result: record,
              },
            };
    } else {
      const state = closedState[description.status.name] ?? 'failed';
      const error = await this.failure(requestId, state);
      entry = { status: { ...base, status: state, step: 'done', stepsDone: [], timings: [], error }, expiresAt: this.now() + RETRYABLE_STATUS_TTL_MS };
    }
    this.remember(requestId, entry);
    return this.withUrl(entry);
  }

  private async failure(requestId: string, state: ImageState): Promise<ImageStatus['error']> {
    try {
      await this.client.result(requestId);
    } catch (err) {
      if (err instanceof RequestFailedError) {
        const problems = (err.details as { problems?: unknown } | undefined)?.problems;
        return { type: err.type, message: err.message, ...(Array.isArray(problems) ? { problems: problems.map(String) } : {}) };
      }
      throw err;
    }
    return { type: state === 'cancelled' ? 'CancelledFailure' : 'Unknown', message: state };
  }

  private remember(requestId: string, entry: Finished): void {
    if (this.finished.size >= FINISHED_CACHE_SIZE) this.finished.delete(this.finished.keys().next().value!);
    this.finished.set(requestId, entry);
  }

  private async withUrl(entry: Finished): Promise<ImageStatus> {
    if (!entry.imageKey || !entry.status.result || entry.status.result.status !== 'completed') return entry.status;
    const withUrl = await this.client.withImageUrl(entry.status.result);
    const { imageUrl: _ignored, ...result } = withUrl as GenerateImageRecord & { imageUrl?: string };
    return { ...entry.status, result, imageUrl: withUrl.status === 'completed' ? withUrl.imageUrl : undefined };
  }
}

export function notFound(requestId: string): ApiProblem {
  return new ApiProblem(404, ApiProblemType.NotFound, `no image request "${requestId}"`);
}
