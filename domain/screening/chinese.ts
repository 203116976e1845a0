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

/**
 * Parts typed side by side joined back into the character, from the table generated out of
 * decomposition data (generated/split-characters.json: 讠秀 → 诱). That table has every left-right
 * character of the word lists, and many of their parts are everyday characters (口, 人, 火), so a
 * pair is joined only where each part stands alone as a word: in 着火因为 the 火 belongs to 着火 and
 * 因 to 因为, so no 烟 is made of them.
 */
export function joinLoneParts(text: string, parts: ReadonlyMap<string, string>): string {
  const words = [...segmenter.segment(text)].map((s) => s.segment);
  let out = '';
  for (let i = 0; i < words.length; i++) {
    const [word, next] = [words[i]!, words[i + 1]];
    const joined = next !== undefined && [...word].length === 1 && [...next].length === 1 ? parts.get(word + next) : undefined;
    if (joined) {
      out += joined;
      i++;
    } else out += word;
  }
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
    let first = tokens.length > 0;
    for (const { segment } of segmenter.segment(kept)) {
      tokens.push(first ? { text: segment, lemmas: [segment], opensClause: true } : { text: segment, lemmas: [segment] });
      first = false;
    }
  }
  return tokens;
}
