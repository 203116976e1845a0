// The cost model: GPU-seconds x the hourly price of that GPU type. Prices come from configuration
// (CUBCANVAS_GPU_PRICES); preview renders use the GPU type "none", which is always free.
import { ConfigError } from './errors';
import type { CostSummary, RenderAttempt } from './pipeline';

export type PriceTable = Readonly<Record<string, number>>;

/** Hourly prices in the default currency (CNY); A10G is the motivating case's 4.8 CNY/h. */
export const DEFAULT_GPU_PRICES = 'A10G=4.8,L4=3.9,T4=2.6,L40S=13.5,A100=21,H100=28';
export const DEFAULT_CURRENCY = 'CNY';
export const NO_GPU = 'none';

export function parsePriceTable(text: string, setting = 'CUBCANVAS_GPU_PRICES'): PriceTable {
  const table: Record<string, number> = { [NO_GPU]: 0 };
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([A-Za-z0-9._-]+)\s*=\s*([0-9]+(?:\.[0-9]+)?)$/.exec(part);
    if (!m) throw new ConfigError(setting, `"${part}" is not GPU_TYPE=PRICE_PER_HOUR (e.g. A10G=4.8)`);
    table[m[1]!] = Number(m[2]);
  }
  return table;
}

export function roundMoney(amount: number): number {
  return Math.round(amount * 1e6) / 1e6;
}

export function costOfAttempts(attempts: readonly RenderAttempt[], prices: PriceTable, currency: string): CostSummary {
  const perAttempt = attempts.map((a) => {
    const price = prices[a.gpuType];
    if (price === undefined) throw new ConfigError('CUBCANVAS_GPU_PRICES', `no price for GPU type "${a.gpuType}"`);
    return { attempt: a.attempt, gpuType: a.gpuType, gpuSeconds: a.gpuSeconds, amount: roundMoney((a.gpuSeconds * price) / 3600) };
  });
  const gpuSeconds = Math.round(perAttempt.reduce((s, a) => s + a.gpuSeconds, 0) * 1000) / 1000;
  return { gpuSeconds, amount: roundMoney(perAttempt.reduce((s, a) => s + a.amount, 0)), currency, perAttempt };
}

export function zeroCost(currency: string): CostSummary {
  return { gpuSeconds: 0, amount: 0, currency, perAttempt: [] };
}

/**
 * Each picture's share of a group's GPU time (one Job, one model load): the time no single picture
 * used (start-up, model load, uploads) split equally, plus the picture's own inference. Without
 * every picture's inference time, equal shares. Shares are in hundredths and sum to the total.
 */
export function groupShares(totalGpuSeconds: number, inferenceMs: readonly (number | undefined)[]): number[] {
  const n = inferenceMs.length;
  if (n === 0) return [];
  const hundredths = Math.round(totalGpuSeconds * 100);
  const own = inferenceMs.every((ms): ms is number => ms !== undefined) ? inferenceMs.map((ms) => Math.round(ms / 10)) : inferenceMs.map(() => 0);
  // Inference reported above the total (clock skew between runner and cluster) is scaled down.
  const ownSum = own.reduce((s, x) => s + x, 0);
  const scaled = ownSum > hundredths ? own.map((x) => Math.floor((x * hundredths) / ownSum)) : own;
  const common = hundredths - scaled.reduce((s, x) => s + x, 0);
  const shares = scaled.map((x) => x + Math.floor(common / n));
  // The hundredths that do not divide evenly go to the first pictures, one each.
  for (let i = 0; i < common % n; i++) shares[i]! += 1;
  return shares.map((x) => x / 100);
}
