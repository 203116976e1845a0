// Workflow interceptor module (in the workflow bundle): tells the worker how each image request
// ended, through the cubcanvasMetrics sink, for cubcanvas_requests_total. Only the workflow sees
// every ending (a cancellation or a failure never reaches an activity), but it cannot touch
// prom-client: sinks carry the call out of the sandbox. A sink call issues no command, so this
// changes nothing in history, and the worker drops sink calls made while replaying.
import { ApplicationFailure, isCancellation, proxySinks, TemporalFailure, workflowInfo, type WorkflowInterceptorsFactory } from '@temporalio/workflow';
import type { GenerateImageRecord } from '../domain/pipeline';
import type * as workflows from '../workflows';
import { NO_CATEGORY, type RequestMetricsSinks, type RequestOutcome } from './request-outcome';

const REQUEST_WORKFLOW: keyof typeof workflows = 'generateImage';
const { cubcanvasMetrics } = proxySinks<RequestMetricsSinks>();

/** The failure type the request failed with: the first ApplicationFailure type in the cause chain. */
function failureCategory(err: TemporalFailure): string {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if (e instanceof ApplicationFailure && e.type) return e.type;
  }
  return err.name;
}

function report(outcome: RequestOutcome, category: string): void {
  // A replay (a query after the workflow left the cache, a replay test) must not count again; the
  // worker would drop the call anyway, but a replay-only worker would log it as an unknown sink.
  if (!workflowInfo().unsafe.isReplaying) cubcanvasMetrics.requestFinished(outcome, category);
}

export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [
    {
      async execute(input, next) {
        if (workflowInfo().workflowType !== REQUEST_WORKFLOW) return next(input);
        try {
          const record = (await next(input)) as GenerateImageRecord;
          report(record.status, record.status === 'rejected' ? record.category : NO_CATEGORY);
          return record;
        } catch (err) {
          if (isCancellation(err)) report('cancelled', NO_CATEGORY);
          // Any other error fails the workflow task, not the workflow: it is retried, not an ending.
          else if (err instanceof TemporalFailure) report('failed', failureCategory(err));
          throw err;
        }
      },
    },
  ],
});
