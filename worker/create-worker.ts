// A cubcanvas worker on an open connection: both workflows, all activities.
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import type { Config } from '../config/settings';
import { createActivityDeps } from './dependencies';
import { workflowsEntry } from './workflows-entry';

export interface WorkerHandle {
  worker: Worker;
  deps: ActivityDeps;
  /** Stops polling, lets running activities finish or cancel, closes connections. */
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

export async function createWorker(opts: CreateWorkerOptions): Promise<WorkerHandle> {
  const { config } = opts;
  const connection = await Connection.connect({ address: opts.address });
  const temporal = new Client({ connection, namespace: config.namespace });
  const native = await NativeConnection.connect({ address: opts.address });
  const deps = createActivityDeps(config, temporal, opts.overrides);
  const activities = createActivities(deps);
  const bundlePath = opts.workflowBundlePath ?? process.env.CUBCANVAS_WORKFLOW_BUNDLE;
  const worker = await Worker.create({
    connection: native,
    namespace: config.namespace,
    taskQueue: config.taskQueue,
    ...(bundlePath ? { workflowBundle: { codePath: bundlePath } } : { workflowsPath: workflowsEntry() }),
    activities: opts.wrapActivities ? opts.wrapActivities(activities) : activities,
    maxConcurrentActivityTaskExecutions: config.maxConcurrentActivities,
    // Lets a killed worker's heartbeating activities be noticed quickly and cancellations arrive fast.
    maxHeartbeatThrottleInterval: '2 seconds',
    defaultHeartbeatThrottleInterval: '1 second',
    ...opts.extra,
  });
  const done = worker.run().finally(async () => {
    await native.close();
    await connection.close();
  });
  return {
    worker,
    deps,
    done,
    async shutdown() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done;
    },
  };
}
