// Layer 4: descriptions of harm without a banned word ("lying motionless in a pool of red paint"),
// written as patterns over lemmas and kinds in data/screening/patterns.tsv. Syntax, one pattern a
// line, elements separated by spaces:
//   word        a token whose lemma or surface form is `word` (en: "hang" matches "hanging")
//   a|b|c       any of the alternatives; `word*` is a prefix; `red_paint` is two tokens in a row
//               (zh: a literal may also span several segmenter words: 白色粉末 = 白色|粉末)
//   @kind       a term of that kind or category from the lexicon (@firearm, @weapons, @drug-use);
//               kinds and words mix as alternatives: 刀|@weapons
//   ~N          up to N tokens of anything (0..N)
//   [abc]       inside a word: any one of these characters, for Chinese character families
//               ([砸闷淹]死 = 砸死|闷死|淹死: a verb of harm with a result, written once for all)
// A pattern matches anywhere in the prompt; words of an allowed phrase never match an element.
import type { Language, Token } from './terms';

/** One alternative of an element: words in a row, or a kind from the lexicon. */
type Alternative = { parts: string[]; prefix: boolean; kind?: undefined } | { kind: string };

export type PatternElement = { type: 'words'; alternatives: Alternative[]; words: string[] } | { type: 'gap'; max: number };

export interface Pattern {
  category: string;
  language: Language;
  elements: PatternElement[];
  source: string;
  explanation: string;
}

/** A kind found in a reading: tokens start..end (exclusive). */
export interface KindSpan {
  start: number;
  end: number;
  kind: string;
  category: string;
}

/** Families are products of small sets; a bigger product is a typo (a missing bracket), not a family. */
const MAX_FAMILY = 2000;

/** "[砸闷]死*" → ["砸死*", "闷死*"]: every spelling a word with character classes stands for. */
export function expandCharacterClasses(word: string, where: string): string[] {
  const at = word.indexOf('[');
  if (at < 0) {
    if (word.includes(']')) throw new Error(`${where}: "]" without "[" in "${word}"`);
    return [word];
  }
  const close = word.indexOf(']', at);
  if (close < 0 || close === at + 1) throw new Error(`${where}: unclosed or empty character class in "${word}"`);
  // [^…] reads as "not these" in regular expressions; here it would quietly add "^" as a character.
  if (word[at + 1] === '^') throw new Error(`${where}: a character class lists characters, "[^" (negation) is not supported in "${word}"`);
  const rest = expandCharacterClasses(word.slice(close + 1), where);
  const out = [...word.slice(at + 1, close)].flatMap((ch) => rest.map((r) => word.slice(0, at) + ch + r));
  if (out.length > MAX_FAMILY) throw new Error(`${where}: "${word}" stands for ${out.length} words (at most ${MAX_FAMILY})`);
  return out;
}

