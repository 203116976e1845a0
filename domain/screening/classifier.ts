// The last local layer: a linear classifier over the prompt's words and Chinese characters, trained
// (scripts/train-screen-classifier.ts) on the labelled sets in data/safety-eval/. The word lists and
// patterns know the kinds of harm somebody listed; this layer carries what the labelled scenes have
// in common ("a crying child bundled into a van", "pills that look like sweets") to phrasings
// nobody listed. It only adds denials, and says which words pushed it over its threshold.
import { z } from 'zod';
import type { Lexicon } from './lexicon';
import { foldLookalikes } from './lookalikes';

/** Sparse TF-IDF features of a prompt, L2-normalised: feature → value. */
export type FeatureVector = Map<string, number>;

export const classifierModelSchema = z.object({
  /** Which training run made it: the sets it learnt from and the settings, for the README and the test that it is current. */
  trainedOn: z.array(z.string().min(1)).min(1),
  regularisation: z.number().positive(),
  /** A prompt is denied at or above this probability of being unsafe. */
  threshold: z.number().gt(0).lt(1),
  /** A prompt is also denied when one of its clauses alone is at or above this probability (promptClauses). */
  clauseThreshold: z.number().gt(0).lt(1),
  /** A prompt denied only by words with harmless senses (harmless-senses.tsv) is allowed below this probability. */
  clearsBelow: z.number().gt(0).lt(1),
  bias: z.number(),
  /**
   * The features in three parallel arrays: name, idf, weight. Flat arrays rather than an object of
   * [idf, weight] pairs: over 100k features, parsing and checking the object took ~130 ms of every
   * start, the arrays ~55 ms. Checked in one loop rather than a zod schema per entry.
   */
  features: z.custom<FeatureTable>(
    isFeatureTable,
    'expected { names: distinct non-empty strings, idf: positive numbers, weight: finite numbers }, all of one length',
  ),
});
export type ClassifierModel = z.output<typeof classifierModelSchema>;

export interface FeatureTable {
  names: string[];
  idf: number[];
  weight: number[];
}

function isFeatureTable(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { names, idf, weight } = value as Partial<Record<keyof FeatureTable, unknown>>;
  if (!Array.isArray(names) || !Array.isArray(idf) || !Array.isArray(weight)) return false;
  if (idf.length !== names.length || weight.length !== names.length) return false;
  for (let i = 0; i < names.length; i++) {
    const [name, scale, w] = [names[i], idf[i], weight[i]];
    if (typeof name !== 'string' || !name || typeof scale !== 'number' || !(scale > 0) || typeof w !== 'number' || !Number.isFinite(w)) return false;
  }
  return true;
}

const HAN_RUN = /\p{Script=Han}+/gu;

/** Undoes the regular English endings, so that "stomping", "stomped" and "stomps" are one feature. */
function stem(word: string): string {
  if (word.length <= 4) return word;
  return word.replace(/(?:ing|ed|es|s)$/, '');
}

/**
 * The prompt's features before weighting: English stems and stem pairs, Chinese characters and
 * character pairs. `text` is the screen's normalised prompt with traditional characters simplified.
 */
export function promptFeatures(text: string): string[] {
  const words = (text.match(/[a-z]+/g) ?? []).map(stem);
  const out = [...words];
  for (let i = 1; i < words.length; i++) out.push(`${words[i - 1]} ${words[i]}`);
  for (const run of text.match(HAN_RUN) ?? []) {
    const chars = [...run];
    out.push(...chars);
    for (let i = 1; i < chars.length; i++) out.push(chars[i - 1]! + chars[i]!);
  }
  return out;
}

/** Sublinear term frequency times idf, L2-normalised; features without an idf (never seen in training) are dropped. */
export function weighFeatures(features: string[], idf: (feature: string) => number | undefined): FeatureVector {
  const counts = new Map<string, number>();
  for (const f of features) counts.set(f, (counts.get(f) ?? 0) + 1);
  const vector: FeatureVector = new Map();
  let norm = 0;
  for (const [f, n] of counts) {
    const weight = idf(f);
    if (weight === undefined) continue;
    const v = (1 + Math.log(n)) * weight;
    vector.set(f, v);
    norm += v * v;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [f, v] of vector) vector.set(f, v / norm);
  return vector;
}

