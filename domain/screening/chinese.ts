// Chinese text as words: traditional characters to simplified (OpenCC's tables, via opencc-js) so
// that one lexicon covers both scripts, then word segmentation with ICU's dictionary
// (Intl.Segmenter 'zh', in Node's full ICU), so that 剑 in 剑桥 or 酒 in 酒店 is not a word.
import type { Token } from './terms';

type Convert = (text: string) => string;

/** Traditional → simplified converter; the t2cn bundle alone loads in about 30 ms. */
export function traditionalToSimplified(): Convert {
  // opencc-js declares its subpath bundles only through "exports", which this tsconfig's
  // node resolution does not read: required by path, typed here.
  const opencc = require('opencc-js/t2cn') as { Converter(options: { from: string; to: string }): Convert };
  return opencc.Converter({ from: 't', to: 'cn' });
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Components typed side by side (木仓) joined back into the character they spell (枪). */
export function joinSplitCharacters(text: string, table: [parts: string, character: string][]): string {
  let out = text;
  for (const [parts, character] of table) if (out.includes(parts)) out = out.split(parts).join(character);
  return out;
}

/** Where a clause ends: a word never runs across it (手，把 is not 手把, a handle). */
const CLAUSE_END = /[，。；！？、：,;!?\n]+/u;

/**
 * The Chinese text as words: Han characters, Latin letters and digits ("ak74", "ss", pinyin such as
 * "qiang" typed in the middle of Chinese); spacing and other punctuation are dropped, so "血 的" is
 * "血的". Each clause is segmented alone; terms and patterns still match across clauses.
 */

export function chineseTokens(text: string): Token[] {
  const tokens: Token[] = [];
  for (const clause of text.split(CLAUSE_END)) {
    const kept = clause.replace(/[^\p{Script=Han}a-z0-9]/gu, '');
    for (const { segment } of segmenter.segment(kept)) tokens.push({ text: segment, lemmas: [segment] });
  }
  return tokens;
}
