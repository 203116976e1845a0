// Retention and deletion (README "Retention and deletion"): purges one request, or every request
// older than a duration, so that the retention Schedule (temporal/retention-schedule.ts) and
// `cubcanvas purge` share one durable path. The work is one heartbeating activity (plan, delete,
// then mark the ledger: a record marked purged means everything of it is gone); a purge cut short
// by a crash is finished by its retry or by running it again (every step is idempotent).
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { PurgeReport, PurgeSelector } from '../domain/retention';
import { STORAGE_RETRY } from './retry-policies';

const { runPurge } = proxyActivities<Activities>({
  summary: 'purge',
  // A first retention run may have a year of pictures to delete; the heartbeat shows it is alive.
  startToCloseTimeout: '6 hours',
  heartbeatTimeout: '2 minutes',
  retry: STORAGE_RETRY,
});

export type PurgeInput = PurgeSelector & { dryRun?: boolean };
export type { PurgeReport } from '../domain/retention';

export const purgeWorkflowId = (input: PurgeSelector) => ('requestId' in input ? `purge-request-${input.requestId}` : `purge-older-than-${input.olderThanMs}`);

export async function purge(input: PurgeInput): Promise<PurgeReport> {
  const { dryRun = false, ...selector } = input;
  return runPurge({ ...selector, dryRun });
}
