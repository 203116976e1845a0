// What the HTTP API adds to the process's metrics and traces: its own request counters and
// latency on the registry it serves at /metrics, and one span per HTTP call, made the active
// context for the handler so that the client's start (traced by the Temporal client interceptors)
// becomes its child: one trace from the HTTP call to the render and the upload.
import { context, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Registry } from 'prom-client';
import { apiMetricsHook, metricsHandler, UNMATCHED_ROUTE } from '../metrics/api-metrics';

const spans = new WeakMap<FastifyRequest, Span>();

export function addApiMetrics(app: FastifyInstance, registry: Registry): void {
  app.addHook('onResponse', apiMetricsHook(registry));
  app.get('/metrics', metricsHandler(registry));
}

/** A server span per request; a no-op tracer when the process has no tracing installed. */
export function addApiTracing(app: FastifyInstance): void {
  const tracer = trace.getTracer('cubcanvas-api');
  app.addHook('onRequest', (request, _reply, done) => {
    const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
    const span = tracer.startSpan(`HTTP ${request.method} ${route}`, {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': request.method, 'http.route': route },
    });
    spans.set(request, span);
    // Fastify runs the rest of the request's hooks and its handler from this callback, so they
    // inherit the span as their active context.
    context.with(trace.setSpan(context.active(), span), done);
  });
  app.addHook('onResponse', async (request, reply) => {
    const span = spans.get(request);
    if (!span) return;
    span.setAttribute('http.response.status_code', reply.statusCode);
    if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
}
