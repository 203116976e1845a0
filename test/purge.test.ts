// Retention and deletion on the real Temporal dev server and the real S3 store (SeaweedFS): the
// `cubcanvas purge` command as an operator runs it against a worker whose clock the test moves,
// the retention Schedule a worker keeps, and the embedded server's history retention.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { inject } from 'vitest';
import { Client, Connection, ScheduleNotFoundError } from '@temporalio/client';
import { ledgerEntryKey, utcDay } from '../domain/storage-layout';
import { ensureRetentionSchedule, retentionScheduleId } from '../temporal/retention-schedule';
import { startEmbeddedServer } from '../temporal/embedded-server';
import { projectRoot } from '../toolchain/pypi-binary';
import type { PurgeReport } from '../workflows/purge';
import { planPurge, reportOf, REPORT_LIST_LIMIT, scrubLedgerRecord, type LedgerRecordView } from '../domain/retention';
import { ScriptedBackend } from './support/scripted-backend';
import { startPipeline, testConfig, uniquePrompt, type TestPipeline } from './support/pipeline';
import { s3Env, testS3Store } from './support/s3';

const DAY_MS = 86_400_000;

describe('cubcanvas purge', () => {
  let p: TestPipeline;
  const prefix = `t-purge-${randomUUID().slice(0, 8)}/`;
  const store = testS3Store({ prefix });
  // The worker's clock: requests recorded while it is moved back are that old to the purge.
  let offsetMs = 0;
  const clock = () => new Date(Date.now() - offsetMs);

  beforeAll(async () => {
    const config = testConfig(s3Env(prefix));
    // A pretend GPU, so that every render has a cost the purge must leave in the ledger.
    const backend = new ScriptedBackend(store, () => 'good', { steps: 2, stepMs: 0 }, { type: 'A10G', secondsPerRender: 30 });
    p = await startPipeline({ config, overrides: { store, backend, now: clock } });
  });
  afterAll(async () => {
    await p?.stop();
  });

  /**
   * The CLI against the shared server and this file's worker and store. Asynchronous: the worker
   * runs in this process, and a blocking spawn would stop it from running the purge.
   */
  const cli = (args: string[]) =>
    new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        join(projectRoot, 'bin', 'cubcanvas'),
        args,
        {
          encoding: 'utf8',
          env: { ...process.env, ...s3Env(prefix), TEMPORAL_ADDRESS: inject('temporalAddress'), CUBCANVAS_TASK_QUEUE: p.config.taskQueue },
          timeout: 120_000,
        },
        (error, stdout, stderr) => resolve({ status: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
  const purge = async (args: string[]): Promise<PurgeReport> => {
    const run = await cli(['purge', ...args, '--json']);
    expect(run.status, run.stderr + run.stdout).toBe(0);
    return JSON.parse(run.stdout) as PurgeReport;
  };
  const ledger = async (requestId: string) =>
    JSON.parse((await store.get(ledgerEntryKey(utcDay(new Date()), requestId))).toString()) as Record<string, unknown>;
  const costTotals = async () => {
    const run = await cli(['cost', '--json']);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { total: unknown; byCaller: unknown };
    return { total: report.total, byCaller: report.byCaller };
  };

  it('keeps a cache entry another request still uses, then deletes it with the last user; cost figures unchanged', async () => {
    const prompt = uniquePrompt('otter');
    const first = `purge-a-${randomUUID()}`;
    const second = `purge-b-${randomUUID()}`;
    const a = await p.client.generate({ prompt, size: 'small', requestId: first });
    const b = await p.client.generate({ prompt, size: 'small', requestId: second });
    if (a.status !== 'completed' || b.status !== 'completed') throw new Error('expected both completed');
    expect(b.cacheHit).toBe(true);
    expect(b.cacheKey).toBe(a.cacheKey);
    expect(a.cost.amount).toBeGreaterThan(0);
    const costBefore = await costTotals();
    const ledgerBefore = await ledger(first);

    const dry = await purge(['--request', first, '--dry-run']);
    expect(dry).toMatchObject({ dryRun: true, requestIds: [first], cacheKeys: [], deletedObjects: 0 });
    expect(dry.deleteKeys).toContain(`images/${first}.png`);
    expect(await store.head(`images/${first}.png`)).toBeDefined();

    const one = await purge(['--request', first]);
    expect(one).toMatchObject({ dryRun: false, requestIds: [first], cacheKeys: [], markedRecords: 1 });
    expect(await store.head(`images/${first}.png`)).toBeUndefined();
    expect(await store.head(`images/${second}.png`)).toBeDefined();
    expect(await store.head(`cache/${a.cacheKey}.json`)).toBeDefined();
    expect(await store.head(`cache/${a.cacheKey}.png`)).toBeDefined();
    const ledgerAfter = await ledger(first);
    expect(typeof ledgerAfter.purgedAt).toBe('string');
    const { purgedAt: _purgedAt, ...kept } = ledgerAfter;
    expect(kept).toEqual(ledgerBefore);
    expect(await costTotals()).toEqual(costBefore);

    const other = await purge(['--request', second]);
    expect(other).toMatchObject({ requestIds: [second], cacheKeys: [a.cacheKey] });
    expect(await store.head(`images/${second}.png`)).toBeUndefined();
    expect(await store.head(`cache/${a.cacheKey}.json`)).toBeUndefined();
    expect(await store.head(`cache/${a.cacheKey}.png`)).toBeUndefined();
    expect(await costTotals()).toEqual(costBefore);

    // Again: nothing left to do, and the ledger record is not rewritten.
    const purgedAt = (await ledger(second)).purgedAt;
    const again = await purge(['--request', second]);
    expect(again).toMatchObject({ requestIds: [], deletedObjects: 0, markedRecords: 0 });
    expect((await ledger(second)).purgedAt).toBe(purgedAt);
  });

  it('--older-than purges the requests recorded before the cutoff and keeps the newer ones', async () => {
    const old = `purge-old-${randomUUID()}`;
    const recent = `purge-new-${randomUUID()}`;
    offsetMs = 40 * DAY_MS;
    try {
      expect((await p.client.generate({ prompt: uniquePrompt('lamb'), size: 'small', requestId: old })).status).toBe('completed');
    } finally {
      offsetMs = 0;
    }
    expect((await p.client.generate({ prompt: uniquePrompt('foal'), size: 'small', requestId: recent })).status).toBe('completed');

    const dry = await purge(['--older-than', '30d', '--dry-run']);
    expect(dry.requestIds).toContain(old);
    expect(dry.requestIds).not.toContain(recent);
    expect(await store.head(`images/${old}.png`)).toBeDefined();

    const done = await purge(['--older-than', '30d']);
    expect(done.requestIds).toContain(old);
    expect(await store.head(`images/${old}.png`)).toBeUndefined();
    expect(await store.head(`images/${recent}.png`)).toBeDefined();
    expect(typeof (await ledger(old)).purgedAt).toBe('string');
    expect((await ledger(recent)).purgedAt).toBeUndefined();
  });

  it('refuses a bad duration and an unknown request with exit 2 and a message, purging nothing', async () => {
    const bad = await cli(['purge', '--older-than', 'thirty days']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--older-than must be a whole number with a unit m, h, d or w (e.g. 30d, 12h), got "thirty days"');
    const unknown = await cli(['purge', '--request', `nobody-${randomUUID()}`, '--json']);
    expect(unknown.status).toBe(2);
    expect(JSON.parse(unknown.stdout)).toMatchObject({ error: { type: 'UnknownRequest', message: expect.stringContaining('the ledger has no record of it') } });
    const both = await cli(['purge']);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('purge needs exactly one of --request <id> and --older-than <duration>');
  });
});

describe('retention Schedule and history retention', () => {
  it('keeps a Schedule at the configured interval and age while retention is on, and removes it when off', async () => {
    const connection = await Connection.connect({ address: inject('temporalAddress') });
    const client = new Client({ connection });
    try {
      const config = testConfig({ CUBCANVAS_RETENTION_DAYS: '7', CUBCANVAS_RETENTION_INTERVAL_HOURS: '12' });
      expect(await ensureRetentionSchedule(client, config)).toBe('created');
      const handle = client.schedule.getHandle(retentionScheduleId(config.taskQueue));
      let described = await handle.describe();
      expect(described.spec.intervals).toMatchObject([{ every: 12 * 3_600_000 }]);
      expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'purge', args: [{ olderThanMs: 7 * DAY_MS }] });

      const changed = { ...config, retention: { days: 30, intervalHours: 6 } };
      expect(await ensureRetentionSchedule(client, changed)).toBe('updated');
      described = await handle.describe();
      expect(described.spec.intervals).toMatchObject([{ every: 6 * 3_600_000 }]);
      expect(described.action).toMatchObject({ args: [{ olderThanMs: 30 * DAY_MS }] });

      expect(await ensureRetentionSchedule(client, { ...config, retention: { days: 0, intervalHours: 24 } })).toBe('off');
      await expect(handle.describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
    } finally {
      await connection.close();
    }
  });

  it('sets the embedded server namespace retention for closed histories (which hold prompts) to the retention days', async () => {
    const server = await startEmbeddedServer({ historyRetentionDays: 3 });
    try {
      const connection = await Connection.connect({ address: server.address });
      const ns = await connection.workflowService.describeNamespace({ namespace: server.namespace });
      expect(Number(ns.config?.workflowExecutionRetentionTtl?.seconds)).toBe(3 * 86_400);
      await connection.close();
    } finally {
      await server.stop();
    }
  });
});

describe('the purge planner (domain/retention.ts)', () => {
  it('cuts the report that goes through workflow history, keeping the totals', () => {
    const records: LedgerRecordView[] = Array.from({ length: REPORT_LIST_LIMIT + 500 }, (_, i) => ({
      key: `ledger/2026-01-01/r${i}.json`,
      requestId: `r${i}`,
      cacheKey: `k${i}`,
      recordedAt: '2026-01-01T00:00:00.000Z',
    }));
    const plan = planPurge(records, { olderThanMs: 86_400_000 }, new Date('2026-03-01T00:00:00Z'));
    const report = reportOf(plan, { dryRun: true, deletedObjects: 0, markedRecords: 0 });
    expect(report.truncated).toBe(true);
    expect(report.requestIds).toHaveLength(REPORT_LIST_LIMIT);
    expect(report.totals).toMatchObject({ requests: REPORT_LIST_LIMIT + 500, cacheKeys: REPORT_LIST_LIMIT + 500, ledgerRecords: REPORT_LIST_LIMIT + 500 });
    expect(report.totals.objects).toBe(4 * (REPORT_LIST_LIMIT + 500));
    expect(JSON.stringify(report).length).toBeLessThan(512 * 1024);
    const small = reportOf(planPurge(records.slice(0, 3), { requestId: 'r1' }, new Date()), { dryRun: false, deletedObjects: 4, markedRecords: 1 });
    expect(small).toMatchObject({ truncated: false, requestIds: ['r1'], totals: { requests: 1 } });
  });

  const now = new Date('2026-06-30T12:00:00Z');
  const rec = (requestId: string, cacheKey: string, recordedAt: string, extra: Partial<LedgerRecordView> = {}): LedgerRecordView => ({
    key: `ledger/${recordedAt.slice(0, 10)}/${requestId}.json`,
    requestId,
    cacheKey,
    recordedAt,
    ...extra,
  });

  it('ages a request by its newest run and purges batch reports only by age', () => {
    const records = [
      rec('old', 'k1', '2026-01-01T00:00:00Z'),
      // Started again last week: the id is as young as its newest run.
      rec('rerun', 'k2', '2026-01-01T00:00:00Z'),
      { ...rec('rerun', 'k2', '2026-06-25T00:00:00Z'), key: 'ledger/2026-06-25/rerun.run-2.json' },
    ];
    const batches = [
      { batchId: 'spring', newest: '2026-03-01T00:00:00Z' },
      { batchId: 'june', newest: '2026-06-29T00:00:00Z' },
    ];
    const plan = planPurge(records, { olderThanMs: 30 * DAY_MS }, now, batches);
    expect(plan.requestIds).toEqual(['old']);
    expect(plan.cacheKeys).toEqual(['k1']);
    expect(plan.batchIds).toEqual(['spring']);
    expect(plan.deletePrefixes).toEqual(['staging/render/k1/', 'reports/spring/']);
    expect(planPurge(records, { requestId: 'old' }, now, batches).batchIds).toEqual([]);
  });

  it('keeps a cache key named by any request that is left, and names unknown ids', () => {
    const records = [rec('a', 'shared', '2026-06-01T00:00:00Z'), rec('b', 'shared', '2026-06-02T00:00:00Z'), rec('r', '', '2026-06-01T00:00:00Z')];
    expect(planPurge(records, { requestId: 'a' }, now).cacheKeys).toEqual([]);
    const afterA = [{ ...records[0]!, purgedAt: '2026-06-30T00:00:00Z' }, records[1]!, records[2]!];
    expect(planPurge(afterA, { requestId: 'b' }, now).cacheKeys).toEqual(['shared']);
    // A rejected prompt never reached the cache: only its ledger record is scrubbed.
    expect(planPurge(records, { requestId: 'r' }, now)).toMatchObject({ cacheKeys: [], ledgerKeys: ['ledger/2026-06-01/r.json'] });
    expect(planPurge(records, { requestId: 'zzz' }, now)).toMatchObject({ requestIds: [], unknownRequestIds: ['zzz'] });
  });

  it('scrubs prompt text from a ledger record and keeps everything else', () => {
    const record = { requestId: 'a', prompt: 'a cute panda', finalPrompt: 'storybook: a cute panda', cost: { amount: 0.04, gpuSeconds: 30 } };
    expect(scrubLedgerRecord(record, '2026-06-30T00:00:00Z')).toEqual({
      requestId: 'a',
      cost: { amount: 0.04, gpuSeconds: 30 },
      purgedAt: '2026-06-30T00:00:00Z',
    });
  });
});
