// The content-credentials share of a request: what stripping the render's metadata (cache step)
// and signing the C2PA manifest (watermark step, the last write) add to one 1328x1328 picture,
// timed alone. Budget: 50 ms p50 (issue 11). Both costs grow with the file's size (hashing, one
// copy), so the pictures are random noise: the largest a 1328x1328 RGB PNG gets (~5.3 MB, against
// ~0.12 MB for a preview drawing and a few MB for a real render) — an upper bound, not a typical case.
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { SIZE_PRESETS } from '../domain/request';
import { signPicture } from '../imaging/content-credentials/manifest';
import type { PictureSigner } from '../imaging/content-credentials/signer';
import { stripRenderMetadata } from '../imaging/strip-metadata';
import { applyWatermark, type Provenance } from '../imaging/watermark';

export interface ProvenanceFigures {
  p50Ms: number;
  p99Ms: number;
}

export async function provenanceBench(signer: PictureSigner, samples = 40): Promise<ProvenanceFigures> {
  const { width, height } = SIZE_PRESETS.square;
  const provenance: Provenance = {
    requestId: 'bench',
    model: 'cubcanvas-preview',
    workflowVersion: 'preview-v1',
    cacheKey: 'bench',
    seed: 1,
    preview: true,
    createdAt: new Date().toISOString(),
  };
  const pictures = await Promise.all(
    Array.from({ length: 4 }, () =>
      sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
        .png({ compressionLevel: 6 })
        .toBuffer(),
    ),
  );
  const marked = await Promise.all(pictures.map((png) => applyWatermark(png, { text: 'cubcanvas', corner: 'bottom-right', opacity: 0.7 }, provenance)));
  const times: number[] = [];
  for (let i = 0; i < samples + 3; i++) {
    const started = performance.now();
    await stripRenderMetadata(pictures[i % pictures.length]!);
    await signPicture(marked[i % marked.length]!, signer, { provenance: { ...provenance, requestId: `bench-${i}` }, watermarkText: 'cubcanvas' });
    // The first few load the library and warm the hash code paths; a running worker has done that.
    if (i >= 3) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]!;
  return { p50Ms: at(50), p99Ms: at(99) };
}
