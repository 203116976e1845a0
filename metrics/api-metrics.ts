// The HTTP API's own metrics, on the registry it serves at /metrics:
//   app.addHook('onResponse', apiMetricsHook(registry));
//   app.get('/metrics', metricsHandler(registry));
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Registry } from 'prom-client';
import { counterIn, histogramIn } from './registry';

export const API_METRIC_NAMES = {
  requests: 'cubcanvas_api_requests_total',
  duration: 'cubcanvas_api_request_duration_seconds',
} as const;

/** An unmatched path is labelled this, never with the path itself: any client could grow the label set without bound. */
export const UNMATCHED_ROUTE = 'unmatched';

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** An onResponse hook counting each answered request by method, route template and status, and timing it. */
export function apiMetricsHook(registry: Registry): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  const requests = counterIn(registry, {
    name: API_METRIC_NAMES.requests,
    help: 'HTTP API requests answered, by method, route template (e.g. /v1/images/:id; "unmatched" for 404s of unknown paths) and status code.',
    labelNames: ['method', 'route', 'status'],
  });
  const duration = histogramIn(registry, {
    name: API_METRIC_NAMES.duration,
    help: 'Time the HTTP API took to answer a request (until the response was sent; an SSE stream counts until it closes), by method and route template.',
    labelNames: ['method', 'route'],
    buckets: DURATION_BUCKETS,
  });
  return async (request, reply) => {
    // The template, not the URL: /v1/images/:id is one series however many images there are.
    const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  };
}

/** GET /metrics: the registry in the Prometheus text format. */
export function metricsHandler(registry: Registry): (request: FastifyRequest, reply: FastifyReply) => Promise<string> {
  return async (_request, reply) => {
    const text = await registry.metrics();
    void reply.type(registry.contentType).header('cache-control', 'no-store');
    return text;
  };
}
