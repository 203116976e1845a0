// Reads the hand-written screening tables in data/screening/ (blocklist, allowlist, kinds,
// patterns). Each loader rejects a malformed line with its file and line number, so that a data
// change that cannot work fails at worker start, not silently at screening time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readLexiconJson, wordnetKindsSchema } from './lexicon-json';
import { parseIdiom, type Idiom } from './idioms';
import { parsePattern, type Pattern } from './patterns';
import type { AllowPhrase, Language, Term } from './terms';

interface Row {
  cells: string[];
  where: string;
}

/** Tab-separated rows; `#` starts a comment line; every row has between min and max cells. */
export function tsvRows(path: string, min: number, max: number = min): Row[] {
  const rows: Row[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      if (!text.trim() || text.startsWith('#')) return;
      const cells = text.split('\t').map((c) => c.trim());
      if (cells.length < min || cells.length > max || cells.some((c) => !c)) {
        throw new Error(`${path}:${i + 1}: expected ${min === max ? min : `${min} to ${max}`} tab-separated columns, got "${text}"`);
      }
      rows.push({ cells, where: `${path}:${i + 1}` });
    });
  return rows;
}

function language(value: string, where: string): Language {
  if (value !== 'en' && value !== 'zh') throw new Error(`${where}: language must be en or zh, got "${value}"`);
  return value;
}

/**
 * One term as written. en: words (lemmas) separated by spaces, a trailing * makes the last one a
 * prefix ("kill*"). zh: one or more whole words ("手枪" does not match inside "大麻烦"'s words);
 * wrapped in *…* it also matches inside a word ("*血*" in "满身是血").
 */
export function parseTerm(term: string, lang: Language): Pick<Term, 'words' | 'prefix' | 'inside'> {
  if (lang === 'zh') {
    const inside = term.length > 2 && term.startsWith('*') && term.endsWith('*');
    return { words: [(inside ? term.slice(1, -1) : term).toLowerCase()], prefix: false, inside };
  }
  const prefix = term.endsWith('*');
  const body = (prefix ? term.slice(0, -1) : term).toLowerCase();
  // "AK-47" is written as the words people type: "ak 47"; the single word "ak47" is matched too.
  return { words: body.split(/[\s-]+/).filter(Boolean), prefix, inside: false };
}

/** blocklist.tsv: category, language, term. Each term is its own kind, named by its category. */
export function loadBlocklist(dir: string): Term[] {
  const path = join(dir, 'blocklist.tsv');
  return tsvRows(path, 3).map(({ cells: [category, lang, term], where }) => {
    const language_ = language(lang!, where);
    return { layer: 'words', kind: category!, category: category!, language: language_, ...parseTerm(term!, language_), when: null, source: term! };
  });
}

/**
 * kinds.tsv: kind, category, language, term, and optionally the kind that must also be in the
 * prompt for the term to count ("heroine" only near drug use). Category "-" marks a context kind:
 * it never decides alone, it only serves `when` and patterns.
 */
export function loadKinds(dir: string): Term[] {
  const path = join(dir, 'kinds.tsv');
  return tsvRows(path, 4, 5).map(({ cells: [kind, category, lang, term, when], where }) => {
    const language_ = language(lang!, where);
    return {
      layer: 'kinds',
      kind: kind!,
      category: category!,
      language: language_,
      ...parseTerm(term!, language_),
      when: when && when !== '-' ? when : null,
      source: term!,
    };
  });
}

/** generated/wordnet-kinds.json (scripts/generate-screening-data.ts): kind → category and words. */
export function loadWordnetKinds(dir: string): Term[] {
  const data = readLexiconJson(join(dir, 'generated', 'wordnet-kinds.json'), wordnetKindsSchema);
  return Object.entries(data).flatMap(([kind, { category, words }]) =>
    words.map((w): Term => ({ layer: 'kinds', kind, category, language: 'en', ...parseTerm(w, 'en'), when: null, source: `${w} (WordNet ${kind})` })),
  );
}

/** allowlist.tsv: language, phrase. Words of an allowed phrase cannot be part of a blocked match. */
export function loadAllowlist(dir: string): AllowPhrase[] {
  const path = join(dir, 'allowlist.tsv');
  return tsvRows(path, 2).map(({ cells: [lang, phrase], where }) => {
    const language_ = language(lang!, where);
    return { language: language_, words: parseTerm(phrase!, language_).words, source: phrase! };
  });
}

/** idioms.tsv: language, idiom, what it means (syntax in idioms.ts). */
export function loadIdioms(dir: string): Idiom[] {
  const path = join(dir, 'idioms.tsv');
  return tsvRows(path, 3).map(({ cells: [lang, idiom, explanation], where }) =>
    parseIdiom(idiom!, { language: language(lang!, where), explanation: explanation!, where }),
  );
}

/** patterns.tsv: category, language, pattern, explanation (syntax in patterns.ts). */
export function loadPatterns(dir: string): Pattern[] {
  const path = join(dir, 'patterns.tsv');
  return tsvRows(path, 4).map(({ cells: [category, lang, pattern, explanation], where }) =>
    parsePattern(pattern!, { category: category!, language: language(lang!, where), explanation: explanation!, where }),
  );
}

/** Every Chinese word the tables name: the vocabulary a pinyin prompt is read back into. */
export function chineseVocabulary(dir: string): string[] {
  const words: string[] = [];
  for (const t of [...loadBlocklist(dir), ...loadKinds(dir)]) if (t.language === 'zh') words.push(t.words[0]!);
  for (const a of loadAllowlist(dir)) if (a.language === 'zh') words.push(a.words[0]!);
  for (const p of loadPatterns(dir)) if (p.language === 'zh') for (const e of p.elements) if (e.type === 'words') words.push(...e.words);
  return words.filter((w) => /^\p{Script=Han}+$/u.test(w));
}
