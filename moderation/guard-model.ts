// The optional guard-model stage of child safety: a moderation model (Llama Guard, Qwen3Guard, or
// any chat model told to answer in JSON) asked after the local screening layers have allowed a
// prompt, and optionally about every rendered picture. It fails closed: a guard model that is
// configured but does not give a readable verdict rejects, it never allows.

/** Which kind of answer the model gives; decides both what is sent and how the answer is read. */
export const MODERATION_FORMATS = ['llama-guard', 'qwen3guard', 'json'] as const;
export type ModerationFormat = (typeof MODERATION_FORMATS)[number];

/** The category of a rejection because the guard model gave no usable verdict (down, slow, garbage). */
export const MODERATION_UNAVAILABLE = 'moderation_unavailable';

/** What the model said, read from its answer, before cubcanvas decides anything. */
export interface GuardAnswer {
  safe: boolean;
  /** The model's own category codes or names as it wrote them ("S1", "Violent"); empty when safe. */
  rawCategories: string[];
  /** cubcanvas categories the raw ones stand for ("violence", "sexual"), in the same order. */
  categories: string[];
  /** Readable labels of the raw categories ("S1 Violent Crimes"), for reasons. */
  labels: string[];
  /** Scores per category (0..1), when the model gave any (the json format may). */
  scores?: Record<string, number>;
}

/** The guard model's decision, explainable: which layer, which model, what it said. */
export interface ModerationVerdict {
  layer: 'moderation';
  model: string;
  allowed: boolean;
  /** A cubcanvas category ("violence", ...), MODERATION_UNAVAILABLE, or null when allowed. */
  category: string | null;
  /** Every cubcanvas category the model named (category is the first); empty when allowed or unavailable. */
  categories: string[];
  /** The model's raw categories ("S1", "Controversial"); empty when allowed or unavailable. */
  rawCategories: string[];
  reasons: string[];
  scores?: Record<string, number>;
}

/** A guard model behind some API. Both checks never throw for a service problem: they reject. */
export interface GuardModel {
  readonly model: string;
  readonly format: ModerationFormat;
  /** Where it is served, for messages (no credentials). */
  readonly endpoint: string;
  screenPrompt(prompt: string): Promise<ModerationVerdict>;
  screenPicture(png: Buffer): Promise<ModerationVerdict>;
}
