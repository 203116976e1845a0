// Started by the sweeper Schedule (temporal/sweeper-schedule.ts): one activity that deletes render
// Jobs whose render has closed. A workflow so that every sweep is visible in the Web UI.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { SweepReport } from '../render/kubernetes/sweeper';
import { QUICK_RETRY } from './retry-policies';

const { sweepRenderJobs: sweep } = proxyActivities<Activities>({
  summary: 'delete render Jobs of closed renders',
  startToCloseTimeout: '5 minutes',
  retry: QUICK_RETRY,
});

export async function sweepRenderJobs(input: { dryRun?: boolean } = {}): Promise<SweepReport> {
  return sweep(input);
}
