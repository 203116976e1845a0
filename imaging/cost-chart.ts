// `cubcanvas cost --chart`: cost per day as bars against the flat line of keeping one GPU on.
import sharp from 'sharp';
import type { CostReport } from '../domain/cost-report';
import { xmlEscape } from './svg';

const W = 900;
const H = 420;
const PAD = { left: 70, right: 20, top: 40, bottom: 60 };

export async function costChart(report: CostReport): Promise<Buffer> {
  const always = report.alwaysOn[0];
  const alwaysPerDay = always ? always.pricePerHour * 24 : 0;
  const max = Math.max(alwaysPerDay, ...report.days.map((d) => d.cost), 0.01) * 1.1;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const n = Math.max(1, report.days.length);
  const barW = Math.max(1, (plotW / n) * 0.7);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const bars = report.days
    .map((d, i) => {
      const x = PAD.left + (i + 0.15) * (plotW / n);
      return `<rect x="${x.toFixed(1)}" y="${y(d.cost).toFixed(1)}" width="${barW.toFixed(1)}" height="${(PAD.top + plotH - y(d.cost)).toFixed(1)}" fill="#4a7fd4"/>`;
    })
    .join('');
  // A label every few days keeps the axis readable for a month or a quarter.
  const every = Math.ceil(n / 10);
  const labels = report.days
    .map((d, i) =>
      i % every === 0
        ? `<text x="${(PAD.left + (i + 0.5) * (plotW / n)).toFixed(1)}" y="${H - PAD.bottom + 18}" font-size="11" text-anchor="middle">${d.day.slice(5)}</text>`
        : '',
    )
    .join('');
  const line = always
    ? `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(alwaysPerDay).toFixed(1)}" y2="${y(alwaysPerDay).toFixed(1)}" stroke="#d0312d" stroke-width="2" stroke-dasharray="6 4"/>
       <text x="${W - PAD.right}" y="${(y(alwaysPerDay) - 6).toFixed(1)}" font-size="12" fill="#d0312d" text-anchor="end">one ${xmlEscape(always.gpuType)} always on: ${alwaysPerDay.toFixed(2)} ${xmlEscape(report.currency)}/day</text>`
    : '';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="DejaVu Sans, sans-serif">
  <rect width="${W}" height="${H}" fill="#ffffff"/>
  <text x="${PAD.left}" y="24" font-size="15" font-weight="bold">GPU cost per day, ${xmlEscape(report.from)} to ${xmlEscape(report.to)} (${xmlEscape(report.currency)}): ${report.total.cost.toFixed(2)} for ${report.total.images} pictures</text>
  <line x1="${PAD.left}" x2="${PAD.left}" y1="${PAD.top}" y2="${PAD.top + plotH}" stroke="#333"/>
  <line x1="${PAD.left}" x2="${W - PAD.right}" y1="${PAD.top + plotH}" y2="${PAD.top + plotH}" stroke="#333"/>
  <text x="${PAD.left - 8}" y="${PAD.top + 4}" font-size="11" text-anchor="end">${max.toFixed(2)}</text>
  <text x="${PAD.left - 8}" y="${PAD.top + plotH}" font-size="11" text-anchor="end">0</text>
  ${bars}${labels}${line}
</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
