// The limits a rendered picture's safety scores are held to, and the judgement over them. Scoring
// (decoding pixels, running a model) is in imaging/ and moderation/; this file decides, so the rules
// are testable without a model. A graph may set its own limits in comfy-workflows/manifest.json
// (`safety`), read through pictureSafetyLimits like `quality` is read through qualityLimits.
import type { PictureSafetyLimits, PictureSafetyResult } from './picture-safety';

/** nsfwjs's five classes: the model's softmax over them sums to 1. */
export const NSFW_CLASSES = ['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy'] as const;
export type NsfwClass = (typeof NSFW_CLASSES)[number];
/** The classes that are unsafe for children; Drawing and Neutral are the safe ones. */
export const NSFW_UNSAFE_CLASSES = ['Porn', 'Hentai', 'Sexy'] as const satisfies readonly NsfwClass[];

/**
 * Highest score allowed per unsafe class. Measured on every preview animal at every size preset,
 * seeds 1-3 (378 pictures, bench/picture-safety-scores.ts, README "Picture safety check"): the highest
 * Hentai score was 0.056 (monkey, landscape), Porn 0.0005, Sexy 0.0002 — so these limits pass them all
 * with a wide margin, while a picture the model leans towards an explicit class (over a fifth of
 * its belief) is stopped. Hentai is the class a cartoon drifts into, so it gets the most room.
 */
export const DEFAULT_PICTURE_SAFETY_LIMITS: Readonly<Record<(typeof NSFW_UNSAFE_CLASSES)[number], number>> = {
  Porn: 0.2,
  Hentai: 0.35,
  Sexy: 0.2,
};

/**
 * Limit names a graph may set. A check reads the names it scores; another check (the guard model)
 * adds its categories here when it lands.
 */
export const PICTURE_SAFETY_LIMIT_NAMES: readonly string[] = [...NSFW_UNSAFE_CLASSES];

/** The default limits with a graph's own over them; an unknown name or a value outside 0..1 is refused. */
export function pictureSafetyLimits(overrides: Record<string, unknown> | undefined, where: string): PictureSafetyLimits {
  const limits: PictureSafetyLimits = { ...DEFAULT_PICTURE_SAFETY_LIMITS };
  if (overrides !== undefined && (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides))) {
    throw new Error(`${where}: safety must be an object of limits (known: ${PICTURE_SAFETY_LIMIT_NAMES.join(', ')})`);
  }
  for (const [k, v] of Object.entries(overrides ?? {})) {
    if (!PICTURE_SAFETY_LIMIT_NAMES.includes(k)) throw new Error(`${where}: unknown safety limit "${k}" (known: ${PICTURE_SAFETY_LIMIT_NAMES.join(', ')})`);
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) throw new Error(`${where}: safety limit ${k} must be a number from 0 to 1`);
    limits[k] = v;
  }
  return limits;
}

/** Every score over its limit, as "Porn: 0.912 > 0.2"; scores without a limit are not judged. */
export function judgeSafetyScores(checker: string, scores: Record<string, number>, limits: PictureSafetyLimits): PictureSafetyResult {
  const reasons = Object.entries(scores)
    .filter(([name, score]) => limits[name] !== undefined && score > limits[name]!)
    .map(([name, score]) => `${name}: ${score.toFixed(3)} > ${limits[name]}`);
  return { checker, ok: reasons.length === 0, scores, reasons };
}

/** Whether any of a picture's check results says unsafe. */
export const judgedUnsafe = (results: readonly PictureSafetyResult[] | undefined): boolean => (results ?? []).some((r) => !r.ok);
