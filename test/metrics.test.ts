// The worker's /metrics on a real worker and the shared dev server: after a rendered request, a
// cache hit, a rejected prompt and a failed render, the counters and histogram counts say exactly
// that. Expected values come from what the requests returned and what the store holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { RequestFailedError } from '../client/cubcanvas-client';
import type { GenerateImageCompleted } from '../domain/pipeline';
import { FsBlobStore } from '../storage/fs-store';
import { freePort } from '../toolchain/free-port';
import { ScriptedBackend, type AttemptScript } from './support/scripted-backend';
import { startPipeline, testConfig, uniquePrompt, type TestPipeline } from './support/pipeline';
import { until } from './support/until';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The Prometheus text exposition format, samples only (comments and blank lines skipped). */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([A-Za-z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/.exec(line);
    if (!m) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return samples;
}

/** The sum of the samples of that name whose labels include `labels` (0 when none). */
function total(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((sum, s) => sum + s.value, 0);
}

describe('worker /metrics', () => {
  let p: TestPipeline;
  let port: number;
  let store: FsBlobStore;
  // Render calls in order: the first request's dark picture, its good regeneration, then a broken graph.
  const script: AttemptScript[] = ['dark', 'good', 'broken'];
  beforeAll(async () => {
    port = await freePort();
    const config = testConfig({ CUBCANVAS_WORKER_HEALTH_PORT: String(port) });
    store = new FsBlobStore(join(config.dataDir, 'store'));
    const backend = new ScriptedBackend(store, (_task, call) => script[call] ?? 'good', undefined, { type: 'A10G', secondsPerRender: 90 });
    p = await startPipeline({ config, overrides: { store, backend } });
  });
  afterAll(async () => {
    await p?.stop();
  });

  async function scrape(): Promise<{ samples: Sample[]; contentType: string | null }> {
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(res.status).toBe(200);
    return { samples: parseExposition(await res.text()), contentType: res.headers.get('content-type') };
  }

  it('counts outcomes, steps, cache lookups, GPU time and cost, safety verdicts and render waits', async () => {
    const prompt = uniquePrompt('hedgehog');
    const rendered = (await p.client.generate({ prompt, size: 'small' })) as GenerateImageCompleted;
    expect(rendered).toMatchObject({ status: 'completed', cacheHit: false });
    expect(rendered.attempts.map((a) => a.ok)).toEqual([false, true]);
    const hit = await p.client.generate({ prompt, size: 'small' });
    expect(hit).toMatchObject({ status: 'completed', cacheHit: true });
    const rejected = await p.client.generate({ prompt: 'a bunny with a gun', size: 'small' });
    expect(rejected).toMatchObject({ status: 'rejected', category: 'weapons' });
    const failure = await p.client.generate({ prompt: uniquePrompt('yak'), size: 'small' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RequestFailedError);
    const failedType = (failure as RequestFailedError).type;

    const tq = { task_queue: p.config.taskQueue };
    // The workflow reports its ending through a sink, run just after the workflow task completes.
    const { samples, contentType } = await until('all four endings counted', async () => {
      const scraped = await scrape();
      return total(scraped.samples, 'cubcanvas_requests_total', tq) === 4 ? scraped : undefined;
    });
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);

    expect(total(samples, 'cubcanvas_requests_total', { ...tq, outcome: 'completed', category: 'none' })).toBe(2);
    expect(total(samples, 'cubcanvas_requests_total', { ...tq, outcome: 'rejected', category: 'weapons' })).toBe(1);
    expect(total(samples, 'cubcanvas_requests_total', { ...tq, outcome: 'failed', category: failedType })).toBe(1);

    expect(total(samples, 'cubcanvas_cache_lookups_total', { ...tq, result: 'hit' })).toBe(1);
    expect(total(samples, 'cubcanvas_cache_lookups_total', { ...tq, result: 'miss' })).toBe(2);

    // Step histograms: one observation per execution of the step's activity.
    const steps = (step: string, result: string) => total(samples, 'cubcanvas_step_duration_seconds_count', { ...tq, step, result });
    expect(steps('screen', 'ok')).toBe(4);
    expect(steps('cache', 'ok')).toBe(3);
    expect(steps('render', 'ok')).toBe(2);
    expect(steps('render', 'error')).toBe(1); // the broken graph, not retried
    expect(steps('validate', 'ok')).toBe(2);
    expect(steps('watermark', 'ok')).toBe(2);
    expect(steps('publish', 'ok')).toBe(2);
    const ledgerEntries = (await store.list('ledger/')).filter((b) => b.key.endsWith('.json')).length;
    expect(steps('cost', 'ok')).toBe(ledgerEntries);
    expect(ledgerEntries).toBeGreaterThanOrEqual(3);
    // The +Inf bucket holds every observation, and the sum of real durations is positive.
    expect(total(samples, 'cubcanvas_step_duration_seconds_bucket', { ...tq, step: 'screen', le: '+Inf' })).toBe(4);
    expect(total(samples, 'cubcanvas_step_duration_seconds_sum', { ...tq, step: 'render' })).toBeGreaterThan(0);

    // GPU time and cost: what the rendered request was charged (two attempts of 90 s on an A10G).
    expect(total(samples, 'cubcanvas_gpu_seconds_total', { ...tq, gpu_type: 'A10G' })).toBeCloseTo(rendered.cost.gpuSeconds, 6);
    expect(rendered.cost.gpuSeconds).toBe(180);
    expect(total(samples, 'cubcanvas_gpu_cost_total', { ...tq, gpu_type: 'A10G', currency: 'CNY' })).toBeCloseTo(rendered.cost.amount, 6);

    // Each validated picture's safety verdicts, per checker, as the attempts recorded them.
    const verdicts = rendered.attempts.flatMap((a) => a.safety ?? []);
    expect(verdicts.length).toBeGreaterThan(0);
    for (const checker of new Set(verdicts.map((v) => v.checker))) {
      expect(total(samples, 'cubcanvas_picture_safety_verdicts_total', { ...tq, checker, verdict: 'safe' })).toBe(
        verdicts.filter((v) => v.checker === checker && v.ok).length,
      );
    }

    // One wait per render that reached the GPU.
    expect(total(samples, 'cubcanvas_render_queue_wait_seconds_count', { ...tq, backend: 'preview' })).toBe(2);

    // The Node process metrics, under the same prefix.
    expect(samples.some((s) => s.name === 'cubcanvas_process_cpu_user_seconds_total')).toBe(true);
    expect(samples.some((s) => s.name === 'cubcanvas_nodejs_eventloop_lag_seconds')).toBe(true);
  });

  it('answers HEAD without a body and keeps /healthz and /readyz', async () => {
    const head = await fetch(`http://127.0.0.1:${port}/metrics`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    const post = await fetch(`http://127.0.0.1:${port}/metrics`, { method: 'POST' });
    expect(post.status).toBe(405);
  });
});
