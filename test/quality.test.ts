// Image validation on generated pictures: each defect is caught with its named reason and the
// measured value; good pictures of every animal pass.
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { judgeQuality, QUALITY_THRESHOLDS } from '../domain/quality';
import { ImageUndecodableError } from '../domain/errors';
import { measureQuality } from '../imaging/quality-metrics';
import { ANIMALS } from '../render/preview/animals';
import { drawPreview } from '../render/preview/draw';
import { spoil } from './support/scripted-backend';

const size = { width: 512, height: 512 };
const good = () => drawPreview({ animal: ANIMALS[0]!, ...size, seed: 7 });

async function verdictOf(png: Buffer) {
  const metrics = await measureQuality(png);
  return { metrics, ...judgeQuality(metrics, size) };
}

describe('image validation', () => {
  it.each(ANIMALS.map((a, i) => [a.id, i] as const))('passes a good picture of a %s', async (_id, i) => {
    const v = await verdictOf(await drawPreview({ animal: ANIMALS[i]!, ...size, seed: 1000 + i }));
    expect(v.reasons).toEqual([]);
    expect(v.ok).toBe(true);
  });

  it('rejects a too dark picture', async () => {
    const v = await verdictOf((await spoil(await good(), 'dark', size))!);
    expect(v.codes).toContain('too_dark');
    expect(v.metrics.meanLuma).toBeLessThan(QUALITY_THRESHOLDS.minMeanLuma);
    expect(v.reasons.find((r) => r.startsWith('too_dark'))).toMatch(/mean luma \d+\.\d/);
  });

  it('rejects an over-exposed picture', async () => {
    const bright = await sharp(await good())
      .linear(0.5, 150)
      .png()
      .toBuffer();
    const v = await verdictOf(bright);
    expect(v.codes).toEqual(['over_exposed']);
    expect(v.metrics.meanLuma).toBeGreaterThan(QUALITY_THRESHOLDS.maxMeanLuma);
  });

  it('rejects a blurry picture', async () => {
    const v = await verdictOf((await spoil(await good(), 'blurry', size))!);
    expect(v.codes).toEqual(['blurry']);
    expect(v.metrics.sharpness).toBeLessThan(QUALITY_THRESHOLDS.minSharpness);
  });

  it('rejects a blank, uniform picture (and does not also call it blurry)', async () => {
    const v = await verdictOf((await spoil(await good(), 'blank', size))!);
    expect(v.codes).toEqual(['blank']);
    expect(v.metrics.stdevLuma).toBeLessThan(1);
  });

  it('rejects a picture of the wrong size', async () => {
    const v = await verdictOf((await spoil(await good(), 'wrong-size', size))!);
    expect(v.codes).toEqual(['wrong_size']);
    expect(v.reasons[0]).toBe('wrong_size: 256x256, expected 512x512');
  });

  it('rejects bytes that are not an image, and a truncated PNG', async () => {
    await expect(measureQuality(Buffer.from('not an image'))).rejects.toBeInstanceOf(ImageUndecodableError);
    const png = await good();
    await expect(measureQuality(png.subarray(0, png.length / 3))).rejects.toBeInstanceOf(ImageUndecodableError);
  });

  it('measures a black picture as dark and uniform, a white one as blown out', async () => {
    const black = await sharp({ create: { ...size, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    const white = await sharp({ create: { ...size, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    expect((await verdictOf(black)).codes).toEqual(['blank', 'too_dark']);
    expect((await verdictOf(white)).codes).toEqual(['blank', 'over_exposed']);
  });
});

/** A colouring page as the line-art graph makes them: thick black outlines on white, nothing filled. */
async function colouringPage(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512"><rect width="512" height="512" fill="#ffffff"/>
    <g fill="none" stroke="#111111" stroke-width="6" stroke-linecap="round">
      <circle cx="256" cy="230" r="120"/><circle cx="160" cy="120" r="45"/><circle cx="352" cy="120" r="45"/>
      <circle cx="215" cy="210" r="18"/><circle cx="297" cy="210" r="18"/><ellipse cx="256" cy="270" rx="28" ry="18"/>
      <path d="M210 310 Q256 350 302 310"/><path d="M60 470 Q256 380 452 470"/></g></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

describe('quality limits per graph', () => {
  it("a colouring page passes its own graph's limits, which the defaults would call over-exposed", async () => {
    const { loadCatalog } = await import('../render/comfyui/graph');
    const { qualityLimits } = await import('../domain/quality');
    const catalog = loadCatalog();
    const metrics = await measureQuality(await colouringPage());
    expect(metrics.meanLuma).toBeGreaterThan(QUALITY_THRESHOLDS.maxMeanLuma);
    expect(judgeQuality(metrics, size).codes).toEqual(['over_exposed']);
    const page = qualityLimits(catalog.graphs['qwen-image-coloring-page']!.quality, 'coloring page');
    expect(judgeQuality(metrics, size, page)).toMatchObject({ ok: true, reasons: [] });
    // Its limits still catch a page that came out blank or dark.
    const blank = await measureQuality(
      await sharp({ create: { width: 512, height: 512, channels: 3, background: '#ffffff' } })
        .png()
        .toBuffer(),
    );
    expect(judgeQuality(blank, size, page).codes).toContain('blank');
    // The colour graphs keep the defaults, and a cartoon of theirs passes them.
    for (const name of ['qwen-image-lightning-8step', 'qwen-image-20step']) {
      const limits = qualityLimits(catalog.graphs[name]!.quality, name);
      expect(limits).toMatchObject({ maxMeanLuma: QUALITY_THRESHOLDS.maxMeanLuma, maxBrightFraction: QUALITY_THRESHOLDS.maxBrightFraction });
      expect(judgeQuality(await measureQuality(await good()), size, limits).ok).toBe(true);
    }
  });

  it('refuses an unknown limit or a non-number in the manifest, naming the graph', async () => {
    const { qualityLimits } = await import('../domain/quality');
    expect(() => qualityLimits({ maxBrightness: 1 }, 'graph x')).toThrow('graph x: unknown quality limit "maxBrightness"');
    expect(() => qualityLimits({ maxMeanLuma: '250' }, 'graph x')).toThrow('graph x: quality limit maxMeanLuma must be a number');
  });
});
