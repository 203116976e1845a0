// The visible mark (a rounded label in one corner) plus provenance metadata in the PNG.
import sharp from 'sharp';
import type { RenderEnvironment } from '../domain/pipeline';
import type { PictureSafetyResult } from '../domain/picture-safety';
import { withPngText } from './png-text';
import { xmlEscape } from './svg';

export const CORNERS = ['bottom-right', 'bottom-left', 'top-right', 'top-left'] as const;
export type Corner = (typeof CORNERS)[number];

export interface WatermarkOptions {
  text: string;
  corner: Corner;
  /** 0..1: how strongly the label shows. */
  opacity: number;
}

export interface Provenance {
  requestId: string;
  model: string;
  workflowVersion: string;
  cacheKey: string;
  seed: number;
  preview: boolean;
  createdAt: string;
  /** What the picture safety checks said of this picture before it was published. */
  safety?: PictureSafetyResult[];
  /** The ComfyUI revision and model file hashes the render reported (GPU backends only). */
  environment?: RenderEnvironment;
}

/**
 * The label, sized to the picture (about 2.8 % of the short side, never below 12 px) and drawn
 * at its own size, not the picture's: rasterising a full-size overlay costs more than the rest.
 */
function label(width: number, height: number, opts: WatermarkOptions): { svg: string; left: number; top: number } {
  const fontSize = Math.max(12, Math.round(Math.min(width, height) * 0.028));
  const padX = Math.round(fontSize * 0.7);
  const padY = Math.round(fontSize * 0.4);
  // DejaVu Sans averages ~0.6 em per character; the label only needs to be roughly right.
  const labelW = Math.min(width, Math.round([...opts.text].length * fontSize * 0.62 + padX * 2));
  const labelH = Math.min(height, fontSize + padY * 2);
  const margin = Math.round(fontSize * 0.8);
  const left = Math.max(0, opts.corner.endsWith('right') ? width - labelW - margin : margin);
  const top = Math.max(0, opts.corner.startsWith('bottom') ? height - labelH - margin : margin);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${labelW}" height="${labelH}">
  <g opacity="${opts.opacity}">
    <rect x="0" y="0" width="${labelW}" height="${labelH}" rx="${labelH / 2}" fill="#ffffff" fill-opacity="0.75"/>
    <text x="${labelW / 2}" y="${padY + fontSize * 0.82}" font-family="DejaVu Sans, sans-serif" font-size="${fontSize}" font-weight="bold" fill="#3a3a5a" text-anchor="middle">${xmlEscape(opts.text)}</text>
  </g>
</svg>`;
  return { svg, left, top };
}

export async function applyWatermark(image: Buffer, opts: WatermarkOptions, provenance: Provenance): Promise<Buffer> {
  const meta = await sharp(image).metadata();
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  const { svg, left, top } = label(width, height, opts);
  const marked = await sharp(image)
    .composite([{ input: Buffer.from(svg), top, left }])
    .png({ compressionLevel: 6 })
    .toBuffer();
  return withPngText(marked, {
    Software: 'cubcanvas',
    Source: provenance.model,
    Comment: provenance.preview ? 'cubcanvas PREVIEW render (no model)' : `rendered by ${provenance.model}`,
    'cubcanvas:provenance': JSON.stringify(provenance),
  });
}
