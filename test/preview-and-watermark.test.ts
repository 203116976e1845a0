// The CPU preview renderer and the watermark: what a person sees in the picture, and what a
// program reads from its metadata.
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ANIMALS, animalForPrompt } from '../render/preview/animals';
import { drawPreview } from '../render/preview/draw';
import { PreviewBackend } from '../render/preview/preview-backend';
import { applyWatermark, type Provenance } from '../imaging/watermark';
import { readPngText } from '../imaging/png-text';
import { FsBlobStore } from '../storage/fs-store';
import { normalizePrompt } from '../domain/screening/normalize';

async function raw(png: Buffer) {
  return sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
}

/** Share of pixels that differ between two same-size pictures inside a rectangle. */
async function changedShare(a: Buffer, b: Buffer, box: { left: number; top: number; width: number; height: number }) {
  const [ra, rb] = await Promise.all([raw(a), raw(b)]);
  const w = ra.info.width;
  let changed = 0;
  for (let y = box.top; y < box.top + box.height; y++) {
    for (let x = box.left; x < box.left + box.width; x++) {
      const i = (y * w + x) * 3;
      if (Math.abs(ra.data[i]! - rb.data[i]!) + Math.abs(ra.data[i + 1]! - rb.data[i + 1]!) + Math.abs(ra.data[i + 2]! - rb.data[i + 2]!) > 12) changed++;
    }
  }
  return changed / (box.width * box.height);
}

