// Records the pipeline metrics from around the activities, so that the activities stay free of
// metrics code: how long each step's activity took, and what its result says (a cache hit, the
// GPU time charged, the picture safety verdicts, when the render's GPU work started).
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import type { Activities } from '../activities';
import type { Step } from '../domain/pipeline';
import type { PipelineMetrics } from './pipeline-metrics';

type ActivityName = keyof Activities;
type ResultOf<K extends ActivityName> = Awaited<ReturnType<Activities[K]>>;

/**
 * The activity that does each pipeline step. Keyed by the activity names the Activities type
 * declares, so that renaming an activity breaks this map at compile time rather than a dashboard.
 * Joining a shared render (attachToRender) and promoting to the cache (storeCacheEntry) are left
 * out: the render step is the GPU work itself.
 */
export const STEP_OF_ACTIVITY: Partial<Record<ActivityName, Step>> = {
  screenPrompt: 'screen',
  checkCache: 'cache',
  renderAttempt: 'render',
  validateImage: 'validate',
  watermarkImage: 'watermark',
  publishImage: 'publish',
  recordCost: 'cost',
};

function isActivity<K extends ActivityName>(type: string, name: K, _result: unknown): _result is ResultOf<K> {
  return type === name;
}

/** What a successful activity's result adds to the metrics beyond its duration. */
function recordResult(metrics: PipelineMetrics, type: string, result: unknown, scheduledMs: number, startedMs: number): void {
  if (isActivity(type, 'checkCache', result)) metrics.cacheLookup(result !== null);
  else if (isActivity(type, 'recordCost', result)) metrics.costRecorded(result);
  else if (isActivity(type, 'validateImage', result)) metrics.pictureChecked(result.safety ?? []);
  else if (isActivity(type, 'renderAttempt', result)) {
    // Waiting for a worker slot (the activity's schedule-to-start), then for the GPU itself: the
    // kubernetes backend reports how long the render pod was pending (scheduling, node scale-up,
    // image pull); the preview and comfyui backends start at once.
    const pending = result.timings?.pendingSeconds ?? 0;
    metrics.renderQueueWait(result.backend, (startedMs - scheduledMs) / 1000 + pending);
  }
}

export function metricsActivityInterceptor(metrics: PipelineMetrics): ActivityInterceptorsFactory {
  return (ctx) => ({
    inbound: {
      async execute(input, next) {
        const { activityType, currentAttemptScheduledTimestampMs } = ctx.info;
        const step = STEP_OF_ACTIVITY[activityType as ActivityName];
        const startedMs = Date.now();
        // A monotonic clock for the duration: the wall clock may be stepped while a render runs.
        const started = performance.now();
        let ok = false;
        try {
          const result = await next(input);
          ok = true;
          recordResult(metrics, activityType, result, currentAttemptScheduledTimestampMs, startedMs);
          return result;
        } finally {
          if (step) metrics.stepObserved(step, (performance.now() - started) / 1000, ok);
        }
      },
    },
  });
}
