// Loads the screening word lists from data/screening/. Word lists are data, so changing them
// needs no code change; the loader rejects malformed lines with their file and line number.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Style } from '../request';

export type Language = 'en' | 'zh';

export interface BlockTerm {
  category: string;
  language: Language;
  /** en: words; the last may end in * (prefix). zh: the substring. */
  words: string[];
  prefix: boolean;
  source: string;
}

export interface AllowPhrase {
  language: Language;
  words: string[];
}

export interface Lexicon {
  block: BlockTerm[];
  allow: AllowPhrase[];
  /** Each symbol's possible letters, most likely first. */
  leetspeak: Record<string, string[]>;
  homoglyphs: Record<string, string>;
  template: string;
  styles: Record<Style, string>;
  negativePrompt: string;
}

export const DEFAULT_LEXICON_DIR = resolve(__dirname, '..', '..', 'data', 'screening');

function tsvRows(path: string, columns: number): { cells: string[]; line: number }[] {
  const rows: { cells: string[]; line: number }[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      if (!text.trim() || text.startsWith('#')) return;
      const cells = text.split('\t').map((c) => c.trim());
      if (cells.length !== columns || cells.some((c) => !c)) {
        throw new Error(`${path}:${i + 1}: expected ${columns} tab-separated columns, got "${text}"`);
      }
      rows.push({ cells, line: i + 1 });
    });
  return rows;
}

function language(value: string, where: string): Language {
  if (value !== 'en' && value !== 'zh') throw new Error(`${where}: language must be en or zh, got "${value}"`);
  return value;
}

export function loadLexicon(dir: string = DEFAULT_LEXICON_DIR): Lexicon {
  const blockPath = join(dir, 'blocklist.tsv');
  const block = tsvRows(blockPath, 3).map(({ cells: [category, lang, term], line }) => {
    const language_ = language(lang!, `${blockPath}:${line}`);
    const prefix = term!.endsWith('*');
    const body = (prefix ? term!.slice(0, -1) : term!).toLowerCase();
    return { category: category!, language: language_, prefix, words: language_ === 'en' ? body.split(/\s+/) : [body], source: term! };
  });
  const allowPath = join(dir, 'allowlist.tsv');
  const allow = tsvRows(allowPath, 2).map(({ cells: [lang, phrase], line }) => {
    const language_ = language(lang!, `${allowPath}:${line}`);
    const body = phrase!.toLowerCase();
    return { language: language_, words: language_ === 'en' ? body.split(/\s+/) : [body] };
  });
  const confusables = JSON.parse(readFileSync(join(dir, 'confusables.json'), 'utf8')) as {
    leetspeak: Record<string, string | string[]>;
    homoglyphs: Record<string, string>;
  };
  const leetspeak = Object.fromEntries(Object.entries(confusables.leetspeak).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));
  const style = JSON.parse(readFileSync(join(dir, 'style.json'), 'utf8')) as {
    template: string;
    styles: Record<Style, string>;
    negativePrompt: string;
  };
  if (!style.template.includes('{prompt}')) throw new Error(`${join(dir, 'style.json')}: template has no {prompt}`);
  return { block, allow, leetspeak, homoglyphs: confusables.homoglyphs, ...style };
}
