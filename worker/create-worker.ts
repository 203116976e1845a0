// A cubcanvas worker on an open connection: both workflows, all activities.
import { Client, type Connection } from '@temporalio/client';
import { connectToTemporal } from '../temporal/grpc-interceptors';
import { NativeConnection, Worker, type ActivityInterceptorsFactory, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import type { Config } from '../config/settings';
import { optional } from '../config/parse';
import { createActivityDeps, type LocalActivityDeps } from './dependencies';
import { startHealthServer, type HealthServer } from './health-server';
import { join } from 'node:path';
import { cachedWorkflowBundle } from './bundle-cache';
import { workflowInterceptorModules, workflowsEntry } from './workflows-entry';
import { securityFor } from '../temporal/connection-options';
import type { Registry } from 'prom-client';
import { metricsActivityInterceptor } from '../metrics/activity-interceptor';
import { createPipelineMetrics } from '../metrics/pipeline-metrics';
import { createMetricsRegistry } from '../metrics/registry';
import { requestMetricsSinks } from '../metrics/request-sink';
import { installTracing, tracingClientInterceptors } from '../telemetry/tracing';
import { workerTracing } from '../telemetry/worker-tracing';

export interface RunningActivity {
  activityType: string;
  workflowId: string | undefined;
  attempt: number;
  local: boolean;
  startedAt: number;
}

export interface WorkerHandle {
  worker: Worker;
  deps: ActivityDeps;
  /** Port of /healthz, /readyz and /metrics; undefined when config.worker.healthPort is 0. */
  healthPort: number | undefined;
  /** The registry served at /metrics: the pipeline metrics and the Node process metrics. */
  metrics: Registry;
  /** Activities executing right now, oldest first (for shutdown logs). */
  running(): RunningActivity[];
  /**
   * Stops polling, lets running activities finish for up to config.worker.shutdownGraceSeconds,
   * then cancels those left (reason WORKER_SHUTDOWN), and closes connections and the health server.
   */
  shutdown(): Promise<void>;
  /** Resolves when the worker has stopped (after shutdown() or a fatal error). */
  done: Promise<void>;
}

export interface CreateWorkerOptions {
  config: Config;
  address: string;
  /** Replace dependencies (tests: a slow or faulty backend, a store to inspect). */
  overrides?: Partial<ActivityDeps>;
  /** Dependencies already loading (loadActivityDeps, with the same overrides): a CLI command starts them beside its server. */
  dependencies?: Promise<LocalActivityDeps>;
  /** Wrap the activities (tests: inject transient failures). */
  wrapActivities?: (activities: ReturnType<typeof createActivities>) => Record<string, (...args: never[]) => Promise<unknown>>;
  /** A prebuilt workflow bundle (see scripts/bundle-workflows.ts) skips bundling at start-up. */
  workflowBundlePath?: string;
  /** A registry to add the pipeline metrics to (a process that serves one /metrics for several parts); default a new one. */
  metrics?: Registry;
  extra?: Partial<WorkerOptions>;
}

/** Keeps the set of executing activities: the SDK only counts them, and a shutdown log wants names. */
function activityTracker(): { factory: ActivityInterceptorsFactory; running(): RunningActivity[] } {
  const running = new Set<RunningActivity>();
  const factory: ActivityInterceptorsFactory = (ctx) => ({
    inbound: {
      async execute(input, next) {
        const { info } = ctx;
        const entry: RunningActivity = {
          activityType: info.activityType,
          workflowId: info.workflowExecution?.workflowId,
          attempt: info.attempt,
          local: info.isLocal,
          startedAt: Date.now(),
        };
        running.add(entry);
        try {
          return await next(input);
        } finally {
          running.delete(entry);
        }
      },
    },
  });
  return { factory, running: () => [...running] };
}

export async function createWorker(opts: CreateWorkerOptions): Promise<WorkerHandle> {
  const { config } = opts;
  let worker: Worker | undefined;
  const metrics = opts.metrics ?? createMetricsRegistry();
  const pipelineMetrics = createPipelineMetrics(metrics, config.taskQueue);
  // Off (undefined) unless CUBCANVAS_OTEL or OTEL_EXPORTER_OTLP_ENDPOINT says otherwise, or this
  // process installed tracing already (a test's in-memory exporter, the API beside this worker).
  const tracing = installTracing(config.tracing, 'cubcanvas-worker');
  const traced = workerTracing(tracing);
  // Served from the start so a slow start-up (connecting, bundling workflows) reads as alive but
  // not ready, rather than as a dead process. Here rather than in runWorker: `cubcanvas dev` and
  // the tests' workers get the same endpoint from the same setting.
  const health: HealthServer | undefined =
    config.worker.healthPort > 0
      ? await startHealthServer({ port: config.worker.healthPort, taskQueue: config.taskQueue, metrics, state: () => worker?.getState() ?? 'STARTING' }).catch(
          (err: Error) => {
            throw new Error(`health endpoint (CUBCANVAS_WORKER_HEALTH_PORT=${config.worker.healthPort}): ${err.message}`);
          },
        )
      : undefined;
  const tracker = activityTracker();
  let connection: Connection | undefined;
  let native: NativeConnection | undefined;
  const closeAll = async () => {
    await native?.close();
    await connection?.close();
    await health?.close();
    // Spans still batched would be lost if the process exits next.
    await tracing?.flush();
  };
  try {
    connection = await connectToTemporal({ address: opts.address, ...securityFor(config, opts.address) });
    // Traced, so that a render workflow started by an activity (signalWithStart) joins that activity's trace.
    const temporal = new Client({ connection, namespace: config.namespace, interceptors: { workflow: tracingClientInterceptors() } });
    native = await NativeConnection.connect({ address: opts.address, ...securityFor(config, opts.address) });
    const deps = await createActivityDeps(config, temporal, opts.overrides, opts.dependencies);
    const activities = createActivities(deps);
    const { interceptors, sinks, ...extra } = opts.extra ?? {};
    const bundlePath = opts.workflowBundlePath ?? optional(process.env, 'CUBCANVAS_WORKFLOW_BUNDLE');
    // Without a prebuilt bundle, the one built for this code before (in the data folder) is reused;
    // extra workflow interceptor modules need a bundle of their own.
    const bundle = bundlePath
      ? { codePath: bundlePath }
      : interceptors?.workflowModules?.length
        ? undefined
        : await cachedWorkflowBundle(join(config.dataDir, 'workflow-bundles'));
    worker = await Worker.create({
      connection: native,
      namespace: config.namespace,
      taskQueue: config.taskQueue,
      // A prebuilt bundle already carries the workflow interceptor modules (scripts/bundle-workflows.ts).
      ...(bundle ? { workflowBundle: bundle } : { workflowsPath: workflowsEntry() }),
      activities: opts.wrapActivities ? opts.wrapActivities(activities) : activities,
      maxConcurrentActivityTaskExecutions: config.maxConcurrentActivities,
      // Lets a killed worker's heartbeating activities be noticed quickly and cancellations arrive fast.
      maxHeartbeatThrottleInterval: '2 seconds',
      defaultHeartbeatThrottleInterval: '1 second',
      // After shutdown() the SDK stops polling at once and gives running activities this long;
      // then it cancels them with reason WORKER_SHUTDOWN (the kubernetes backend leaves its Job
      // running on that reason, for the next worker to adopt) and reports them failed, so the
      // server retries them at once instead of waiting for a heartbeat timeout.
      shutdownGraceTime: config.worker.shutdownGraceSeconds * 1000,
      interceptors: {
        ...interceptors,
        ...(bundle ? {} : { workflowModules: [...workflowInterceptorModules(), ...(interceptors?.workflowModules ?? [])] }),
        // The trace span outermost, so that the metrics' timing and the activity run inside it.
        activity: [tracker.factory, ...traced.activity, metricsActivityInterceptor(pipelineMetrics), ...(interceptors?.activity ?? [])],
      },
      sinks: { ...requestMetricsSinks(pipelineMetrics), ...traced.sinks, ...sinks },
      ...extra,
    });
    const running = worker;
    const done = running.run().finally(closeAll);
    return {
      worker: running,
      deps,
      healthPort: health?.port,
      metrics,
      running: tracker.running,
      done,
      async shutdown() {
        if (running.getState() === 'RUNNING') running.shutdown();
        await done;
      },
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
