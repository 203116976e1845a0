// The contract between the picture checks (a classifier on the worker's CPU, an optional guard
// model) and the validation step that runs them on every rendered picture before it is published.

/** Highest score allowed per category (0..1); a graph's manifest may set its own. */
export type PictureSafetyLimits = Record<string, number>;

export interface PictureSafetyResult {
  /** Which check decided: "nsfwjs", "moderation". */
  checker: string;
  ok: boolean;
  /** Score per category, 0..1. */
  scores: Record<string, number>;
  /** Why it is unsafe, with the measured value, e.g. "porn: 0.91 > 0.4". Empty when ok. */
  reasons: string[];
}

/** One check of a rendered picture for content unsafe for children. Loaded once per worker. */
export interface PictureSafetyCheck {
  readonly name: string;
  check(png: Buffer, limits: PictureSafetyLimits): Promise<PictureSafetyResult>;
}
