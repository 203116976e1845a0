// Idioms whose alarming word means no harm ("killing it on stage", "bored to death", 累死了), in
// data/screening/idioms.tsv. An allowed phrase (allowlist.tsv) is fixed words; an idiom is a
// pattern (patterns.ts syntax: words, a|b, word*, ~N; no @kinds) with two guards that keep the
// literal sense out:
//   !a|b as the first element   the idiom does not count right after a or b (被累死了 is literal)
//   !a|b as the last element    nor right before a or b; !* means nothing may follow ("to die for"
//                               ends the prompt, "to die for his king" does not)
// The words an idiom's word elements take (not its gaps) are allowed like an allowed phrase's, so
// "killing it on the stage with a knife" still shows the knife. Chinese idioms are matched
// character by character (the segmenter may cut 笑死了 as 笑|死了 or 笑死|了), and a word with any
// character taken is allowed, as with allowed phrases.
import { matchPatternAt, parsePattern, type Pattern } from './patterns';
import type { Language, Reading, Token } from './terms';

export interface Idiom {
  language: Language;
  pattern: Pattern;
  /** Words the idiom must not follow directly, or null. */
  notAfter: string[] | null;
  /** Words the idiom must not be followed by; ['*'] for any word (it must end the prompt). */
  notBefore: string[] | null;
  source: string;
}

export function parseIdiom(source: string, meta: { language: Language; explanation: string; where: string }): Idiom {
  const parts = source.split(/\s+/);
  const guard = (raw: string | undefined) => (raw?.startsWith('!') && raw.length > 1 ? raw.slice(1).toLowerCase().split('|') : null);
  const notAfter = guard(parts[0]);
  const notBefore = parts.length > 1 ? guard(parts.at(-1)) : null;
  const body = parts.slice(notAfter ? 1 : 0, notBefore ? -1 : undefined);
  if (body.length === 0) throw new Error(`${meta.where}: idiom "${source}" has no words besides its guards`);
  if (body.some((p) => p.startsWith('!'))) throw new Error(`${meta.where}: idiom "${source}": a !guard goes first or last`);
  if (body.some((p) => p.includes('@'))) throw new Error(`${meta.where}: idiom "${source}": idioms name words, not @kinds`);
  const pattern = parsePattern(body.join(' '), { category: '-', language: meta.language, explanation: meta.explanation, where: meta.where });
  return { language: meta.language, pattern, notAfter, notBefore, source };
}

const isOneOf = (token: Token | undefined, words: string[] | null) =>
  token !== undefined && words !== null && (words.includes('*') || words.includes(token.text) || token.lemmas.some((l) => words.includes(l)));

/** Marks `covered[i]` for tokens of the reading that an idiom takes. */
export function coverIdioms(reading: Reading, idioms: Idiom[], covered: boolean[]): void {
  const mine = idioms.filter((i) => i.language === reading.language);
  if (mine.length === 0) return;
  // Chinese: one token per character, mapped back to the reading's words.
  const tokenOf: number[] = [];
  const tokens: Token[] =
    reading.language === 'en' ? reading.tokens : reading.tokens.flatMap((t, i) => [...t.text].map((ch) => (tokenOf.push(i), { text: ch, lemmas: [] })));
  const none = new Array<boolean>(tokens.length).fill(false);
  for (const idiom of mine) {
    for (let start = 0; start < tokens.length; start++) {
      if (isOneOf(tokens[start - 1], idiom.notAfter)) continue;
      const found = matchPatternAt(idiom.pattern, tokens, [], none, start);
      if (!found || isOneOf(tokens[found.end], idiom.notBefore)) continue;
      for (const i of found.taken) covered[reading.language === 'en' ? i : tokenOf[i]!] = true;
    }
  }
}
