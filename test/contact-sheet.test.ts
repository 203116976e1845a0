// The batch contact sheet: a grid of thumbnails, rejected and failed items marked in red.
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { contactSheet } from '../imaging/contact-sheet';

const solid = (r: number, g: number, b: number, w = 300, h = 200) =>
  sharp({ create: { width: w, height: h, channels: 3, background: { r, g, b } } })
    .png()
    .toBuffer();

/** Mean colour of a region of a PNG. */
async function meanOf(png: Buffer, left: number, top: number, size: number): Promise<{ r: number; g: number; b: number }> {
  const { data, info } = await sharp(png).extract({ left, top, width: size, height: size }).raw().toBuffer({ resolveWithObject: true });
  let r = 0;
  let g = 0;
  let b = 0;
  for (let i = 0; i < data.length; i += info.channels) {
    r += data[i]!;
    g += data[i + 1]!;
    b += data[i + 2]!;
  }
  const n = data.length / info.channels;
  return { r: r / n, g: g / n, b: b / n };
}

describe('contact sheet', () => {
  it('lays items out in a grid, thumbnails where there is a picture, red marks where there is none', async () => {
    const items = [
      { id: 'p1', outcome: 'completed' as const, image: await solid(0, 160, 0) },
      { id: 'p2', outcome: 'rejected' as const },
      { id: 'p3', outcome: 'completed' as const, image: await solid(0, 0, 200, 100, 300) },
      { id: 'p4', outcome: 'completed' as const, image: Buffer.from('not a picture') },
    ];
    const png = await contactSheet(items, { thumb: 100, columns: 3 });
    const meta = await sharp(png).metadata();
    // 3 columns of 100 px with 8 px gaps; 2 rows of 100 px + 22 px caption.
    expect([meta.width, meta.height]).toEqual([8 + 3 * 108, 8 + 2 * 130]);
    const green = await meanOf(png, 8 + 40, 8 + 40, 20);
    expect(green.g).toBeGreaterThan(120);
    expect(green.r).toBeLessThan(60);
    // The rejected tile: a red cross through its centre on grey.
    const cross = await meanOf(png, 116 + 45, 8 + 45, 10);
    expect(cross.r).toBeGreaterThan(150);
    expect(cross.g).toBeLessThan(120);
    const blue = await meanOf(png, 224 + 45, 8 + 20, 10);
    expect(blue.b).toBeGreaterThan(150);
    // An unreadable picture is marked like a failure, not drawn blank.
    const broken = await meanOf(png, 8 + 45, 138 + 45, 10);
    expect(broken.r).toBeGreaterThan(150);
    expect(broken.g).toBeLessThan(120);
  });

  it('makes a sheet for an empty batch too', async () => {
    const meta = await sharp(await contactSheet([])).metadata();
    expect(meta.width).toBeGreaterThan(0);
  });
});
