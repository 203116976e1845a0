// Everything screening needs, loaded once per process (worker start, or once per CLI command):
// the tables in data/screening/, the generated data, and the readers built from them. Tables are
// data, so adding a term or a pattern needs no code change.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Style } from '../request';
import { traditionalToSimplified } from './chinese';
import { createLemmatizer, type Lemmatize } from './lemmas';
import { loadAllowlist, loadBlocklist, loadIdioms, loadKinds, loadPatterns, loadWordnetKinds } from './lexicon-files';
import { homophoneReader, syllableOfHan, type HomophoneReader } from './homophones';
import { lookalikeTable } from './lookalikes';
import { fuzzyTargets, misspellingIndex, type MisspellingIndex } from './misspellings';
import type { Pattern } from './patterns';
import { pinyinVocabulary, type PinyinVocabulary } from './pinyin';
import { symbolTable, type SymbolTable } from './symbols';
import { indexTerms, type TermIndex } from './match-terms';
import type { AllowPhrase, Term } from './terms';

export type { Language } from './terms';

export interface Lexicon {
  /** Blocklist words, kinds (curated and WordNet) and context kinds. */
  terms: Term[];
  allow: AllowPhrase[];
  /** terms, allow and the idioms of idioms.tsv, indexed for matching. */
  index: TermIndex;
  patterns: Pattern[];
  /** Each symbol's possible letters, most likely first. */
  leetspeak: Record<string, string[]>;
  lookalikes: Map<string, string[]>;
  misspellings: MisspellingIndex;
  /** Chinese characters written as their parts (木仓 for 枪), from split-characters.json. */
  splitCharacters: [parts: string, character: string][];
  emoji: Map<string, string>;
  /** Runes and other symbols read as words (symbols.json). */
  symbols: SymbolTable;
  pinyin: PinyinVocabulary;
  /** Reads Chinese homophones back into lexicon words (homophones.json, han-pinyin.json). */
  homophones: HomophoneReader;
  toSimplified: (text: string) => string;
  lemmatize: Lemmatize;
  template: string;
  styles: Record<Style, string>;
  negativePrompt: string;
}

export const DEFAULT_LEXICON_DIR = resolve(__dirname, '..', '..', 'data', 'screening');

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

export function loadLexicon(dir: string = DEFAULT_LEXICON_DIR): Lexicon {
  const terms = [...loadBlocklist(dir), ...loadKinds(dir), ...loadWordnetKinds(dir)];
  const patterns = loadPatterns(dir);
  const known = new Set(terms.flatMap((t) => [t.kind, t.category]));
  for (const p of patterns) {
    for (const e of p.elements)
      for (const a of e.type === 'words' ? e.alternatives : [])
        if (a.kind !== undefined && !known.has(a.kind)) throw new Error(`patterns.tsv: pattern "${p.source}" names unknown kind @${a.kind}`);
  }
  for (const t of terms) if (t.when && !known.has(t.when)) throw new Error(`kinds.tsv: term "${t.source}" needs unknown kind ${t.when}`);
  const confusables = readJson<{ leetspeak: Record<string, string | string[]> }>(join(dir, 'confusables.json'));
  const leetspeak = Object.fromEntries(Object.entries(confusables.leetspeak).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));
  const style = readJson<{ template: string; styles: Record<Style, string>; negativePrompt: string }>(join(dir, 'style.json'));
  if (!style.template.includes('{prompt}')) throw new Error(`${join(dir, 'style.json')}: template has no {prompt}`);
  const allow = loadAllowlist(dir);
  const pinyin = pinyinVocabulary(readJson<Record<string, string>>(join(dir, 'generated', 'pinyin.json')));
  return {
    terms,
    allow,
    index: indexTerms(terms, allow, loadIdioms(dir)),
    patterns,
    leetspeak,
    lookalikes: lookalikeTable(),
    misspellings: misspellingIndex(fuzzyTargets(terms), readJson<string[]>(join(dir, 'generated', 'near-words.json'))),
    splitCharacters: Object.entries(readJson<{ characters: Record<string, string> }>(join(dir, 'split-characters.json')).characters),
    emoji: new Map(Object.entries(readJson<Record<string, string>>(join(dir, 'generated', 'emoji-words.json')))),
    symbols: symbolTable(readJson<{ symbols: { chars: string; one: string; more: string }[] }>(join(dir, 'symbols.json')).symbols),
    pinyin,
    homophones: homophoneReader(
      syllableOfHan(readJson<Record<string, string>>(join(dir, 'generated', 'han-pinyin.json'))),
      pinyin,
      readJson<{ functionCharacters: string }>(join(dir, 'homophones.json')).functionCharacters,
      terms.flatMap((t) => (t.language === 'zh' && t.category !== '-' ? t.words : [])),
    ),
    toSimplified: traditionalToSimplified(),
    lemmatize: createLemmatizer(),
    template: style.template,
    styles: style.styles,
    negativePrompt: style.negativePrompt,
  };
}
