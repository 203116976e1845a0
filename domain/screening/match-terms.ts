// Layers 2 and 3 over one reading: which lexicon terms (words and kinds) occur as whole words,
// outside allowed phrases. English terms are compared with each token's lemmas; Chinese terms must
// start and end on word boundaries unless written *…* (morphemes such as 血, 枪).
import { coverIdioms, type Idiom } from './idioms';
import type { KindSpan } from './patterns';
import type { AllowPhrase, Reading, Term, Token } from './terms';

export interface TermMatch {
  term: Term;
  start: number;
  end: number;
  /** Only from ambiguous tokens (lone pinyin syllables): usable by patterns, never decides. */
  weak?: boolean;
}

/** Terms indexed for one language, built once per lexicon. */
export interface TermIndex {
  /** en: first word → terms; multi-word terms also under their words joined ("ak47"). */
  byWord: Map<string, Term[]>;
  prefixes: Term[];
  zh: Term[];
  allowEn: AllowPhrase[];
  allowZh: string[];
  idioms: Idiom[];
}

export function indexTerms(terms: Term[], allow: AllowPhrase[], idioms: Idiom[] = []): TermIndex {
  const byWord = new Map<string, Term[]>();
  const add = (key: string, t: Term) => byWord.set(key, [...(byWord.get(key) ?? []), t]);
  const prefixes: Term[] = [];
  for (const t of terms) {
    if (t.language !== 'en') continue;
    if (t.prefix && t.words.length === 1) prefixes.push(t);
    else add(t.words[0]!, t);
    if (t.words.length > 1 && !t.prefix) add(t.words.join(''), t);
  }
  return {
    byWord,
    prefixes,
    zh: terms.filter((t) => t.language === 'zh'),
    allowEn: allow.filter((a) => a.language === 'en'),
    allowZh: allow.filter((a) => a.language === 'zh').map((a) => a.words[0]!),
    idioms,
  };
}

/** Readings that run written words together, so that an allowed phrase may arrive as one token. */
const JOINING_TRICKS = new Set(['spaced-out letters joined', 'punctuation inside a word removed']);
/** What may be glued in front of an allowed phrase when a reading joined spaced-out letters: nothing, or an article. */
const JOINED_ARTICLES = ['', 'a', 'an', 'the'];

const forms = (token: Token) => [token.text, ...token.lemmas];

function wordAt(tokens: Token[], at: number, word: string, prefix: boolean): boolean {
  const token = tokens[at];
  if (!token) return false;
  return forms(token).some((f) => f === word || (prefix && f.startsWith(word)));
}

/** Tokens that belong to an allowed phrase ("killer whale", "dead tired", "die to" as in "dying to play") or an idiom ("bored to death"). */
export function allowedTokens(reading: Reading, index: TermIndex): boolean[] {
  const { tokens } = reading;
  const covered = new Array<boolean>(tokens.length).fill(false);
  coverIdioms(reading, index.idioms, covered);
  if (reading.language === 'en') {
    // Only where the reading itself ran words together: "photoshoot" as written is its own word.
    const joinedByReading = reading.tricks.some((t) => JOINING_TRICKS.has(t));
    for (const phrase of index.allowEn) {
      for (let i = 0; i + phrase.words.length <= tokens.length; i++) {
        if (phrase.words.every((w, j) => wordAt(tokens, i + j, w, false))) phrase.words.forEach((_, j) => (covered[i + j] = true));
      }
      if (phrase.words.length > 1 && joinedByReading) {
        // Joined letters take a spaced-out article with them ("a s h o o t i n g star" reads "ashooting star").
        for (const article of JOINED_ARTICLES) coverJoinedPhrase(tokens, article + phrase.words.join(''), covered);
      }
    }
    return covered;
  }
  const { text, tokenOfChar } = joined(tokens);
  for (const phrase of index.allowZh) {
    for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
      for (let c = at; c < at + phrase.length; c++) covered[tokenOfChar[c]!] = true;
    }
  }
  return covered;
}

