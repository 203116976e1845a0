// The worker's metrics of the image pipeline: what the README's "Metrics" section lists. Every
// series carries task_queue, so workers of several task queues (a versioned rollout, parallel test
// files on one server) can share a registry and a Prometheus without their counts mixing.
import type { Registry } from 'prom-client';
import type { CostSummary, Step } from '../domain/pipeline';
import type { PictureSafetyResult } from '../domain/picture-safety';
import { counterIn, histogramIn } from './registry';
import type { RequestOutcome } from './request-outcome';

/**
 * From 5 ms (a screening) to 30 min (a cold GPU render under the Job deadline): Prometheus
 * histograms need fixed buckets, and a step's p95 is only as precise as the bucket it falls in.
 */
const STEP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];
/** Queue waits: a free worker slot takes milliseconds, a GPU node scale-up minutes, an image pull 5+ minutes. */
const WAIT_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 120, 300, 600, 1800];

export const METRIC_NAMES = {
  requests: 'cubcanvas_requests_total',
  stepDuration: 'cubcanvas_step_duration_seconds',
  renderQueueWait: 'cubcanvas_render_queue_wait_seconds',
  gpuSeconds: 'cubcanvas_gpu_seconds_total',
  gpuCost: 'cubcanvas_gpu_cost_total',
  cacheLookups: 'cubcanvas_cache_lookups_total',
  pictureVerdicts: 'cubcanvas_picture_safety_verdicts_total',
} as const;

/** What the worker records, already bound to its task queue. */
export interface PipelineMetrics {
  requestFinished(outcome: RequestOutcome, category: string): void;
  stepObserved(step: Step, seconds: number, ok: boolean): void;
  renderQueueWait(backend: string, seconds: number): void;
  /** A cost record: GPU-seconds and amount per GPU type of each charged attempt. */
  costRecorded(cost: CostSummary): void;
  cacheLookup(hit: boolean): void;
  pictureChecked(results: PictureSafetyResult[]): void;
}

export function createPipelineMetrics(registry: Registry, taskQueue: string): PipelineMetrics {
  const requests = counterIn(registry, {
    name: METRIC_NAMES.requests,
    help: 'Image requests that ended, by outcome (completed, rejected, failed, cancelled) and category (the rejection category or the failure type; "none" otherwise).',
    labelNames: ['task_queue', 'outcome', 'category'],
  });
  const steps = histogramIn(registry, {
    name: METRIC_NAMES.stepDuration,
    help: "Duration of one execution of a pipeline step's activity (screen, cache, render, validate, watermark, publish, cost), by result (ok or error).",
    labelNames: ['task_queue', 'step', 'result'],
    buckets: STEP_BUCKETS,
  });
  const queueWait = histogramIn(registry, {
    name: METRIC_NAMES.renderQueueWait,
    help: "Time from a render being asked (its activity scheduled) until the GPU work started: the wait for a worker slot plus, on kubernetes, the render pod's pending time (scheduling, scale-up, image pull).",
    labelNames: ['task_queue', 'backend'],
    buckets: WAIT_BUCKETS,
  });
  const gpuSeconds = counterIn(registry, {
    name: METRIC_NAMES.gpuSeconds,
    help: 'GPU-seconds charged to requests (failed attempts included), by GPU type ("none" for the preview backend).',
    labelNames: ['task_queue', 'gpu_type'],
  });
  const gpuCost = counterIn(registry, {
    name: METRIC_NAMES.gpuCost,
    help: 'Cost of the GPU time charged to requests, in the currency label (CUBCANVAS_CURRENCY), by GPU type.',
    labelNames: ['task_queue', 'gpu_type', 'currency'],
  });
  const cache = counterIn(registry, {
    name: METRIC_NAMES.cacheLookups,
    help: 'Render cache lookups of requests, by result (hit or miss).',
    labelNames: ['task_queue', 'result'],
  });
  const verdicts = counterIn(registry, {
    name: METRIC_NAMES.pictureVerdicts,
    help: 'Picture safety verdicts on rendered pictures, by checker (nsfwjs, moderation) and verdict (safe or unsafe).',
    labelNames: ['task_queue', 'checker', 'verdict'],
  });
  const task_queue = taskQueue;
  return {
    requestFinished: (outcome, category) => requests.inc({ task_queue, outcome, category }),
    stepObserved: (step, seconds, ok) => steps.observe({ task_queue, step, result: ok ? 'ok' : 'error' }, seconds),
    renderQueueWait: (backend, seconds) => queueWait.observe({ task_queue, backend }, Math.max(0, seconds)),
    costRecorded(cost) {
      for (const a of cost.perAttempt) {
        gpuSeconds.inc({ task_queue, gpu_type: a.gpuType }, a.gpuSeconds);
        gpuCost.inc({ task_queue, gpu_type: a.gpuType, currency: cost.currency }, a.amount);
      }
    },
    cacheLookup: (hit) => cache.inc({ task_queue, result: hit ? 'hit' : 'miss' }),
    pictureChecked(results) {
      for (const r of results) verdicts.inc({ task_queue, checker: r.checker, verdict: r.ok ? 'safe' : 'unsafe' });
    },
  };
}
