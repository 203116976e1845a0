// Some words of the blocklist have common harmless senses in children's pictures ("shooting hoops",
// 扣杀, a kitchen knife, a vampire costume). An allow-list can only hold the senses somebody wrote
// down; the classifier layer has learnt both senses of these words from labelled prompts. So when a
// prompt's only evidence is such words, each read as written, the classifier decides: the prompt is
// allowed only if it is sure the prompt is harmless (probability below the model's `clearsBelow`).
import { join } from 'node:path';
import type { ScreeningEvidence } from '../pipeline';
import { tsvRows } from './lexicon-files';
import type { Term } from './terms';

/** Terms of blocklist.tsv with common harmless senses, as written there (harmless-senses.tsv). */
export type HarmlessSenses = ReadonlySet<string>;

/** harmless-senses.tsv: language, term, a harmless sense; every term must be a blocklist term of that language. */
export function loadHarmlessSenses(dir: string, blocklist: readonly Term[]): HarmlessSenses {
  const path = join(dir, 'harmless-senses.tsv');
  const listed = new Set(blocklist.map((t) => `${t.language}\u0000${t.source}`));
  return new Set(
    tsvRows(path, 3).map(({ cells: [language, term], where }) => {
      if (!listed.has(`${language}\u0000${term}`)) throw new Error(`${where}: "${term}" (${language}) is not a term of blocklist.tsv`);
      return term!;
    }),
  );
}

/**
 * Whether a denial rests only on words with harmless senses, each read as written: a misspelt,
 * homophone, pinyin or split-character reading is an evasion, and no harmless sense clears that.
 * A kind found in the same words ("sword" as a WordNet weapon) rests on them too.
 */
/** Whether the evidence is a word-list term, read as written, that has harmless senses. */
export const hasHarmlessSense = (e: ScreeningEvidence, senses: HarmlessSenses): boolean => e.layer === 'words' && e.readAs.length === 0 && senses.has(e.rule);

export function restsOnHarmlessSenses(evidence: readonly ScreeningEvidence[], senses: HarmlessSenses): boolean {
  const words = evidence.filter((e) => hasHarmlessSense(e, senses));
  const matched = new Set(words.map((e) => e.matched));
  return words.length > 0 && evidence.every((e) => words.includes(e) || (e.layer === 'kinds' && e.readAs.length === 0 && matched.has(e.matched)));
}
