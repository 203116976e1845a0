// A batch's contact sheet: every item as a thumbnail in a grid with its id underneath, so a content
// team sees the day's pictures at a glance; a rejected or failed item is a grey tile with a red
// mark and its outcome instead of a picture.
import sharp, { type OverlayOptions } from 'sharp';
import { xmlEscape } from './svg';

export interface SheetItem {
  id: string;
  outcome: 'completed' | 'rejected' | 'failed' | 'cancelled';
  /** The picture (any format sharp reads); absent for items without one. */
  image?: Buffer;
}

export interface SheetOptions {
  /** Thumbnail edge in px (thumbnails keep their aspect ratio inside a square tile). */
  thumb?: number;
  columns?: number;
}

const CAPTION = 22;
const GAP = 8;

function tileSvg(size: number, item: SheetItem, withImage: boolean): string {
  const bad = item.outcome !== 'completed';
  const id = item.id.length > 28 ? `${item.id.slice(0, 27)}…` : item.id;
  const h = size + CAPTION;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${h}">
  ${withImage ? '' : `<rect x="0" y="0" width="${size}" height="${size}" fill="#e4e4ea"/>`}
  ${
    bad
      ? `<rect x="2" y="2" width="${size - 4}" height="${size - 4}" fill="none" stroke="#d0312d" stroke-width="4"/>
  <line x1="${size * 0.3}" y1="${size * 0.3}" x2="${size * 0.7}" y2="${size * 0.7}" stroke="#d0312d" stroke-width="6"/>
  <line x1="${size * 0.7}" y1="${size * 0.3}" x2="${size * 0.3}" y2="${size * 0.7}" stroke="#d0312d" stroke-width="6"/>
  <text x="${size / 2}" y="${size * 0.88}" font-family="DejaVu Sans, sans-serif" font-size="14" font-weight="bold" fill="#d0312d" text-anchor="middle">${item.outcome.toUpperCase()}</text>`
      : ''
  }
  <text x="${size / 2}" y="${size + 16}" font-family="DejaVu Sans, sans-serif" font-size="13" fill="#222" text-anchor="middle">${xmlEscape(id)}</text>
</svg>`;
}

/** The sheet as a PNG; items in the order given. An unreadable picture is drawn as failed. */
export async function contactSheet(items: readonly SheetItem[], opts: SheetOptions = {}): Promise<Buffer> {
  const size = opts.thumb ?? 160;
  const columns = Math.max(1, Math.min(opts.columns ?? 8, items.length || 1));
  const rows = Math.max(1, Math.ceil(items.length / columns));
  const width = GAP + columns * (size + GAP);
  const height = GAP + rows * (size + CAPTION + GAP);
  const layers: OverlayOptions[] = [];
  for (const [i, item] of items.entries()) {
    const left = GAP + (i % columns) * (size + GAP);
    const top = GAP + Math.floor(i / columns) * (size + CAPTION + GAP);
    let thumb: Buffer | undefined;
    if (item.image && item.outcome === 'completed') {
      thumb = await sharp(item.image)
        .resize(size, size, { fit: 'contain', background: { r: 255, g: 255, b: 255, alpha: 1 } })
        .png()
        .toBuffer()
        .catch(() => undefined);
    }
    const shown: SheetItem = thumb || !item.image ? item : { ...item, outcome: 'failed' };
    if (thumb) layers.push({ input: thumb, left, top });
    layers.push({ input: Buffer.from(tileSvg(size, shown, Boolean(thumb))), left, top });
  }
  return sharp({ create: { width, height, channels: 3, background: { r: 255, g: 255, b: 255 } } })
    .composite(layers)
    .png({ compressionLevel: 6 })
    .toBuffer();
}
