// Which patterns can match a reading at all, found without trying each one at each token. With
// ~3,300 patterns, trying all of them everywhere was half of the screen's time; most of them name
// a word the prompt does not have.
//
// A key is what one alternative of an element needs from a token to match there, by the same
// comparisons as the matcher (patterns.ts), so that a pattern left out could never have matched:
//   w:word   en: a token whose text or a lemma is the word
//   p:abc    en: a prefix alternative (word*): a token or lemma starting with its first letters
//   c:X      zh: a token or lemma starting with the character X (a zh literal may span several
//            segmenter words, but the first of them starts with its first character)
//   k:kind   a span of that kind or category
// A pattern is a candidate when every one of its word elements has a key the reading has.
import type { Pattern, KindSpan } from './patterns';
import type { Language, Token } from './terms';

const PREFIX_KEY_LENGTH = 3;

type WordsElement = Extract<Pattern['elements'][number], { type: 'words' }>;

export interface PatternIndex {
  patterns: Pattern[];
  /** Patterns (by position) listed under each key of their first element, per language. */
  byFirstKey: Record<Language, Map<string, number[]>>;
  /** For each pattern, for each word element, the keys of its alternatives. */
  elementKeys: string[][][];
}

function alternativeKeys(element: WordsElement, language: Language): string[] {
  return element.alternatives.map((alt) => {
    if (alt.kind !== undefined) return `k:${alt.kind}`;
    const first = alt.parts[0]!;
    if (language === 'zh') return `c:${first[0]}`;
    if (alt.prefix && alt.parts.length === 1) return `p:${first.slice(0, PREFIX_KEY_LENGTH)}`;
    return `w:${first}`;
  });
}

export function indexPatterns(patterns: Pattern[]): PatternIndex {
  const byFirstKey: PatternIndex['byFirstKey'] = { en: new Map(), zh: new Map() };
  const elementKeys = patterns.map((pattern, at) => {
    const keys = pattern.elements.flatMap((e) => (e.type === 'words' ? [alternativeKeys(e, pattern.language)] : []));
    for (const key of new Set(keys[0])) {
      const list = byFirstKey[pattern.language].get(key);
      if (list) list.push(at);
      else byFirstKey[pattern.language].set(key, [at]);
    }
    return keys;
  });
  return { patterns, byFirstKey, elementKeys };
}

/** Every key the reading's tokens and kind spans can satisfy; null when no key can stand for them. */
function readingKeys(tokens: Token[], spans: KindSpan[][], language: Language): Set<string> | null {
  const keys = new Set<string>();
  for (const token of tokens) {
    for (const word of [token.text, ...token.lemmas]) {
      // An empty token lets a zh literal start at the next one: no first character stands for it.
      if (word === '') return null;
      if (language === 'zh') keys.add(`c:${word[0]}`);
      else {
        keys.add(`w:${word}`);
        for (let n = 1; n <= PREFIX_KEY_LENGTH && n <= word.length; n++) keys.add(`p:${word.slice(0, n)}`);
      }
    }
  }
  for (const at of spans)
    for (const span of at) {
      keys.add(`k:${span.kind}`);
      keys.add(`k:${span.category}`);
    }
  return keys;
}

/** The patterns of the reading's language that may match it, in the order of the lexicon. */
export function candidatePatterns(index: PatternIndex, tokens: Token[], spans: KindSpan[][], language: Language): Pattern[] {
  const keys = readingKeys(tokens, spans, language);
  if (!keys) return index.patterns.filter((p) => p.language === language);
  const found = new Set<number>();
  for (const key of keys) for (const at of index.byFirstKey[language].get(key) ?? []) found.add(at);
  return [...found]
    .sort((a, b) => a - b)
    .filter((at) => index.elementKeys[at]!.every((alternatives) => alternatives.some((key) => keys.has(key))))
    .map((at) => index.patterns[at]!);
}
