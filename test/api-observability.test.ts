// The HTTP API's metrics and traces with a worker in the same process, as `cubcanvas serve` runs
// them: one /metrics with the API's request counters and the pipeline's, and one trace from the
// HTTP call through the client's start into the workflows.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { CubcanvasClient } from '../client/cubcanvas-client';
import { createMetricsRegistry } from '../metrics/registry';
import { startTracing, tracingClientInterceptors, type Tracing } from '../telemetry/tracing';
import { startApi, type ApiRig } from './support/api-rig';
import { startPipeline, uniquePrompt, type TestPipeline } from './support/pipeline';
import { until } from './support/until';

const exporter = new InMemorySpanExporter();
let tracing: Tracing;
let p: TestPipeline;
let client: CubcanvasClient;
let api: ApiRig;
const metrics = createMetricsRegistry();

beforeAll(async () => {
  tracing = startTracing({ serviceName: 'cubcanvas-api-test', exporter });
  p = await startPipeline({ metrics });
  client = await CubcanvasClient.connect({
    address: inject('temporalAddress'),
    taskQueue: p.config.taskQueue,
    images: p.worker.deps.store,
    workflowInterceptors: tracingClientInterceptors(),
  });
  api = await startApi({ client, store: p.worker.deps.store, metrics });
});
afterAll(async () => {
  await api?.close();
  await client?.close();
  await p?.stop();
  await tracing?.shutdown();
});

async function generate(prompt: string): Promise<string> {
  const posted = await api.call('POST', '/v1/images', { json: { prompt, size: 'small' } });
  expect(posted.status).toBe(202);
  const requestId = posted.body.requestId as string;
  await until('the request to finish', async () => ((await api.call('GET', `/v1/images/${requestId}`)).body.status === 'running' ? undefined : true));
  return requestId;
}

describe('the HTTP API observed', () => {
  it("serves one /metrics with its own request counters and the worker pipeline's", async () => {
    await generate(uniquePrompt('marmot'));
    await api.call('GET', '/v1/images/no-such-request');
    const res = await api.call('GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = res.body as string;
    const value = (re: RegExp) => Number(re.exec(text)?.[1] ?? NaN);
    expect(value(/^cubcanvas_api_requests_total\{method="POST",route="\/v1\/images",status="202"\} (\d+)$/m)).toBe(1);
    expect(value(/^cubcanvas_api_requests_total\{method="GET",route="\/v1\/images\/:id",status="404"\} (\d+)$/m)).toBe(1);
    // The worker beside the API records into the same registry.
    expect(value(/^cubcanvas_requests_total\{[^}]*outcome="completed"[^}]*\} (\d+)$/m)).toBe(1);
  });

  it("puts the HTTP call at the root of the request's trace", async () => {
    const requestId = await generate(uniquePrompt('quokka'));
    const spans = await until('the workflow span', async () => {
      await tracing.flush();
      const all = exporter.getFinishedSpans();
      return all.some((s) => s.name === 'RunWorkflow:generateImage' && s.attributes.workflowId === `image-${requestId}`) ? all : undefined;
    });
    const start = spans.find((s) => s.name === 'StartWorkflow:generateImage' && s.attributes.temporalWorkflowId === `image-${requestId}`)!;
    expect(start).toBeDefined();
    const http = spans.find((s) => s.spanContext().spanId === start.parentSpanId);
    expect(http?.name).toBe('HTTP POST /v1/images');
    expect(http?.attributes['http.response.status_code']).toBe(202);
    expect(http?.parentSpanId).toBeUndefined();
    const run = spans.find((s) => s.name === 'RunWorkflow:generateImage' && s.attributes.workflowId === `image-${requestId}`)!;
    expect(run.spanContext().traceId).toBe(http!.spanContext().traceId);
  });
});
