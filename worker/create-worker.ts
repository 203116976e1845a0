// A cubcanvas worker on an open connection: both workflows, all activities.
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, type ActivityInterceptorsFactory, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import type { Config } from '../config/settings';
import { createActivityDeps } from './dependencies';
import { startHealthServer, type HealthServer } from './health-server';
import { workflowsEntry } from './workflows-entry';
import { securityFor } from '../temporal/connection-options';

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
  /** Port of /healthz and /readyz; undefined when config.worker.healthPort is 0. */
  healthPort: number | undefined;
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
  /** Wrap the activities (tests: inject transient failures). */
  wrapActivities?: (activities: ReturnType<typeof createActivities>) => Record<string, (...args: never[]) => Promise<unknown>>;
  /** A prebuilt workflow bundle (see scripts/bundle-workflows.ts) skips bundling at start-up. */
  workflowBundlePath?: string;
  extra?: Partial<WorkerOptions>;
}

/** Keeps the set of executing activities: the SDK only counts them, and a shutdown log wants names. */
function activityTracker(): { factory: ActivityInterceptorsFactory; running(): RunningActivity[] } {
  const running = new Set<RunningActivity>();
  const factory: ActivityInterceptorsFactory = (ctx) => ({
    inbound: {
      async execute(input, next) {
        const { info } = ctx;
        const entry: RunningActivity = { activityType: info.activityType, workflowId: info.workflowExecution?.workflowId, attempt: info.attempt, local: info.isLocal, startedAt: Date.now() };
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
  // Served from the start so a slow start-up (connecting, bundling workflows) reads as alive but
  // not ready, rather than as a dead process. Here rather than in runWorker: `cubcanvas dev` and
  // the tests' workers get the same endpoint from the same setting.
  const health: HealthServer | undefined =
    config.worker.healthPort > 0
      ? await startHealthServer({ port: config.worker.healthPort, taskQueue: config.taskQueue, state: () => worker?.getState() ?? 'STARTING' }).catch((err: Error) => {
          throw new Error(`health endpoint (CUBCANVAS_WORKER_HEALTH_PORT=${config.worker.healthPort}): ${err.message}`);
        })
      : undefined;
  const tracker = activityTracker();
  let connection: Connection | undefined;
  let native: NativeConnection | undefined;
  const closeAll = async () => {
    await native?.close();
    await connection?.close();
    await health?.close();
  };
  try {
    connection = await Connection.connect({ address: opts.address, ...securityFor(config, opts.address) });
    const temporal = new Client({ connection, namespace: config.namespace });
    native = await NativeConnection.connect({ address: opts.address, ...securityFor(config, opts.address) });
    const deps = await createActivityDeps(config, temporal, opts.overrides);
    const activities = createActivities(deps);
    const bundlePath = opts.workflowBundlePath ?? process.env.CUBCANVAS_WORKFLOW_BUNDLE;
    const { interceptors, ...extra } = opts.extra ?? {};
    worker = await Worker.create({
      connection: native,
      namespace: config.namespace,
      taskQueue: config.taskQueue,
      ...(bundlePath ? { workflowBundle: { codePath: bundlePath } } : { workflowsPath: workflowsEntry() }),
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
      interceptors: { ...interceptors, activity: [tracker.factory, ...(interceptors?.activity ?? [])] },
      ...extra,
    });
    const running = worker;
    const done = running.run().finally(closeAll);
    return {
      worker: running,
      deps,
      healthPort: health?.port,
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
