// OpenTelemetry traces through the SDK's interceptors, on a real worker and the shared dev server:
// one request is one trace, from the client's start through its workflow, the shared render
// workflow an activity starts, and every activity, each span linked to its parent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Worker } from '@temporalio/worker';
import { CubcanvasClient } from '../client/cubcanvas-client';
import { ConfigError } from '../domain/errors';
import { loadTracingSettings } from '../telemetry/settings';
import { startTracing, tracingClientInterceptors, type Tracing } from '../telemetry/tracing';
import { workerTracing } from '../telemetry/worker-tracing';
import { startPipeline, uniquePrompt, type TestPipeline } from './support/pipeline';
import { until } from './support/until';

describe('tracing settings', () => {
  it('is off unless an OTLP endpoint or CUBCANVAS_OTEL asks for it', () => {
    expect(loadTracingSettings({})).toBeUndefined();
    expect(loadTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toEqual({ exporter: 'otlp', serviceName: undefined });
    expect(loadTracingSettings({ CUBCANVAS_OTEL: 'console', OTEL_SERVICE_NAME: 'cc' })).toEqual({ exporter: 'console', serviceName: 'cc' });
    expect(loadTracingSettings({ CUBCANVAS_OTEL: 'off', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBeUndefined();
    expect(() => loadTracingSettings({ CUBCANVAS_OTEL: 'jaeger' })).toThrow(ConfigError);
    expect(() => loadTracingSettings({ CUBCANVAS_OTEL: 'jaeger' })).toThrow(/CUBCANVAS_OTEL: "jaeger" is not one of otlp, console, off/);
  });
});

describe('traces across client, workflows and activities', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;
  let p: TestPipeline;
  let traced: CubcanvasClient;
  beforeAll(async () => {
    // Installed before the worker, which then uses it (a test's stand-in for CUBCANVAS_OTEL).
    tracing = startTracing({ serviceName: 'cubcanvas-test', exporter });
    p = await startPipeline();
    traced = await CubcanvasClient.connect({
      address: inject('temporalAddress'),
      taskQueue: p.config.taskQueue,
      images: p.worker.deps.store,
      workflowInterceptors: tracingClientInterceptors(),
    });
  });
  afterAll(async () => {
    await traced?.close();
    await p?.stop();
    await tracing?.shutdown();
  });

  /** Spans whose attributes name the workflow (workflow spans carry its info, activity spans its id). */
  const spansOf = (workflowId: string) =>
    exporter.getFinishedSpans().filter((s) => s.attributes.workflowId === workflowId || s.attributes.temporalWorkflowId === workflowId);

  it('puts one request in one trace, each span a child of the one that caused it', async () => {
    const requestId = `traced-${randomUUID()}`;
    const result = await traced.generate({ prompt: uniquePrompt('lemur'), size: 'small', requestId });
    expect(result.status).toBe('completed');
    // Workflow spans leave the sandbox through a sink, after the workflow task that ended them.
    const spans = await until('the request workflow span', async () => {
      await tracing.flush();
      const all = exporter.getFinishedSpans();
      return all.some((s) => s.name === 'RunWorkflow:generateImage' && s.attributes.workflowId === `image-${requestId}`) &&
        all.some((s) => s.name === 'RunWorkflow:renderImage')
        ? all
        : undefined;
    });
    const start = spans.find((s) => s.name === 'StartWorkflow:generateImage' && s.attributes.temporalWorkflowId === `image-${requestId}`);
    expect(start).toBeDefined();
    const traceId = start!.spanContext().traceId;
    const trace = spans.filter((s) => s.spanContext().traceId === traceId);
    const byId = new Map(trace.map((s) => [s.spanContext().spanId, s]));
    const named = (name: string) => trace.filter((s) => s.name === name);
    /** The chain of span names from a span up to the root of the trace. */
    const ancestry = (span: ReadableSpan): string[] => {
      const names = [span.name];
      for (let parent = span.parentSpanId && byId.get(span.parentSpanId); parent; parent = parent.parentSpanId && byId.get(parent.parentSpanId))
        names.push(parent.name);
      return names;
    };

    // The client's start is the root; every other span of the trace has its parent in the trace.
    expect(start!.parentSpanId).toBeUndefined();
    for (const span of trace) if (span !== start) expect(byId.has(span.parentSpanId ?? ''), `${span.name} has its parent in the trace`).toBe(true);

    const workflow = named('RunWorkflow:generateImage');
    expect(workflow).toHaveLength(1);
    expect(workflow[0]!.parentSpanId).toBe(start!.spanContext().spanId);
    for (const activity of ['screenPrompt', 'checkCache', 'attachToRender', 'watermarkImage', 'publishImage', 'recordCost']) {
      const run = named(`RunActivity:${activity}`);
      expect(run, activity).toHaveLength(1);
      expect(ancestry(run[0]!)).toEqual([`RunActivity:${activity}`, `StartActivity:${activity}`, 'RunWorkflow:generateImage', 'StartWorkflow:generateImage']);
    }
    // The shared render workflow, started by attachToRender's signalWithStart, joins the trace;
    // the render and the validation run under it.
    const render = named('RunActivity:renderAttempt');
    expect(render).toHaveLength(1);
    expect(ancestry(render[0]!)).toEqual([
      'RunActivity:renderAttempt',
      'StartActivity:renderAttempt',
      'RunWorkflow:renderImage',
      'SignalWithStartWorkflow:renderImage',
      'RunActivity:attachToRender',
      'StartActivity:attachToRender',
      'RunWorkflow:generateImage',
      'StartWorkflow:generateImage',
    ]);
    expect(ancestry(named('RunActivity:validateImage')[0]!).slice(2, 3)).toEqual(['RunWorkflow:renderImage']);
    expect(workflow[0]!.resource.attributes['service.name']).toBe('cubcanvas-test');

    // A traced workflow's history replays on the same bundle: the interceptors are deterministic.
    const history = await traced.temporal.workflow.getHandle(`image-${requestId}`).fetchHistory();
    // Replaying re-creates the workflow spans and hands them to the exporter sink, which the worker then
    // drops (never exported twice); a replayer registers the sink like a worker, or it logs each call.
    await Worker.runReplayHistory(
      { workflowBundle: { codePath: inject('workflowBundlePath') }, sinks: workerTracing(undefined).sinks },
      history,
      `image-${requestId}`,
    );
  });

  it('leaves a workflow started without a trace context untraced', async () => {
    const requestId = `untraced-${randomUUID()}`;
    expect((await p.client.generate({ prompt: uniquePrompt('okapi'), size: 'small', requestId })).status).toBe('completed');
    await tracing.flush();
    // Activities on a traced worker still get spans (roots of their own), but the workflow opens none:
    // no RunWorkflow span, no StartActivity span, and its activities have no parent. (The render
    // workflow's renderDone signal to it is a span too: a child of the traced activity sending it.)
    const spans = await until('its activity spans', async () => {
      const found = spansOf(`image-${requestId}`);
      return found.some((s) => s.name === 'RunActivity:recordCost') ? found : undefined;
    });
    expect(spans.filter((s) => s.name.startsWith('RunWorkflow') || s.name.startsWith('StartActivity'))).toEqual([]);
    const activities = spans.filter((s) => s.name.startsWith('RunActivity:'));
    expect(activities.map((s) => s.name).sort()).toEqual([
      'RunActivity:attachToRender',
      'RunActivity:checkCache',
      'RunActivity:publishImage',
      'RunActivity:recordCost',
      'RunActivity:screenPrompt',
      'RunActivity:watermarkImage',
    ]);
    expect(activities.every((s) => s.parentSpanId === undefined)).toBe(true);
  });
});
