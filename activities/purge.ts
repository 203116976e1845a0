// The purge's activities (README "Retention and deletion"): read the ledger and the batch reports,
// delete what the plan names, then scrub and mark the ledger records. Thin: the rules are in
// domain/retention.ts. Each step can run twice (deleting a missing object is no error, a marked
// record is left as it is), so a purge re-run after a crash finishes the job.
import { BlobNotFoundError } from '../domain/errors';
import { planPurge, scrubLedgerRecord, type BatchReportView, type LedgerRecordView, type PurgePlan, type PurgeSelector } from '../domain/retention';
import { PREFIX } from '../domain/storage-layout';
import type { ActivityDeps } from './deps';

export function purgeActivities(deps: ActivityDeps) {
  const now = deps.now ?? (() => new Date());

  async function ledgerRecords(): Promise<LedgerRecordView[]> {
    const records: LedgerRecordView[] = [];
    for (const blob of await deps.store.list(PREFIX.ledger)) {
      if (!blob.key.endsWith('.json')) continue;
      const r = JSON.parse((await deps.store.get(blob.key)).toString('utf8')) as Partial<LedgerRecordView>;
      if (typeof r.requestId !== 'string') continue;
      records.push({
        key: blob.key,
        requestId: r.requestId,
        cacheKey: r.cacheKey ?? '',
        // Records are written once; the object's time stands in for one that lacks recordedAt.
        recordedAt: r.recordedAt ?? blob.modified.toISOString(),
        ...(r.purgedAt ? { purgedAt: r.purgedAt } : {}),
      });
    }
    return records;
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
    /** What a purge would delete now; the clock is the worker's (deps.now), the cutoff now - olderThan. */
    async planPurge(selector: PurgeSelector): Promise<PurgePlan> {
      const batches = 'olderThanMs' in selector ? await batchReports() : [];
      return planPurge(await ledgerRecords(), selector, now(), batches);
    },

    /** Deletes the keys and everything under the prefixes; returns how many objects were there. */
    async deletePurgedObjects(input: { keys: string[]; prefixes: string[] }): Promise<{ deleted: number }> {
      let deleted = 0;
      for (const key of input.keys) {
        if (!(await deps.store.head(key))) continue;
        await deps.store.delete(key);
        deleted++;
      }
      for (const prefix of input.prefixes) {
        for (const blob of await deps.store.list(prefix)) {
          await deps.store.delete(blob.key);
          deleted++;
        }
      }
      return { deleted };
    },

    /** Removes the prompt text from each ledger record and adds purgedAt; cost figures stay as they are. */
    async markLedgerPurged(input: { keys: string[] }): Promise<{ marked: number }> {
      const purgedAt = now().toISOString();
      let marked = 0;
      for (const key of input.keys) {
        let record: Record<string, unknown>;
        try {
          record = JSON.parse((await deps.store.get(key)).toString('utf8')) as Record<string, unknown>;
        } catch (err) {
          if (err instanceof BlobNotFoundError) continue;
          throw err;
        }
        if (typeof record.purgedAt === 'string') continue;
        await deps.store.put(key, Buffer.from(JSON.stringify(scrubLedgerRecord(record, purgedAt), null, 2)), { contentType: 'application/json' });
        marked++;
      }
      return { marked };
    },
  };
}
