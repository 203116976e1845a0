// The process's OpenTelemetry tracer provider, and the Temporal client interceptors that carry a
// trace from a client's start into the workflow. One provider per process (OpenTelemetry's global
// API accepts one): the worker, `cubcanvas serve` and a test each install theirs once.
import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { detectResourcesSync, envDetectorSync, Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, ConsoleSpanExporter, SimpleSpanProcessor, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry/lib/client';
import type { TracingSettings } from './settings';

export interface Tracing {
  /** service.name and the rest, also stamped on the spans workflows export through the worker. */
  resource: Resource;
  /** Where finished spans go; the worker hands workflow spans to it too. */
  spanProcessor: SpanProcessor;
  /** Sends the spans still buffered (before a process exits, or a test reads them). */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

export interface StartTracingOptions {
  serviceName: string;
  exporter: SpanExporter;
  /**
   * Batch spans before export (OTLP: one request per batch rather than per span). Off for the
   * console and tests, which want each span as it ends.
   */
  batch?: boolean;
}

let installed: Tracing | undefined;

/** The tracing this process installed, if any. */
export function currentTracing(): Tracing | undefined {
  return installed;
}

/**
 * Installs the process's tracer provider: the global one that the Temporal interceptors, and any
 * instrumentation the HTTP API adds, get their tracer from, with an AsyncLocalStorage context so
 * that an activity's span is the parent of the calls it makes. Throws if one is installed.
 */
export function startTracing(opts: StartTracingOptions): Tracing {
  if (installed) throw new Error('tracing is already installed in this process; use currentTracing()');
  // OTEL_RESOURCE_ATTRIBUTES and OTEL_SERVICE_NAME (the env detector) win over the default name.
  const resource = Resource.default()
    .merge(new Resource({ 'service.name': opts.serviceName }))
    .merge(detectResourcesSync({ detectors: [envDetectorSync] }));
  const spanProcessor = opts.batch ? new BatchSpanProcessor(opts.exporter) : new SimpleSpanProcessor(opts.exporter);
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register();
  const tracing: Tracing = {
    resource,
    spanProcessor,
    flush: () => provider.forceFlush(),
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      installed = undefined;
    },
  };
  installed = tracing;
  return tracing;
}

/**
 * The tracing the settings ask for, installed once per process: a second call (a second worker in
 * `cubcanvas dev`, the API beside a worker) gets the first one. undefined when tracing is off.
 */
export function installTracing(settings: TracingSettings | undefined, defaultServiceName: string): Tracing | undefined {
  if (installed) return installed;
  if (!settings) return undefined;
  const serviceName = settings.serviceName ?? defaultServiceName;
  // The OTLP exporter reads OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT, _HEADERS and _TIMEOUT itself.
  if (settings.exporter === 'otlp') return startTracing({ serviceName, exporter: new OTLPTraceExporter(), batch: true });
  return startTracing({ serviceName, exporter: new ConsoleSpanExporter() });
}

/**
 * Client interceptors that open a span for each start, signal and query and put its context in
 * the workflow's headers, where the worker's workflow interceptors pick it up. Empty when this
 * process has no tracing, so that an untraced client adds nothing to its calls.
 */
export function tracingClientInterceptors(): WorkflowClientInterceptor[] {
  return installed ? [new OpenTelemetryWorkflowClientInterceptor()] : [];
}
