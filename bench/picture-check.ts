// The picture safety check's share of a request: every check the worker runs (validate step) on
// 1328x1328 preview pictures, timed alone, and the worker's memory with the model loaded.
import type { PictureSafetyCheck } from '../domain/picture-safety';
import { DEFAULT_PICTURE_SAFETY_LIMITS } from '../domain/picture-safety-limits';
import { SIZE_PRESETS } from '../domain/request';
import { ANIMALS } from '../render/preview/animals';
import { drawPreview } from '../render/preview/draw';

export interface PictureCheckFigures {
  /** Median time of all checks on one 1328x1328 picture: decode, downscale, classify. */
  p50Ms: number;
  p99Ms: number;
  /** Resident memory of this process (worker, model, client) after the checks, in MB. */
  rssMb: number;
}

export async function pictureCheckBench(checks: PictureSafetyCheck[], samples = 30): Promise<PictureCheckFigures> {
  const { width, height } = SIZE_PRESETS.square;
  const pictures = await Promise.all(ANIMALS.slice(0, 10).map((animal, i) => drawPreview({ animal, width, height, seed: i + 1 })));
  const times: number[] = [];
  for (let i = 0; i < samples + 3; i++) {
    const png = pictures[i % pictures.length]!;
    const started = performance.now();
    for (const check of checks) await check.check(png, DEFAULT_PICTURE_SAFETY_LIMITS);
    // The first few warm the WASM backend's kernels; they are not what a request pays.
    if (i >= 3) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]!;
  return { p50Ms: at(50), p99Ms: at(99), rssMb: process.memoryUsage().rss / 2 ** 20 };
}
