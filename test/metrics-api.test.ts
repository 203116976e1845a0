// The HTTP API's metrics hook and /metrics handler on a real Fastify server over real HTTP: each
// answered request is counted by its route template (never the raw path) and status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { apiMetricsHook, metricsHandler } from '../metrics/api-metrics';
import { createMetricsRegistry } from '../metrics/registry';

describe('API metrics', () => {
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    const registry = createMetricsRegistry();
    app = Fastify();
    app.addHook('onResponse', apiMetricsHook(registry));
    app.get('/metrics', metricsHandler(registry));
    app.get<{ Params: { id: string } }>('/v1/images/:id', async (request, reply) =>
      request.params.id === 'missing' ? reply.code(404).send({ title: 'not found' }) : { id: request.params.id },
    );
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('counts requests by method, route template and status, and times them', async () => {
    for (const id of ['a', 'b', 'c']) expect((await fetch(`${base}/v1/images/${id}`)).status).toBe(200);
    expect((await fetch(`${base}/v1/images/missing`)).status).toBe(404);
    expect((await fetch(`${base}/no/such/path/${Math.random()}`)).status).toBe(404);

    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const lines = (await res.text()).split('\n');
    expect(lines).toContain('cubcanvas_api_requests_total{method="GET",route="/v1/images/:id",status="200"} 3');
    expect(lines).toContain('cubcanvas_api_requests_total{method="GET",route="/v1/images/:id",status="404"} 1');
    expect(lines).toContain('cubcanvas_api_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(lines).toContain('cubcanvas_api_request_duration_seconds_count{method="GET",route="/v1/images/:id"} 4');
    // No series names a raw path.
    expect(lines.filter((l) => l.includes('/no/such/path'))).toEqual([]);
    expect(lines.some((l) => l.startsWith('cubcanvas_process_resident_memory_bytes'))).toBe(true);
  });
});
