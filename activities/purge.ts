// The purge's activity (README "Retention and deletion"): read the ledger and the batch reports,
// delete what the plan names, then scrub and mark the ledger records. Thin: the rules are in
// domain/retention.ts. One activity does all three, heartbeating, so that a purge of many requests
// (the first retention run over a year of pictures) never moves its key lists through workflow
// history, where a payload over Temporal's 2 MB limit would fail it. Every step can run twice
// (deleting a missing object is no error, a marked record is left as it is), so a retry after a
// crash finishes the job.
import { Context } from '@temporalio/activity';
import { BlobNotFoundError } from '../domain/errors';
import { planPurge, reportOf, scrubLedgerRecord, type BatchReportView, type LedgerRecordView, type PurgeReport, type PurgeSelector } from '../domain/retention';
import { PREFIX } from '../domain/storage-layout';
import { ledgerRecordViewSchema, parseJsonPayload, storedObjectSchema } from '../domain/payload-schemas';
import type { ActivityDeps } from './deps';

/** Store calls in flight at once: an object store answers many small reads in parallel. */
const CONCURRENCY = 16;

/** Runs `work` over `items`, at most CONCURRENCY at a time, calling `progress` every 500 items. */
async function eachLimited<T>(items: readonly T[], work: (item: T) => Promise<void>, progress: (done: number) => void): Promise<void> {
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
      if (++done % 500 === 0) progress(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, lane));
}

export function purgeActivities(deps: ActivityDeps) {
  const now = deps.now ?? (() => new Date());
  const heartbeat = (details: Record<string, unknown>) => {
    try {
      Context.current().heartbeat(details);
    } catch {
      // Called outside an activity (a unit test of the planner's inputs): nothing to report to.
    }
  };

  async function ledgerRecords(): Promise<LedgerRecordView[]> {
    const blobs = (await deps.store.list(PREFIX.ledger)).filter((b) => b.key.endsWith('.json'));
    const records: LedgerRecordView[] = [];
    await eachLimited(
      blobs,
      async (blob) => {
        // Every ledger object is a record the cost step wrote: one that is not stops the purge, naming it.
        const r = parseJsonPayload(ledgerRecordViewSchema, await deps.store.get(blob.key), `ledger record ${blob.key}`);
        records.push({
          key: blob.key,
          requestId: r.requestId,
          cacheKey: r.cacheKey ?? '',
          // Records are written once; the object's time stands in for one that lacks recordedAt.
          recordedAt: r.recordedAt ?? blob.modified.toISOString(),
          ...(r.purgedAt ? { purgedAt: r.purgedAt } : {}),
        });
      },
      (read) => heartbeat({ phase: 'reading the ledger', read, of: blobs.length }),
    );
    return records.sort((a, b) => a.key.localeCompare(b.key));
  }

  async function batchReports(): Promise<BatchReportView[]> {
    const newest = new Map<string, number>();
    for (const blob of await deps.store.list(PREFIX.reports)) {
      const batchId = blob.key.slice(PREFIX.reports.length).split('/')[0]!;
      newest.set(batchId, Math.max(newest.get(batchId) ?? 0, blob.modified.getTime()));
    }
    return [...newest].map(([batchId, t]) => ({ batchId, newest: new Date(t).toISOString() }));
  }

  return {
    /**
     * Plans the purge (the clock is the worker's, deps.now; the cutoff now - olderThan) and, unless
     * it is a dry run or names an unknown request, deletes what the plan names and marks the ledger.
     */
    async runPurge(input: PurgeSelector & { dryRun: boolean }): Promise<PurgeReport> {
      const { dryRun, ...selector } = input;
      const batches = 'olderThanMs' in selector ? await batchReports() : [];
      const plan = planPurge(await ledgerRecords(), selector, now(), batches);
      if (dryRun || plan.unknownRequestIds.length > 0) return reportOf(plan, { dryRun, deletedObjects: 0, markedRecords: 0 });

      let deletedObjects = 0;
      await eachLimited(
        plan.deleteKeys,
        async (key) => {
          if (!(await deps.store.head(key))) return;
          await deps.store.delete(key);
          deletedObjects++;
        },
        (done) => heartbeat({ phase: 'deleting objects', done, of: plan.deleteKeys.length }),
      );
      for (const prefix of plan.deletePrefixes) {
        const blobs = await deps.store.list(prefix);
        await eachLimited(
          blobs,
          async (blob) => {
            await deps.store.delete(blob.key);
            deletedObjects++;
          },
          () => heartbeat({ phase: 'deleting folders', prefix }),
        );
      }

      // Last: a marked record means everything of it is gone.
      const purgedAt = now().toISOString();
      let markedRecords = 0;
      await eachLimited(
        plan.ledgerKeys,
        async (key) => {
          let record: Record<string, unknown>;
          try {
            record = parseJsonPayload(storedObjectSchema, await deps.store.get(key), `ledger record ${key}`);
          } catch (err) {
            if (err instanceof BlobNotFoundError) return;
            throw err;
          }
          if (typeof record.purgedAt === 'string') return;
          await deps.store.put(key, Buffer.from(JSON.stringify(scrubLedgerRecord(record, purgedAt), null, 2)), { contentType: 'application/json' });
          markedRecords++;
        },
        (done) => heartbeat({ phase: 'marking the ledger', done, of: plan.ledgerKeys.length }),
      );
      return reportOf(plan, { dryRun, deletedObjects, markedRecords });
    },
  };
}
