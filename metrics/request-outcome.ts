// How a request ended, as the workflow tells the worker through a sink. Pure types and constants:
// imported by the workflow bundle (metrics/workflow-interceptors.ts), so no prom-client here.
import type { Sinks } from '@temporalio/workflow';

/** How a request ended, as the requests counter labels it. */
export type RequestOutcome = 'completed' | 'rejected' | 'failed' | 'cancelled';

/** category when there is none to give (a completed or cancelled request). */
export const NO_CATEGORY = 'none';

/** The sink a generateImage workflow calls once, when it ends (never while replaying). */
export interface RequestMetricsSinks extends Sinks {
  cubcanvasMetrics: {
    requestFinished(outcome: RequestOutcome, category: string): void;
  };
}
