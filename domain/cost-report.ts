// The cost report the whole design exists for: what the pictures of a period cost, from the ledger
// (one record per request), next to what keeping one GPU of the same type running all the time
// would have cost over the same days. Pure: the CLI reads the ledger and hands the records in.
import { roundMoney, type PriceTable } from './cost';
import type { CostSummary, RenderAttempt } from './pipeline';

/** What the report reads of a ledger record (activities/finish.ts writes them). */
export interface LedgerRecord {
  requestId: string;
  day: string;
  outcome: 'completed' | 'failed' | 'cancelled' | 'rejected';
  charged: boolean;
  cacheHit: boolean;
  attempts: RenderAttempt[];
  cost: CostSummary;
  /** Who asked (an HTTP API token's name); absent for requests from the client library or the CLI. */
  caller?: string;
}

/** The group of records without a caller in the per-caller lines. */
export const NO_CALLER = '(no caller)';

export interface CostLine {
  images: number;
  cacheHits: number;
  rejected: number;
  failed: number;
  cancelled: number;
  /** Billed GPU time: container running time of the pictures' renders. */
  gpuSeconds: number;
  /** Waiting for a node, pulling images: reported, not billed. */
  pendingSeconds: number;
  cost: number;
  byGpuType: Record<string, { gpuSeconds: number; cost: number }>;
}

export interface AlwaysOn {
  gpuType: string;
  pricePerHour: number;
  /** One GPU of that type running for every hour of the period. */
  cost: number;
  /** What the period's billed work cost on that type. */
  billed: number;
  /** Pictures a day at which paying per second costs as much as keeping one GPU on. */
  breakEvenImagesPerDay: number | null;
  savingPercent: number | null;
}

export interface CostReport {
  from: string;
  to: string;
  days: (CostLine & { day: string })[];
  total: CostLine;
  currency: string;
  costPerImage: number | null;
  alwaysOn: AlwaysOn[];
  /** The period's totals per caller (who spent the GPU time), records without one under NO_CALLER. */
  byCaller: Record<string, CostLine>;
}

const emptyLine = (): CostLine => ({ images: 0, cacheHits: 0, rejected: 0, failed: 0, cancelled: 0, gpuSeconds: 0, pendingSeconds: 0, cost: 0, byGpuType: {} });

function add(line: CostLine, r: LedgerRecord): void {
  if (r.outcome === 'completed') line.images++;
  if (r.outcome === 'rejected') line.rejected++;
  if (r.outcome === 'failed') line.failed++;
  if (r.outcome === 'cancelled') line.cancelled++;
  if (r.cacheHit) line.cacheHits++;
  if (!r.charged) return;
  line.cost = roundMoney(line.cost + r.cost.amount);
  line.gpuSeconds = Math.round((line.gpuSeconds + r.cost.gpuSeconds) * 1000) / 1000;
  for (const a of r.attempts) line.pendingSeconds = Math.round((line.pendingSeconds + (a.timings?.pendingSeconds ?? 0)) * 1000) / 1000;
  for (const p of r.cost.perAttempt) {
    const t = (line.byGpuType[p.gpuType] ??= { gpuSeconds: 0, cost: 0 });
    t.gpuSeconds = Math.round((t.gpuSeconds + p.gpuSeconds) * 1000) / 1000;
    t.cost = roundMoney(t.cost + p.amount);
  }
}

/** Every day from `from` to `to` (UTC, YYYY-MM-DD), both included. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/**
 * The report over the days from..to. `alwaysOnTypes` are the GPU types to compare with (those the
 * period billed, and the configured pool's); the preview type "none" never is one.
 */
export function costReport(
  records: readonly LedgerRecord[],
  opts: { from: string; to: string; prices: PriceTable; currency: string; alwaysOnTypes?: string[] },
): CostReport {
  const days = daysBetween(opts.from, opts.to);
  const byDay = new Map(days.map((d) => [d, emptyLine()]));
  const total = emptyLine();
  const byCaller: Record<string, CostLine> = {};
  for (const r of records) {
    const line = byDay.get(r.day);
    if (!line) continue;
    add(line, r);
    add(total, r);
    add((byCaller[r.caller ?? NO_CALLER] ??= emptyLine()), r);
  }
  const types = [...new Set([...(opts.alwaysOnTypes ?? []), ...Object.keys(total.byGpuType)])].filter((t) => t !== 'none' && opts.prices[t] !== undefined);
  const hours = days.length * 24;
  const alwaysOn = types.map((gpuType): AlwaysOn => {
    const pricePerHour = opts.prices[gpuType]!;
    const billed = total.byGpuType[gpuType]?.cost ?? 0;
    const images = total.images;
    const perImage = images > 0 && billed > 0 ? billed / images : null;
    const cost = roundMoney(pricePerHour * hours);
    return {
      gpuType,
      pricePerHour,
      cost,
      billed,
      breakEvenImagesPerDay: perImage ? Math.round((pricePerHour * 24) / perImage) : null,
      savingPercent: cost > 0 ? Math.round((1 - billed / cost) * 1000) / 10 : null,
    };
  });
  return {
    from: opts.from,
    to: opts.to,
    days: days.map((day) => ({ day, ...byDay.get(day)! })),
    total,
    currency: opts.currency,
    costPerImage: total.images > 0 ? roundMoney(total.cost / total.images) : null,
    alwaysOn,
    byCaller,
  };
}
