// The worker's end of the cubcanvasMetrics sink (see metrics/workflow-interceptors.ts).
import type { InjectedSinks } from '@temporalio/worker';
import type { PipelineMetrics } from './pipeline-metrics';
import type { RequestMetricsSinks } from './request-outcome';

export function requestMetricsSinks(metrics: PipelineMetrics): InjectedSinks<RequestMetricsSinks> {
  // callDuringReplay stays false (the default): a replayed ending was counted when it happened.
  return { cubcanvasMetrics: { requestFinished: { fn: (_info, outcome, category) => metrics.requestFinished(outcome, category) } } };
}
