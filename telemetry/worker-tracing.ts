// What a worker adds for tracing: the activity interceptor that continues a workflow's trace in
// each activity, and the sink through which workflow spans leave the sandbox for the exporter.
import type { OpenTelemetryWorkflowExporter } from '@temporalio/interceptors-opentelemetry/lib/workflow/definitions';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/worker';
import type { ActivityInterceptorsFactory, InjectedSink } from '@temporalio/worker';
import type { Tracing } from './tracing';

export interface WorkerTracing {
  activity: ActivityInterceptorsFactory[];
  /** Registered under the name the SDK's workflow interceptors call: `exporter`. */
  sinks: { exporter: InjectedSink<OpenTelemetryWorkflowExporter> };
}

/**
 * With tracing off the exporter sink is still registered, as a no-op: a traced client may start a
 * workflow on an untraced worker, and its spans are then dropped quietly rather than logged as
 * calls to an unknown sink.
 */
export function workerTracing(tracing: Tracing | undefined): WorkerTracing {
  if (!tracing) return { activity: [], sinks: { exporter: { export: { fn: () => undefined } } } };
  return {
    activity: [(ctx) => ({ inbound: new OpenTelemetryActivityInboundInterceptor(ctx), outbound: new OpenTelemetryActivityOutboundInterceptor(ctx) })],
    // The span processor, not the exporter: the batch processor then batches workflow spans too.
    sinks: { exporter: makeWorkflowExporter(tracing.spanProcessor, tracing.resource) },
  };
}