/**
 * The text the classifier sees: the screen's normalised prompt with look-alike letters folded,
 * accents and tone marks dropped from Latin letters, and traditional characters simplified. A word
 * in Cyrillic look-alikes ("сutе") or toned pinyin ("dǎ zhēn") would otherwise break into letter
 * fragments the classifier learnt nothing about, or learnt from unsafe prompts typed the same way.
 */
export function classifierText(normalizedPrompt: string, lexicon: Pick<Lexicon, 'toSimplified' | 'lookalikes'>): string {
  const unmarked = normalizedPrompt
    .normalize('NFD')
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .normalize('NFC');
  // Chinese typed with a space between characters ("小 熊 猫 打 针") is read as written together, and
  // so are three or more letters typed apart ("s u m m e r camp"): one letter is no word to weigh.
  return lexicon
    .toSimplified(foldLookalikes(unmarked, lexicon.lookalikes))
    .replace(/(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu, '')
    .replace(/(?<![\p{L}\p{N}])\p{L}(?: \p{L}){2,}(?![\p{L}\p{N}])/gu, (run) => run.replaceAll(' ', ''));
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

// Where a long prompt's clauses part: punctuation of both languages, and the English words that join clauses.
const CLAUSE_BREAK = /[,，。;；!！?？:：、\n]+|\s+(?:and then|and|then|but|while|because|so|until|when|after|before|as)\s+/;

/** Every clause of a prompt, however short. */
export const splitClauses = (text: string): string[] =>
  text
    .split(CLAUSE_BREAK)
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * The clauses of a prompt with enough words to judge alone (three English words or four Chinese
 * characters), or none when the prompt is one clause. A harmful act buried in a long, cheerful prompt
 * is outweighed by its harmless words in the whole prompt's features, but not in its own clause.
 */
export function promptClauses(text: string): string[] {
  const clauses = splitClauses(text).filter((s) => (s.match(/[a-z]+/g) ?? []).length >= 3 || (s.match(/\p{Script=Han}/gu) ?? []).length >= 4);
  return clauses.length > 1 ? clauses : [];
}

export interface ClassifierVerdict {
  /** Probability that the whole prompt is unsafe. */
  probability: number;
  unsafe: boolean;
  /** The features that pushed hardest towards unsafe, strongest first (in the deciding clause, if one decided). */
  strongest: string[];
  /** The clause that alone reached `clauseThreshold`, when the whole prompt did not reach `threshold`. */
  clause?: { text: string; probability: number };
}

export interface PromptClassifier {
  readonly threshold: number;
  readonly clauseThreshold: number;
  readonly clearsBelow: number;
  /** `harmlessClause` names clauses that are never judged alone (an allowed phrase: 不玩打火机). */
  classify(text: string, harmlessClause?: (clause: string) => boolean): ClassifierVerdict;
}

export function promptClassifier(model: ClassifierModel): PromptClassifier {
  const { names, idf: idfs, weight } = model.features;
  const at = new Map<string, number>();
  for (let i = 0; i < names.length; i++) at.set(names[i]!, i);
  if (at.size !== names.length) throw new Error('classifier.json: a feature is named twice');
  const idf = (f: string) => {
    const i = at.get(f);
    return i === undefined ? undefined : idfs[i];
  };
  const score = (text: string) => {
    const vector = weighFeatures(promptFeatures(text), idf);
    let z = model.bias;
    const pushes: [string, number][] = [];
    for (const [f, v] of vector) {
      const push = v * weight[at.get(f)!]!;
      z += push;
      if (push > 0) pushes.push([f, push]);
    }
    pushes.sort((a, b) => b[1] - a[1]);
    return { probability: sigmoid(z), strongest: pushes.slice(0, 4).map(([f]) => f) };
  };
  return {
    threshold: model.threshold,
    clauseThreshold: model.clauseThreshold,
    clearsBelow: model.clearsBelow,
    classify(text, harmlessClause = () => false) {
      const whole = score(text);
      if (whole.probability >= model.threshold) return { ...whole, unsafe: true };
      for (const clause of promptClauses(text)) {
        if (harmlessClause(clause)) continue;
        const part = score(clause);
        if (part.probability >= model.clauseThreshold)
          return { probability: whole.probability, unsafe: true, strongest: part.strongest, clause: { text: clause, probability: part.probability } };
      }
      return { ...whole, unsafe: false };
    },
  };
}
