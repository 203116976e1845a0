// The worker process: `npm run worker` (or `cubcanvas worker`). Needs TEMPORAL_ADDRESS.
import { quietKnownWarnings } from '../config/node-warnings';
import { constants } from 'node:os';
import { connectToTemporal } from '../temporal/grpc-interceptors';
import { GracefulShutdownPeriodExpiredError } from '@temporalio/worker';
import { loadConfig } from '../config/settings';
import { securityFor } from '../temporal/connection-options';
import { ensureSearchAttributes } from '../temporal/search-attributes';
import { ensureSweeperSchedule, sweeperScheduleId } from '../temporal/sweeper-schedule';
import { ensureRetentionSchedule, retentionScheduleId } from '../temporal/retention-schedule';
import { createWorker, type RunningActivity, type WorkerHandle } from './create-worker';
import { installSdkLogging } from './logging';

/**
 * Past the grace, cancelled activities still have to notice (a heartbeat away: 1 s) and report
 * their failure. 3 s covers that, and with the default grace of 25 s the worker gives up at 28 s:
 * before the kubelet's SIGKILL at terminationGracePeriodSeconds (30), so it says why it stopped.
 */
const FORCE_MARGIN_SECONDS = 3;

const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
type ShutdownSignal = (typeof SHUTDOWN_SIGNALS)[number];

function listActivities(activities: RunningActivity[]): string {
  if (!activities.length) return 'none';
  const now = Date.now();
  return activities
    .map(
      (a) => `${a.activityType}${a.local ? ' (local)' : ''} of ${a.workflowId ?? '?'} attempt ${a.attempt}, ${Math.round((now - a.startedAt) / 1000)} s so far`,
    )
    .join('; ');
}

export async function runWorker(address: string): Promise<void> {
  quietKnownWarnings();
  installSdkLogging('INFO');
  const config = loadConfig();
  const grace = config.worker.shutdownGraceSeconds;
  let handle: WorkerHandle | undefined;
  let signals = 0;
  // Our handler runs beside the SDK Runtime's own (which also calls Worker.shutdown on the first
  // signal, then removes itself): ours adds the log lines and turns a second signal into an exit.
  const onSignal = (signal: ShutdownSignal) => {
    signals += 1;
    const code = 128 + constants.signals[signal];
    if (!handle) {
      // Nothing polled yet, so nothing to drain.
      console.error(`worker: ${signal} while starting; exiting`);
      process.exit(0);
    }
    if (signals > 1) {
      // Whatever still runs is retried by the server once its heartbeat timeout passes.
      console.error(`worker: second ${signal}: exiting now; abandoned: ${listActivities(handle.running())}`);
      process.exit(code);
    }
    const running = handle.running();
    console.error(
      `worker: ${signal}: stopped polling; ${running.length ? `waiting up to ${grace} s for ${running.length} running activit${running.length === 1 ? 'y' : 'ies'} (${listActivities(running)})` : 'no activities running'}; send ${signal} again to exit at once`,
    );
    // A failed shutdown rejects handle.done, which runWorker awaits and reports.
    handle.shutdown().catch(() => undefined);
    // Just before the SDK cancels at the grace: a cancelled activity can end the worker within
    // milliseconds, before a timer at exactly the grace would have said why.
    setTimeout(
      () => {
        const left = handle?.running() ?? [];
        if (left.length) console.error(`worker: shutdown grace of ${grace} s over; cancelling (WORKER_SHUTDOWN): ${listActivities(left)}`);
      },
      Math.max(0, grace * 1000 - 100),
    ).unref();
  };
  for (const signal of SHUTDOWN_SIGNALS) process.on(signal, onSignal);
  try {
    const admin = await connectToTemporal({ address, ...securityFor(config, address) });
    const added = await ensureSearchAttributes(admin, config.namespace);
    await admin.close();
    if (added.length) console.error(`worker: registered search attributes ${added.join(', ')}`);
    handle = await createWorker({ config, address, extra: { shutdownForceTime: (grace + FORCE_MARGIN_SECONDS) * 1000 } });
    if (config.backend === 'kubernetes') {
      const sweeper = await ensureSweeperSchedule(handle.deps.temporal, config);
      if (sweeper !== 'off')
        console.error(
          `worker: render Job sweeper Schedule ${sweeperScheduleId(config.taskQueue)} ${sweeper} (every ${config.kubernetes.sweepIntervalMinutes} min)`,
        );
    }
    const retention = await ensureRetentionSchedule(handle.deps.temporal, config);
    if (retention !== 'off')
      console.error(
        `worker: retention Schedule ${retentionScheduleId(config.taskQueue)} ${retention} (purges requests older than ${config.retention.days} days every ${config.retention.intervalHours} h)`,
      );
    const health = handle.healthPort ? `; /healthz, /readyz and /metrics on port ${handle.healthPort}` : '';
    console.error(
      `worker: polling task queue ${config.taskQueue} on ${address} (namespace ${config.namespace}, backend ${config.backend}, store ${handle.deps.store.description})${health}`,
    );
    try {
      await handle.done;
    } catch (err) {
      if (err instanceof GracefulShutdownPeriodExpiredError) {
        throw new Error(`activities did not stop within ${grace + FORCE_MARGIN_SECONDS} s of the shutdown signal: ${listActivities(handle.running())}`);
      }
      throw err;
    }
    console.error('worker: stopped');
  } finally {
    for (const signal of SHUTDOWN_SIGNALS) process.off(signal, onSignal);
  }
}

if (require.main === module) {
  // TEMPORAL_ADDRESS, or the address of the TEMPORAL_PROFILE / TEMPORAL_CONFIG_FILE profile.
  let address: string | undefined;
  try {
    address = loadConfig().temporalAddress;
  } catch (err) {
    console.error(`worker: ${(err as Error).message}`);
    process.exit(2);
  }
  if (!address) {
    console.error('worker: TEMPORAL_ADDRESS is not set (host:port of the Temporal frontend); `cubcanvas dev` runs a server and a worker together');
    process.exit(2);
  }
  runWorker(address).then(
    // Explicit: a client's idle keep-alive socket must not hold a stopped worker's pod open.
    () => process.exit(0),
    (err: unknown) => {
      console.error(`worker: ${(err as Error).message}`);
      process.exit(1);
    },
  );
}
