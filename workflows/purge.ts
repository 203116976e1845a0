// Retention and deletion (README "Retention and deletion"): purges one request, or every request
// older than a duration, so that the retention Schedule (temporal/retention-schedule.ts) and
// `cubcanvas purge` share one durable path. Plan, delete, then mark the ledger: a record marked
// purged means everything of it is gone, and a purge cut short by a crash is finished by running
// it again (every step is idempotent).
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { PurgePlan, PurgeSelector } from '../domain/retention';
import { STORAGE_RETRY } from './retry-policies';

const { planPurge, deletePurgedObjects, markLedgerPurged } = proxyActivities<Activities>({
  summary: 'purge',
  startToCloseTimeout: '10 minutes',
  retry: STORAGE_RETRY,
});

/** Keys per activity call: keeps each call's payload (and the history) small on a large purge. */
const CHUNK = 200;

export type PurgeInput = PurgeSelector & { dryRun?: boolean };

export interface PurgeReport extends PurgePlan {
  dryRun: boolean;
  /** Objects that were there and are deleted now (0 on a dry run or a repeated purge). */
  deletedObjects: number;
  /** Ledger records scrubbed and marked now. */
  markedRecords: number;
}

export const purgeWorkflowId = (input: PurgeSelector) => ('requestId' in input ? `purge-request-${input.requestId}` : `purge-older-than-${input.olderThanMs}`);

export async function purge(input: PurgeInput): Promise<PurgeReport> {
  const { dryRun = false, ...selector } = input;
  const plan = await planPurge(selector);
  const report: PurgeReport = { ...plan, dryRun, deletedObjects: 0, markedRecords: 0 };
  if (dryRun || plan.unknownRequestIds.length > 0) return report;
  for (let i = 0; i < plan.deleteKeys.length; i += CHUNK) {
    report.deletedObjects += (await deletePurgedObjects({ keys: plan.deleteKeys.slice(i, i + CHUNK), prefixes: [] })).deleted;
  }
  for (let i = 0; i < plan.deletePrefixes.length; i += CHUNK) {
    report.deletedObjects += (await deletePurgedObjects({ keys: [], prefixes: plan.deletePrefixes.slice(i, i + CHUNK) })).deleted;
  }
  for (let i = 0; i < plan.ledgerKeys.length; i += CHUNK) {
    report.markedRecords += (await markLedgerPurged({ keys: plan.ledgerKeys.slice(i, i + CHUNK) })).marked;
  }
  return report;
}