describe('preview renderer', () => {
  it('knows at least 12 animals by English and Chinese names', () => {
    expect(ANIMALS.length).toBeGreaterThanOrEqual(12);
    const cases: [string, string][] = [
      ['a cute baby panda on a grassy hill', 'panda'],
      ['会笑的企鹅', 'penguin'],
      ['小熊猫在树上', 'red-panda'],
      ['a killer whale', 'whale'],
      ['猫头鹰', 'owl'],
      ['two fluffy bunnies', 'rabbit'],
      ['一只小老虎', 'tiger'],
      ['a kitten', 'cat'],
      ['大象洗澡', 'elephant'],
      ['a sunny meadow', 'bear'],
    ];
    for (const [prompt, id] of cases) expect(animalForPrompt(normalizePrompt(prompt)).id, prompt).toBe(id);
    for (const a of ANIMALS) {
      expect(animalForPrompt(a.en[0]!).id).toBe(a.id);
      expect(animalForPrompt(a.zh[0]!).id).toBe(a.id);
    }
  });

  it('draws at the requested size, differently for different seeds and animals', async () => {
    const panda = ANIMALS.find((a) => a.id === 'panda')!;
    const fox = ANIMALS.find((a) => a.id === 'fox')!;
    const a = await drawPreview({ animal: panda, width: 640, height: 384, seed: 1 });
    const b = await drawPreview({ animal: panda, width: 640, height: 384, seed: 2 });
    const c = await drawPreview({ animal: fox, width: 640, height: 384, seed: 1 });
    const again = await drawPreview({ animal: panda, width: 640, height: 384, seed: 1 });
    expect((await sharp(a).metadata()).width).toBe(640);
    expect((await sharp(a).metadata()).height).toBe(384);
    const whole = { left: 0, top: 0, width: 640, height: 384 };
    expect(await changedShare(a, b, whole)).toBeGreaterThan(0.2);
    expect(await changedShare(a, c, whole)).toBeGreaterThan(0.05);
    expect(await changedShare(a, again, whole)).toBe(0);
  });

  it('labels its output as a preview, in the picture, the stored metadata and the result', async () => {
    const store = new FsBlobStore(mkdtempSync(join(tmpdir(), 'cubcanvas-preview-')));
    const backend = new PreviewBackend(store, { steps: 3, stepMs: 0 });
    const progress: number[] = [];
    const out = await backend.render(
      {
        cacheKey: 'k',
        prompt: 'a happy pig',
        negativePrompt: '',
        width: 512,
        height: 512,
        seed: 3,
        style: 'storybook',
        outputKey: 'staging/t.png',
        attempt: 0,
      },
      { signal: new AbortController().signal, onProgress: (p) => progress.push(p.value) },
    );
    expect(out).toMatchObject({ preview: true, gpuSeconds: 0, gpuType: 'none' });
    expect(progress).toEqual([0, 1, 2, 3]);
    expect((await store.head('staging/t.png'))?.metadata).toMatchObject({ preview: 'true', animal: 'pig' });
    // The PREVIEW badge sits in the top-left corner: the same scene without it differs there.
    const png = await store.get('staging/t.png');
    const top = await sharp(png).extract({ left: 0, top: 0, width: 200, height: 40 }).greyscale().stats();
    expect(top.channels[0]!.min).toBeLessThan(90);
  });

  it('stops when aborted', async () => {
    const store = new FsBlobStore(mkdtempSync(join(tmpdir(), 'cubcanvas-preview-')));
    const backend = new PreviewBackend(store, { steps: 50, stepMs: 50 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 120);
    await expect(
      backend.render(
        { cacheKey: 'k', prompt: 'a pig', negativePrompt: '', width: 256, height: 256, seed: 1, style: 'flat', outputKey: 'staging/x.png', attempt: 0 },
        { signal: ac.signal, onProgress: () => undefined },
      ),
    ).rejects.toThrow(/abort/i);
    expect(await store.head('staging/x.png')).toBeUndefined();
  });
});

describe('watermark', () => {
  const provenance: Provenance = {
    requestId: 'req-1',
    model: 'qwen-image',
    workflowVersion: 'qwen-lightning-v1',
    cacheKey: 'abc',
    seed: 9,
    preview: false,
    createdAt: '2026-11-25T00:00:00.000Z',
  };

  it('marks only the chosen corner, more strongly at higher opacity', async () => {
    const base = await drawPreview({ animal: ANIMALS[1]!, width: 800, height: 600, seed: 4 });
    const marked = await applyWatermark(base, { text: 'cubcanvas', corner: 'bottom-right', opacity: 0.9 }, provenance);
    const faint = await applyWatermark(base, { text: 'cubcanvas', corner: 'bottom-right', opacity: 0.2 }, provenance);
    const bottomRight = { left: 560, top: 520, width: 240, height: 80 };
    const topLeft = { left: 0, top: 0, width: 240, height: 80 };
    expect(await changedShare(base, marked, bottomRight)).toBeGreaterThan(0.1);
    expect(await changedShare(base, marked, topLeft)).toBe(0);
    expect(await changedShare(base, faint, bottomRight)).toBeLessThan(await changedShare(base, marked, bottomRight));
    const topLeftMark = await applyWatermark(base, { text: 'cubcanvas', corner: 'top-left', opacity: 0.9 }, provenance);
    expect(await changedShare(base, topLeftMark, { left: 0, top: 0, width: 240, height: 80 })).toBeGreaterThan(0.1);
  });

  it('writes provenance metadata into the PNG, non-ASCII included', async () => {
    const base = await drawPreview({ animal: ANIMALS[2]!, width: 300, height: 300, seed: 4 });
    const marked = await applyWatermark(base, { text: 'cubcanvas', corner: 'top-right', opacity: 0.7 }, { ...provenance, requestId: '请求-1' });
    const text = readPngText(marked);
    expect(text.Software).toBe('cubcanvas');
    expect(text.Source).toBe('qwen-image');
    expect(JSON.parse(text['cubcanvas:provenance']!)).toEqual({ ...provenance, requestId: '请求-1' });
    // Still a valid PNG: a strict decode (warnings are errors, e.g. a bad chunk CRC) reads it.
    expect((await sharp(marked).metadata()).format).toBe('png');
    await expect(sharp(marked, { failOn: 'warning' }).raw().toBuffer()).resolves.toBeInstanceOf(Buffer);
    // Replacing keeps one chunk per keyword.
    const twice = await applyWatermark(marked, { text: 'cubcanvas', corner: 'top-right', opacity: 0.7 }, provenance);
    expect(JSON.parse(readPngText(twice)['cubcanvas:provenance']!).requestId).toBe('req-1');
    expect(twice.toString('latin1').split('cubcanvas:provenance').length - 1).toBe(1);
  });
});