/**
 * An allowed phrase whose words were run together ("s h o o t i n g  s t a r" joins into
 * "shootingstar", "water-gun fight" into "watergun fight"): tokens whose letters, in a row, spell
 * exactly the phrase's words joined are covered too. Exact spelling only, so a spaced-out term
 * beside the phrase ("shootingthe") stays a term.
 */
function coverJoinedPhrase(tokens: Token[], phrase: string, covered: boolean[]): void {
  for (let i = 0; i < tokens.length; i++) {
    let text = '';
    for (let k = i; k < tokens.length && text.length < phrase.length; k++) {
      if (forms(tokens[k]!).some((f) => text + f === phrase)) {
        for (let c = i; c <= k; c++) covered[c] = true;
        break;
      }
      text += tokens[k]!.text;
    }
  }
}

function joined(tokens: Token[]): { text: string; tokenOfChar: number[]; starts: Set<number>; ends: Set<number> } {
  let text = '';
  const tokenOfChar: number[] = [];
  const starts = new Set<number>();
  const ends = new Set<number>();
  tokens.forEach((t, i) => {
    starts.add(text.length);
    text += t.text;
    for (let c = 0; c < t.text.length; c++) tokenOfChar.push(i);
    ends.add(text.length);
  });
  return { text, tokenOfChar, starts, ends };
}

function englishMatches(tokens: Token[], index: TermIndex, covered: boolean[]): TermMatch[] {
  const found: TermMatch[] = [];
  tokens.forEach((token, i) => {
    if (covered[i]) return;
    const candidates = new Set<Term>();
    for (const f of forms(token)) for (const t of index.byWord.get(f) ?? []) candidates.add(t);
    for (const t of candidates) {
      // A multi-word term written as one word ("ak47") is a whole-token match.
      if (t.words.length > 1 && forms(token).includes(t.words.join(''))) {
        found.push({ term: t, start: i, end: i + 1 });
        continue;
      }
      const n = t.words.length;
      if (t.words.every((w, j) => !covered[i + j] && wordAt(tokens, i + j, w, t.prefix && j === n - 1))) found.push({ term: t, start: i, end: i + n });
    }
    for (const t of index.prefixes) if (forms(token).some((f) => f.startsWith(t.words[0]!))) found.push({ term: t, start: i, end: i + 1 });
  });
  return found;
}

function chineseMatches(tokens: Token[], index: TermIndex, covered: boolean[]): TermMatch[] {
  const { text, tokenOfChar, starts, ends } = joined(tokens);
  const found: TermMatch[] = [];
  for (const term of index.zh) {
    const word = term.words[0]!;
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
      const end = at + word.length;
      if (!term.inside && !(starts.has(at) && ends.has(end))) continue;
      const first = tokenOfChar[at]!;
      const last = tokenOfChar[end - 1]!;
      let free = true;
      for (let i = first; i <= last; i++) if (covered[i]) free = false;
      if (free) found.push({ term, start: first, end: last + 1 });
    }
    // Pinyin tokens carry every word they may spell: 'jian' is 剑 and also 贱.
    tokens.forEach((t, i) => {
      if (!covered[i] && t.text !== word && t.lemmas.includes(word)) found.push({ term, start: i, end: i + 1 });
    });
  }
  return found;
}

export function matchTerms(reading: Reading, index: TermIndex, covered: boolean[]): TermMatch[] {
  const found = reading.language === 'en' ? englishMatches(reading.tokens, index, covered) : chineseMatches(reading.tokens, index, covered);
  // Terms read only from lone pinyin syllables stay as kinds for patterns but decide nothing.
  return found.map((m) => (reading.tokens.slice(m.start, m.end).every((t) => t.weak) ? { ...m, weak: true } : m));
}

/** The kinds found, by the token they start at: what `@kind` in a pattern and `when` in kinds.tsv look for. */
export function kindSpans(matches: TermMatch[], length: number): KindSpan[][] {
  const spans: KindSpan[][] = Array.from({ length }, () => []);
  for (const m of matches) spans[m.start]!.push({ start: m.start, end: m.end, kind: m.term.kind, category: m.term.category });
  return spans;
}
