// The Schedule that runs the render Job sweeper every CUBCANVAS_K8S_SWEEP_MINUTES. Every worker
// with the kubernetes backend makes sure it exists (and has the configured interval) at start;
// creating it twice is harmless, so replicas need no coordination.
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import type { Config } from '../config/settings';

export const sweeperScheduleId = (taskQueue: string) => `cubcanvas-k8s-sweeper-${taskQueue}`;

export async function ensureSweeperSchedule(client: Client, config: Config): Promise<'created' | 'updated' | 'off'> {
  const id = sweeperScheduleId(config.taskQueue);
  const minutes = config.kubernetes.sweepIntervalMinutes;
  if (minutes === 0) return 'off';
  const spec = { intervals: [{ every: minutes * 60_000 }] };
  try {
    await client.schedule.create({
      scheduleId: id,
      spec,
      action: { type: 'startWorkflow', workflowType: 'sweepRenderJobs', taskQueue: config.taskQueue, args: [{}] },
      // A sweep still running when the next is due makes the next one pointless.
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
      memo: { purpose: 'deletes Kubernetes render Jobs whose render workflow has closed' },
    });
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(id).update((prev) => ({ ...prev, spec }));
    return 'updated';
  }
}