export function parsePattern(source: string, meta: { category: string; language: Language; explanation: string; where: string }): Pattern {
  const elements = source.split(/\s+/).map((raw): PatternElement => {
    const gap = /^~(\d+)$/.exec(raw);
    if (gap) return { type: 'gap', max: Number(gap[1]) };
    const alternatives = raw
      .toLowerCase()
      .split('|')
      .flatMap((alt) => expandCharacterClasses(alt, meta.where))
      .map((alt): Alternative => {
        if (alt.startsWith('@')) {
          if (!/^@[\w-]+$/.test(alt)) throw new Error(`${meta.where}: bad kind "${alt}" in pattern "${source}"`);
          return { kind: alt.slice(1) };
        }
        // "a?" reads as "maybe a" in regular expressions; here it would be a word that never matches.
        if (alt.includes('?')) throw new Error(`${meta.where}: "${alt}" in pattern "${source}": write an optional word as a gap (~1), not with "?"`);
        const prefix = alt.endsWith('*');
        // The prompt's words are split at apostrophes and hyphens ("grandpa's" is read as grandpa s,
        // "grown-up" as grown up), so a pattern's word is too: written whole it would never match.
        const parts = (prefix ? alt.slice(0, -1) : alt).split(/[_'’-]/).filter(Boolean);
        if (parts.length === 0) throw new Error(`${meta.where}: empty alternative in "${raw}" of pattern "${source}"`);
        return { parts, prefix };
      });
    return { type: 'words', alternatives, words: alternatives.flatMap((a) => (a.kind === undefined ? [a.parts.join('')] : [])) };
  });
  if (elements[0]?.type === 'gap' || elements.at(-1)?.type === 'gap') throw new Error(`${meta.where}: pattern "${source}" starts or ends with a gap`);
  return { ...meta, elements, source };
}

function tokenIs(token: Token, word: string, prefix: boolean): boolean {
  if (token.text === word || token.lemmas.includes(word)) return true;
  return prefix && (token.text.startsWith(word) || token.lemmas.some((l) => l.startsWith(word)));
}

/** Aspect, place and complement particles that follow a verb: 着 了 过 在 到 住 掉 得 (撕|咬得|浑身是伤). */
const VERB_PARTICLES = '着了过在到住掉得';
/** Place words the segmenter glues to a noun (楼顶上, 天|台上): a place of two characters or more still matches. */
const PLACE_SUFFIXES = '上里下边中';

/** The segmenter glued one character to the literal that leaves its meaning: a verb's particle or a place's side. */
function gluedToLiteral(text: string, lit: string): boolean {
  if (text.length !== lit.length + 1 || !text.startsWith(lit)) return false;
  const last = text.at(-1)!;
  return VERB_PARTICLES.includes(last) || (lit.length >= 2 && PLACE_SUFFIXES.includes(last));
}

/** Token count an alternative covers at `at`, or 0. zh literals may span several segmenter words. */
function alternativeAt(tokens: Token[], at: number, alt: { parts: string[]; prefix: boolean }, language: Language, blocked: boolean[]): number {
  if (language === 'zh' && alt.parts.length === 1) {
    const lit = alt.parts[0]!;
    // A pinyin token carries every word its syllables spell.
    if (!blocked[at] && tokens[at]?.lemmas.includes(lit)) return 1;
    let text = '';
    for (let i = at; i < tokens.length && !blocked[i]; i++) {
      text += tokens[i]!.text;
      if (text === lit || (alt.prefix && text.startsWith(lit))) return i - at + 1;
      // The segmenter glues a particle to a verb (套在, 做|掉了) or a side to a place: the word still matches.
      if (gluedToLiteral(text, lit)) return i - at + 1;
      if (!lit.startsWith(text)) return 0;
    }
    return 0;
  }
  for (let j = 0; j < alt.parts.length; j++) {
    const token = tokens[at + j];
    if (!token || blocked[at + j] || !tokenIs(token, alt.parts[j]!, alt.prefix && j === alt.parts.length - 1)) return 0;
  }
  return alt.parts.length;
}

/**
 * Where the pattern matches when it starts at token `start`: its end (exclusive) and the tokens its
 * word elements took (gaps excluded), or null. `blocked` marks tokens of allowed phrases.
 * Backtracking over short token lists (prompts are at most 500 characters).
 */
export function matchPatternAt(
  pattern: Pattern,
  tokens: Token[],
  spans: KindSpan[][],
  blocked: boolean[],
  start: number,
): { end: number; taken: number[] } | null {
  const state: MatchState = { elements: pattern.elements, language: pattern.language, tokens, spans, blocked, taken: [] };
  const end = matchFrom(state, 0, start);
  return end >= 0 ? { end, taken: state.taken } : null;
}

// The matcher is plain recursive functions over one state object, not closures made per call: it
// runs for every pattern at every token of every reading, and closures (named by tsx at creation)
// were half of the screen's time.
interface MatchState {
  elements: Pattern['elements'];
  language: Pattern['language'];
  tokens: Token[];
  spans: KindSpan[][];
  blocked: boolean[];
  /** Tokens taken by the elements matched so far. */
  taken: number[];
}

/** Where elements[e..] end when matched from token `at`, or -1. */
function matchFrom(s: MatchState, e: number, at: number): number {
  if (e === s.elements.length) return at;
  const element = s.elements[e]!;
  if (element.type === 'gap') {
    for (let skip = 0; skip <= element.max && at + skip <= s.tokens.length; skip++) {
      const end = matchFrom(s, e + 1, at + skip);
      if (end >= 0) return end;
      // The nearest word a gap leads to is the one the pattern means: when that word sits in an
      // allowed phrase ("不要把钥匙插进插座"), a gap does not run on to the same word further on.
      if (allowedWordAt(s, e + 1, at + skip)) return -1;
    }
    return -1;
  }
  if (at >= s.tokens.length || s.blocked[at]) return -1;
  for (const alt of element.alternatives) {
    if (alt.kind !== undefined) {
      for (const span of s.spans[at] ?? []) {
        if (span.kind !== alt.kind && span.category !== alt.kind) continue;
        const end = takeThenMatch(s, e, at, span.end);
        if (end >= 0) return end;
      }
      continue;
    }
    const n = alternativeAt(s.tokens, at, alt, s.language, s.blocked);
    if (n === 0) continue;
    const end = takeThenMatch(s, e, at, at + n);
    if (end >= 0) return end;
  }
  return -1;
}

const NOTHING_BLOCKED: boolean[] = [];

/** Whether element e (a word element) would match at token `at` but for an allowed phrase there. */
function allowedWordAt(s: MatchState, e: number, at: number): boolean {
  const element = s.elements[e];
  if (element?.type !== 'words' || !s.blocked[at]) return false;
  return element.alternatives.some((alt) =>
    alt.kind !== undefined
      ? (s.spans[at] ?? []).some((span) => span.kind === alt.kind || span.category === alt.kind)
      : alternativeAt(s.tokens, at, alt, s.language, NOTHING_BLOCKED) > 0,
  );
}

/** Element e takes tokens [from, to); the rest must match after them, or they are given back. */
function takeThenMatch(s: MatchState, e: number, from: number, to: number): number {
  for (let i = from; i < to; i++) s.taken.push(i);
  const end = matchFrom(s, e + 1, to);
  if (end < 0) s.taken.length -= to - from;
  return end;
}

/**
 * Where the pattern first matches: [start, end), or null. `blocked` marks tokens of allowed phrases.
 * A match whose words are all weak tokens (lone pinyin syllables: "hua … wan" spells 划 … 腕 as
 * well as 画 … 玩) decides nothing, as a term read from one syllable decides nothing.
 */
export function matchPattern(pattern: Pattern, tokens: Token[], spans: KindSpan[][], blocked: boolean[]): [number, number] | null {
  for (let start = 0; start < tokens.length; start++) {
    const found = matchPatternAt(pattern, tokens, spans, blocked, start);
    if (found && !found.taken.every((t) => tokens[t]!.weak)) return [start, found.end];
  }
  return null;
}
