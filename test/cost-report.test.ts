// The cost report summing a known ledger exactly: per day, per GPU type, against one GPU kept on.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { costOfAttempts, parsePriceTable } from '../domain/cost';
import { costReport, type LedgerRecord } from '../domain/cost-report';
import type { RenderAttempt } from '../domain/pipeline';
import { gpuAttempt } from './support/render-attempt';
import { FsBlobStore } from '../storage/fs-store';
import { projectRoot } from '../toolchain/pypi-binary';
import { sinceDay } from '../cli/commands/cost';

const prices = parsePriceTable('A10G=4.8,L4=3.6');
const attempt = (gpuType: string, gpuSeconds: number, pendingSeconds = 0) => gpuAttempt(gpuType, gpuSeconds, { timings: { pendingSeconds } });
function record(requestId: string, day: string, outcome: LedgerRecord['outcome'], attempts: RenderAttempt[], extra: Partial<LedgerRecord> = {}): LedgerRecord {
  const charged = extra.charged ?? attempts.length > 0;
  return {
    requestId,
    day,
    outcome,
    charged,
    cacheHit: false,
    attempts,
    cost: charged ? costOfAttempts(attempts, prices, 'CNY') : costOfAttempts([], prices, 'CNY'),
    ...extra,
  };
}

// Two days of work: 3 pictures on A10G (30 s each, 60 s pending on the first), one on L4 (45 s),
// a cache hit, a rejection, a failure that used 15 s of A10G.
const ledger: LedgerRecord[] = [
  record('a', '2026-11-20', 'completed', [attempt('A10G', 30, 60)]),
  record('b', '2026-11-20', 'completed', [attempt('A10G', 30)]),
  record('c', '2026-11-20', 'completed', [], { cacheHit: true, charged: false }),
  record('d', '2026-11-21', 'completed', [attempt('A10G', 30)]),
  record('e', '2026-11-21', 'completed', [attempt('L4', 45)]),
  record('f', '2026-11-21', 'rejected', []),
  record('g', '2026-11-21', 'failed', [{ ...attempt('A10G', 15), ok: false }]),
  record('h', '2026-11-25', 'completed', [attempt('A10G', 30)]),
];

describe('cost report', () => {
  it('sums the ledger per day and in total, exactly', () => {
    const r = costReport(ledger, { from: '2026-11-20', to: '2026-11-21', prices, currency: 'CNY', alwaysOnTypes: ['A10G'] });
    expect(r.days.map((d) => [d.day, d.images, d.cacheHits, d.rejected, d.failed, d.gpuSeconds, d.pendingSeconds, d.cost])).toEqual([
      ['2026-11-20', 3, 1, 0, 0, 60, 60, 0.08],
      ['2026-11-21', 2, 0, 1, 1, 90, 0, 0.105],
    ]);
    // 105 s of A10G at 4.8/h = 0.14; 45 s of L4 at 3.6/h = 0.045.
    expect(r.total.byGpuType).toEqual({ A10G: { gpuSeconds: 105, cost: 0.14 }, L4: { gpuSeconds: 45, cost: 0.045 } });
    expect(r.total.cost).toBe(0.185);
    expect(r.costPerImage).toBe(0.037);
    // One A10G on for 2 days: 2 x 24 x 4.8 = 230.4; per picture on A10G 0.14 / 5 = 0.028, so
    // break-even at 115.2 / 0.028 = 4114 pictures a day.
    expect(r.alwaysOn[0]).toEqual({ gpuType: 'A10G', pricePerHour: 4.8, cost: 230.4, billed: 0.14, breakEvenImagesPerDay: 4114, savingPercent: 99.9 });
    expect(r.alwaysOn.map((a) => a.gpuType)).toEqual(['A10G', 'L4']);
  });

  it('reads --since as days or a date', () => {
    const today = new Date('2026-11-26T10:00:00Z');
    expect(sinceDay('30d', today)).toBe('2026-10-28');
    expect(sinceDay('1d', today)).toBe('2026-11-26');
    expect(sinceDay('2026-11-01', today)).toBe('2026-11-01');
    expect(() => sinceDay('last week', today)).toThrow(/--since must be/);
  });

  it('cubcanvas cost reads the ledger from the store, prints JSON and draws the chart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cubcanvas-cost-'));
    const store = new FsBlobStore(join(dataDir, 'store'));
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const old = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10);
    for (const [i, r] of [
      record('x', today, 'completed', [attempt('A10G', 36)]),
      record('y', yesterday, 'completed', [attempt('A10G', 72)]),
      record('z', old, 'completed', [attempt('A10G', 999)]),
    ].entries()) {
      await store.put(`ledger/${r.day}/${r.requestId}.json`, Buffer.from(JSON.stringify({ ...r, recordedAt: `t${i}` })));
    }
    const chart = join(dataDir, 'cost.png');
    const out = execFileSync(join(projectRoot, 'bin', 'cubcanvas'), ['cost', '--since', '7d', '--json', '--chart', chart], {
      env: { ...process.env, CUBCANVAS_DATA_DIR: dataDir, CUBCANVAS_GPU_TYPE: 'A10G' },
      encoding: 'utf8',
    });
    const report = JSON.parse(out) as { total: { images: number; gpuSeconds: number; cost: number }; days: unknown[] };
    // The 40-day-old record is outside the period.
    expect(report.total).toMatchObject({ images: 2, gpuSeconds: 108, cost: 0.144 });
    expect(report.days).toHaveLength(7);
    const meta = await sharp(readFileSync(chart)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 900, 420]);
  });
});
