// Quality thresholds and the judgement over measured metrics. Measuring (decoding pixels) is in
// imaging/quality-metrics.ts; this file decides, so the rules are testable without images.

export interface QualityMetrics {
  width: number;
  height: number;
  /** Mean luma 0..255 (Rec. 601). */
  meanLuma: number;
  /** Standard deviation of luma: near 0 for a blank or uniform picture. */
  stdevLuma: number;
  /** Share of pixels with luma below DARK_PIXEL. */
  darkFraction: number;
  /** Share of pixels with luma above BRIGHT_PIXEL. */
  brightFraction: number;
  /** Variance of the Laplacian on a 512 px greyscale copy: low means few edges, i.e. blurry. */
  sharpness: number;
}

export const QUALITY_THRESHOLDS = {
  darkPixel: 50,
  brightPixel: 245,
  maxDarkFraction: 0.8,
  minMeanLuma: 40,
  maxBrightFraction: 0.8,
  maxMeanLuma: 235,
  minStdevLuma: 8,
  minSharpness: 40,
} as const;

/** The judging limits (not the pixel levels measuring uses); a graph may set its own. */
export type QualityLimits = Omit<typeof QUALITY_THRESHOLDS, 'darkPixel' | 'brightPixel'>;
export const QUALITY_LIMIT_NAMES = ['maxDarkFraction', 'minMeanLuma', 'maxBrightFraction', 'maxMeanLuma', 'minStdevLuma', 'minSharpness'] as const;

/** The default limits with a graph's own over them; an unknown name or a non-number is refused. */
export function qualityLimits(overrides: Record<string, unknown> | undefined, where: string): QualityLimits {
  const limits: Record<string, number> = { ...QUALITY_THRESHOLDS };
  for (const [k, v] of Object.entries(overrides ?? {})) {
    if (!(QUALITY_LIMIT_NAMES as readonly string[]).includes(k))
      throw new Error(`${where}: unknown quality limit "${k}" (known: ${QUALITY_LIMIT_NAMES.join(', ')})`);
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${where}: quality limit ${k} must be a number`);
    limits[k] = v;
  }
  return limits as QualityLimits;
}

export type QualityReasonCode = 'wrong_size' | 'too_dark' | 'over_exposed' | 'blank' | 'blurry' | 'undecodable';

export interface QualityVerdict {
  ok: boolean;
  /** Named reasons with the measured value, e.g. "too_dark: mean luma 12.3 < 40". */
  reasons: string[];
  codes: QualityReasonCode[];
}

const f = (n: number, digits = 1) => n.toFixed(digits);

export function judgeQuality(m: QualityMetrics, expected?: { width: number; height: number }, t: QualityLimits = QUALITY_THRESHOLDS): QualityVerdict {
  const reasons: string[] = [];
  const codes: QualityReasonCode[] = [];
  const add = (code: QualityReasonCode, text: string) => {
    codes.push(code);
    reasons.push(`${code}: ${text}`);
  };
  if (expected && (m.width !== expected.width || m.height !== expected.height)) {
    add('wrong_size', `${m.width}x${m.height}, expected ${expected.width}x${expected.height}`);
  }
  const blank = m.stdevLuma < t.minStdevLuma;
  if (blank) add('blank', `luma standard deviation ${f(m.stdevLuma)} < ${t.minStdevLuma}`);
  if (m.meanLuma < t.minMeanLuma || m.darkFraction > t.maxDarkFraction) {
    add('too_dark', `mean luma ${f(m.meanLuma)} (min ${t.minMeanLuma}), ${f(m.darkFraction * 100)}% dark pixels (max ${t.maxDarkFraction * 100}%)`);
  }
  if (m.meanLuma > t.maxMeanLuma || m.brightFraction > t.maxBrightFraction) {
    add(
      'over_exposed',
      `mean luma ${f(m.meanLuma)} (max ${t.maxMeanLuma}), ${f(m.brightFraction * 100)}% blown-out pixels (max ${t.maxBrightFraction * 100}%)`,
    );
  }
  // A uniform picture has no edges either; calling it blurry too would only repeat "blank".
  if (!blank && m.sharpness < t.minSharpness) add('blurry', `Laplacian variance ${f(m.sharpness)} < ${t.minSharpness}`);
  return { ok: reasons.length === 0, reasons, codes };
}
