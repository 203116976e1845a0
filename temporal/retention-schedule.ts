// The Schedule that runs the purge workflow (workflows/purge.ts) every
// CUBCANVAS_RETENTION_INTERVAL_HOURS, deleting requests older than CUBCANVAS_RETENTION_DAYS. Every
// worker makes sure it exists with the configured interval and age at start, as the sweeper's
// does (temporal/sweeper-schedule.ts); creating it twice is harmless. Turning retention off
// deletes it, so that an old setting does not keep purging.
import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import type { Config } from '../config/settings';
import type { PurgeInput } from '../workflows/purge';

export const retentionScheduleId = (taskQueue: string) => `cubcanvas-retention-${taskQueue}`;

export async function ensureRetentionSchedule(client: Client, config: Config): Promise<'created' | 'updated' | 'off'> {
  const id = retentionScheduleId(config.taskQueue);
  const { days, intervalHours } = config.retention;
  if (days === 0) {
    try {
      await client.schedule.getHandle(id).delete();
    } catch (err) {
      if (!(err instanceof ScheduleNotFoundError)) throw err;
    }
    return 'off';
  }
  const spec = { intervals: [{ every: intervalHours * 3_600_000 }] };
  const args: [PurgeInput] = [{ olderThanMs: days * 86_400_000 }];
  const action = { type: 'startWorkflow' as const, workflowType: 'purge', taskQueue: config.taskQueue, args };
  try {
    await client.schedule.create({
      scheduleId: id,
      spec,
      action,
      // A purge still running when the next is due would only find the same requests.
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
      memo: { purpose: `purges requests older than ${days} days (pictures, prompt text, unshared cache entries)` },
    });
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(id).update((prev) => ({ ...prev, spec, action: { ...prev.action, ...action } }));
    return 'updated';
  }
}
