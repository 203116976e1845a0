// `cubcanvas cost [--since 30d|YYYY-MM-DD] [--by day|caller] [--json] [--chart FILE]`: the period's pictures and GPU
// cost from the ledger in the blob store, per day and in total, against one GPU kept running.
// Needs no Temporal server: the ledger is in the store.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Config } from '../../config/settings';
import { costReport, type CostReport, type LedgerRecord } from '../../domain/cost-report';
import { PREFIX } from '../../domain/storage-layout';
import { ledgerRecordSchema, parseJsonPayload } from '../../domain/payload-schemas';
import { costChart } from '../../imaging/cost-chart';
import { createStore } from '../../worker/dependencies';
import { err, printJson, UsageError } from '../common';

/** The first day of the period: "30d" (the last 30 days, today included) or a date. */
export function sinceDay(raw: string, today: Date): string {
  const days = /^(\d{1,4})d$/.exec(raw);
  if (days) {
    const n = Number(days[1]);
    if (n < 1) throw new UsageError('--since must be at least 1d');
    return new Date(today.getTime() - (n - 1) * 86_400_000).toISOString().slice(0, 10);
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw) && !Number.isNaN(Date.parse(`${raw}T00:00:00Z`))) return raw;
  throw new UsageError(`--since must be a number of days (e.g. 30d) or a date (YYYY-MM-DD), got "${raw}"`);
}

export async function cost(args: string[], config: Config): Promise<number> {
  const { values } = parseArgs({ args, options: { since: { type: 'string' }, by: { type: 'string' }, json: { type: 'boolean' }, chart: { type: 'string' } } });
  const by = values.by ?? 'day';
  if (by !== 'day' && by !== 'caller') throw new UsageError(`--by must be day or caller, got "${by}"`);
  const today = new Date();
  const from = sinceDay(values.since ?? '30d', today);
  const to = today.toISOString().slice(0, 10);
  if (from > to) throw new UsageError(`--since ${from} is in the future`);
  const store = createStore(config);
  const records: LedgerRecord[] = [];
  for (const blob of await store.list(PREFIX.ledger)) {
    // ledger/<day>/<request>.json: the day in the key skips whole days outside the period unread.
    const day = blob.key.slice(PREFIX.ledger.length, PREFIX.ledger.length + 10);
    if (day < from || day > to) continue;
    records.push({ ...parseJsonPayload(ledgerRecordSchema, await store.get(blob.key), `ledger record ${blob.key}`), day });
  }
  const report = costReport(records, { from, to, prices: config.gpuPrices, currency: config.currency, alwaysOnTypes: config.gpuType ? [config.gpuType] : [] });
  if (values.chart) {
    await writeFile(values.chart, await costChart(report));
    err(`chart: ${values.chart}`);
  }
  if (values.json) printJson(report);
  else process.stdout.write(by === 'caller' ? formatByCaller(report) : formatReport(report));
  return 0;
}

function formatReport(r: CostReport): string {
  const lines = [`GPU cost ${r.from} .. ${r.to} (${r.days.length} days, ${r.currency}), from the ledger`];
  lines.push('day         images  cache  rejected  failed  GPU-s billed  GPU-s pending  cost');
  for (const d of r.days) {
    if (!d.images && !d.failed && !d.rejected && !d.cancelled) continue;
    lines.push(
      `${d.day}  ${pad(d.images, 6)}  ${pad(d.cacheHits, 5)}  ${pad(d.rejected, 8)}  ${pad(d.failed, 6)}  ${pad(d.gpuSeconds, 12)}  ${pad(d.pendingSeconds, 13)}  ${d.cost}`,
    );
  }
  const t = r.total;
  lines.push(
    `total       ${pad(t.images, 6)}  ${pad(t.cacheHits, 5)}  ${pad(t.rejected, 8)}  ${pad(t.failed, 6)}  ${pad(t.gpuSeconds, 12)}  ${pad(t.pendingSeconds, 13)}  ${t.cost}`,
  );
  for (const [type, v] of Object.entries(t.byGpuType)) lines.push(`  ${type}: ${v.gpuSeconds} GPU-s = ${v.cost} ${r.currency}`);
  lines.push(`cost per picture: ${r.costPerImage ?? 'n/a'} ${r.currency}`);
  for (const a of r.alwaysOn) {
    lines.push(
      `one ${a.gpuType} always on (${a.pricePerHour}/h) over these ${r.days.length} days: ${a.cost} ${r.currency}; billed ${a.billed}${a.savingPercent === null ? '' : ` (${a.savingPercent} % less)`}; break-even at ${a.breakEvenImagesPerDay ?? 'n/a'} pictures a day`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Who spent the GPU time: one line per caller (the HTTP API's token names). */
function formatByCaller(r: CostReport): string {
  const lines = [`GPU cost ${r.from} .. ${r.to} per caller (${r.currency}), from the ledger`];
  lines.push('caller                images  cache  rejected  failed  GPU-s billed  cost');
  const callers = Object.entries(r.byCaller).sort(([, a], [, b]) => b.cost - a.cost || b.images - a.images);
  for (const [caller, c] of callers) {
    lines.push(
      `${caller.padEnd(20)}  ${pad(c.images, 6)}  ${pad(c.cacheHits, 5)}  ${pad(c.rejected, 8)}  ${pad(c.failed, 6)}  ${pad(c.gpuSeconds, 12)}  ${c.cost}`,
    );
  }
  const t = r.total;
  lines.push(
    `${'total'.padEnd(20)}  ${pad(t.images, 6)}  ${pad(t.cacheHits, 5)}  ${pad(t.rejected, 8)}  ${pad(t.failed, 6)}  ${pad(t.gpuSeconds, 12)}  ${t.cost}`,
  );
  return `${lines.join('\n')}\n`;
}

const pad = (v: number, n: number) => String(v).padStart(n);
