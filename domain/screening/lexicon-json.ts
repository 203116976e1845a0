// The shapes of the screening lexicon's JSON files (data/screening/*.json and generated/*.json).
// Each file is read through its schema instead of a cast, so a damaged or hand-edited file fails
// when the lexicon loads, with a message naming the file and what is wrong in it, not as an
// undefined deep inside screening.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseJsonPayload } from '../payload-schemas';
import { STYLES } from '../request';

const nonEmpty = z.string().min(1);

export const confusablesSchema = z.object({ leetspeak: z.record(nonEmpty, z.union([nonEmpty, z.array(nonEmpty).min(1)])) });

export const styleSchema = z.object({
  template: nonEmpty.refine((t) => t.includes('{prompt}'), 'template has no {prompt}'),
  styles: z.object(Object.fromEntries(STYLES.map((s) => [s, nonEmpty])) as Record<(typeof STYLES)[number], typeof nonEmpty>),
  negativePrompt: nonEmpty,
});

export const splitCharactersSchema = z.object({ characters: z.record(nonEmpty, nonEmpty) });

export const symbolsSchema = z.object({
  symbols: z.array(z.object({ chars: nonEmpty, one: nonEmpty, more: nonEmpty, from: z.number().int().min(1).optional() })),
});

export const homophonesSchema = z.object({
  /** Characters a homophone run may cut off in front of it inside a word (着 of 着手). */
  functionCharacters: nonEmpty,
  /** Verb complements and particles: a run ending in one is a word and its grammar as written (装上, 好戏|是), never a homophone. */
  endingCharacters: nonEmpty,
  /** Localisers (上, 里, 下…): after a place word they end its phrase (草地|上), so a run never starts on one there. */
  localiserCharacters: nonEmpty,
  /** Ordinary words neither dictionary keeps whole (幼儿|园): a homophone run never starts or ends inside one. */
  splitWords: z.array(z.string().regex(/^\p{Script=Han}{2,}$/u, 'Chinese words of two characters or more')),
  /** Numerals and demonstratives (一, 两, 这…): a measure word after one belongs to it (一只|拿 is not 支那). */
  numeralCharacters: nonEmpty.optional(),
  /** Measure words (只, 个, 条…). */
  measureCharacters: nonEmpty.optional(),
  /** Aspect particles (着): a one-character word before one is a verb (人|指|着 is not 人质). */
  aspectCharacters: nonEmpty.optional(),
  adverbCharacters: nonEmpty.optional(),
});

/** generated/pinyin.json and han-pinyin.json: word → pinyin, syllable → characters. */
export const stringMapSchema = z.record(nonEmpty, nonEmpty);

/** generated/emoji-words.json: emoji → its words. */
export const emojiWordsSchema = z.record(nonEmpty, z.string());

export const nearWordsSchema = z.array(nonEmpty);

/** generated/wordnet-kinds.json: kind → category and words. */
export const wordnetKindsSchema = z.record(nonEmpty, z.object({ category: nonEmpty, words: z.array(nonEmpty) }));

/** A screening data file read and checked; a bad file throws an Error naming its path. */
export function readLexiconJson<S extends z.ZodType>(path: string, schema: S): z.output<S> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`${path}: cannot read screening data (${(err as Error).message})`);
  }
  return parseJsonPayload(schema, text, path, (what, problem) => new Error(`${what}: damaged screening data: ${problem}`));
}
