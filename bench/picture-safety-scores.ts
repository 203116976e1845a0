// The picture safety check's scores on every preview animal at every size preset: the evidence
// behind the default limits (domain/picture-safety-limits.ts), and rows for the safety evaluation
// (bench/eval-safety.ts) to print. Run alone: `tsx bench/picture-safety-scores.ts`.
import { DEFAULT_PICTURE_SAFETY_LIMITS, NSFW_UNSAFE_CLASSES } from '../domain/picture-safety-limits';
import { SIZE_PRESETS, type SizePreset } from '../domain/request';
import { loadNsfwClassifier } from '../imaging/nsfw-classifier';
import { ANIMALS } from '../render/preview/animals';
import { drawPreview } from '../render/preview/draw';

export interface PreviewSafetyRow {
  animal: string;
  preset: SizePreset;
  width: number;
  height: number;
  seed: number;
  /** All five nsfwjs classes. */
  scores: Record<string, number>;
  /** Judged with the default limits. */
  ok: boolean;
  reasons: string[];
  /** The check alone (decode, downscale, classify), not the drawing. */
  checkMs: number;
}

/** Scores every preview animal at every preset (seeds 1..seeds: the sky, hill and pose vary with it). */
export async function previewSafetyScores(opts: { seeds?: number } = {}): Promise<PreviewSafetyRow[]> {
  const classifier = await loadNsfwClassifier();
  const rows: PreviewSafetyRow[] = [];
  for (const animal of ANIMALS) {
    for (const [preset, size] of Object.entries(SIZE_PRESETS) as [SizePreset, { width: number; height: number }][]) {
      for (let seed = 1; seed <= (opts.seeds ?? 1); seed++) {
        const png = await drawPreview({ animal, width: size.width, height: size.height, seed });
        const started = performance.now();
        const result = await classifier.check(png, DEFAULT_PICTURE_SAFETY_LIMITS);
        rows.push({
          animal: animal.id,
          preset,
          ...size,
          seed,
          scores: result.scores,
          ok: result.ok,
          reasons: result.reasons,
          checkMs: performance.now() - started,
        });
      }
    }
  }
  return rows;
}

/** The highest score per unsafe class over the rows, with the row that had it. */
export function highestUnsafeScores(rows: PreviewSafetyRow[]): Record<string, { score: number; animal: string; preset: string }> {
  return Object.fromEntries(
    NSFW_UNSAFE_CLASSES.map((c) => {
      const top = rows.reduce((best, r) => ((r.scores[c] ?? 0) > (best.scores[c] ?? 0) ? r : best), rows[0]!);
      return [c, { score: top.scores[c] ?? 0, animal: top.animal, preset: top.preset }];
    }),
  );
}

/** The rows as a tab-separated table, then the highest unsafe scores and how many the default limits fail. */
export function previewSafetyLines(rows: PreviewSafetyRow[]): string[] {
  const f = (n: number | undefined) => (n ?? 0).toFixed(4);
  return [
    'animal\tpreset\tseed\tDrawing\tNeutral\tHentai\tPorn\tSexy\tok\tcheck_ms',
    ...rows.map((r) =>
      [
        r.animal,
        r.preset,
        r.seed,
        f(r.scores.Drawing),
        f(r.scores.Neutral),
        f(r.scores.Hentai),
        f(r.scores.Porn),
        f(r.scores.Sexy),
        r.ok,
        r.checkMs.toFixed(0),
      ].join('\t'),
    ),
    `highest: ${JSON.stringify(highestUnsafeScores(rows))}`,
    `failing with the defaults: ${rows.filter((r) => !r.ok).length} of ${rows.length}`,
  ];
}

if (require.main === module) {
  const seeds = Number(process.argv[2] ?? 1);
  previewSafetyScores({ seeds })
    .then((rows) => {
      for (const line of previewSafetyLines(rows)) console.log(line);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    });
}
