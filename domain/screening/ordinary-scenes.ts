// The everyday picture vocabulary (data/screening/ordinary-scenes.json): an animal, kind words about
// it, what it does, where, in what style. It has two uses. Training composes harmless prompts from
// it (scripts/ordinary-scenes.ts), and the classifier layer leaves alone a prompt, or a clause, made
// only of its words: no combination of them tells a harm, and the training sets, mostly harms and
// near-misses, taught the classifier that a bare "cute bunny" opens an unsafe prompt. The lists and
// patterns still judge every prompt.
import { z } from 'zod';
import { EMOJI, bareEmoji } from './emoji';

const vocabularySchema = z.object({
  subjects: z.array(z.string().min(1)).min(1),
  descriptors: z.array(z.string().min(1)).min(1),
  doings: z.array(z.string().min(1)).min(1),
  settings: z.array(z.string().min(1)).min(1),
  styles: z.array(z.string().min(1)).min(1),
  /** Words that join the others: articles, measure words, particles. */
  joiners: z.array(z.string().min(1)),
  /** How people open and close a request ("can u draw", "plz", 帮我画). */
  openers: z.array(z.string().min(1)),
  closers: z.array(z.string().min(1)),
});
export type OrdinaryVocabulary = z.infer<typeof vocabularySchema>;

export const ordinaryScenesSchema = z.object({
  /** How many prompts training composes per language. */
  count: z.object({ en: z.number().int().positive(), zh: z.number().int().positive() }),
  /** Emoji whose harmless words hide a use that is not ordinary (🍆, 💦): the classifier always judges them. */
  notOrdinaryEmoji: z.array(z.string().min(1)),
  en: vocabularySchema,
  zh: vocabularySchema,
});
export type OrdinaryScenes = z.infer<typeof ordinaryScenesSchema>;

const allEntries = (v: OrdinaryVocabulary) => [
  ...v.subjects,
  ...v.descriptors,
  ...v.doings,
  ...v.settings,
  ...v.styles,
  ...v.joiners,
  ...v.openers,
  ...v.closers,
];

const HAN_RUN = /\p{Script=Han}+/gu;

/** True when `text` (the classifier's text: lower-case, simplified) is words of the vocabulary only. */
export type OrdinaryScene = (text: string) => boolean;

/**
 * Whether an emoji (without variation selectors or skin tones) may sit in an ordinary scene: 🐰 and
 * 🌸 beside "cute bunny" tell nothing more. The lexicon says no for an emoji whose words name a harm
 * (🔪 "… weapon", 🍺 "… alcohol"); `notOrdinaryEmoji` for those whose words do not tell their use.
 */
export type OrdinaryEmoji = (emoji: string) => boolean;

export function ordinarySceneReader(scenes: OrdinaryScenes, harmlessEmoji: OrdinaryEmoji = () => false): OrdinaryScene {
  const notOrdinary = new Set(scenes.notOrdinaryEmoji.map(bareEmoji));
  const ordinaryEmoji = (emoji: string) => !notOrdinary.has(bareEmoji(emoji)) && harmlessEmoji(bareEmoji(emoji));
  const englishWords = new Set(allEntries(scenes.en).flatMap((e) => e.toLowerCase().match(/[a-z0-9]+/g) ?? []));
  const chineseUnits = new Set(allEntries(scenes.zh).flatMap((e) => e.match(HAN_RUN) ?? []));
  const longestUnit = Math.max(...[...chineseUnits].map((u) => u.length));
  // A run of Han characters is ordinary when whole vocabulary entries cover it end to end.
  const covered = (run: string) => {
    const reach = [true, ...Array<boolean>(run.length).fill(false)];
    for (let end = 1; end <= run.length; end++)
      for (let len = 1; len <= Math.min(longestUnit, end) && !reach[end]; len++) reach[end] = reach[end - len]! && chineseUnits.has(run.slice(end - len, end));
    return reach[run.length]!;
  };
  return (written) => {
    let strange = false;
    const text = written.replace(EMOJI, (emoji) => {
      if (!ordinaryEmoji(emoji)) strange = true;
      return ' ';
    });
    // Anything else but letters, digits, Han characters, spaces and punctuation (a symbol) is not ordinary.
    if (strange || /[^\p{L}\p{N}\p{Zs}\p{P}]/u.test(text.replace(/\s/g, ' '))) return false;
    const latin = text.replace(HAN_RUN, ' ');
    if (/[^\x00-\x7f]/.test(latin.replace(/[\p{P}\p{Zs}]/gu, ''))) return false;
    const words = latin.match(/[a-z0-9]+/g) ?? [];
    const runs = text.match(HAN_RUN) ?? [];
    if (words.length + runs.length === 0) return false;
    return words.every((w) => englishWords.has(w)) && runs.every(covered);
  };
}
