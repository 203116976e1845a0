// Workflows that do nothing but what the pipeline's shape costs, to measure the platform's floor
// on this machine: an empty workflow, seven no-op local activities, one no-op activity.
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';

interface NoopActivities {
  noop(): Promise<void>;
}

const local = proxyLocalActivities<NoopActivities>({ startToCloseTimeout: '10 seconds' });
const remote = proxyActivities<NoopActivities>({ startToCloseTimeout: '10 seconds' });

export async function emptyWorkflow(): Promise<void> {}

export async function sevenLocalActivities(): Promise<void> {
  for (let i = 0; i < 7; i++) await local.noop();
}

export async function oneActivity(): Promise<void> {
  await remote.noop();
}
