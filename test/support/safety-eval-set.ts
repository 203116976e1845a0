// The labelled safety evaluation set (data/safety-eval/prompts.tsv): parsed and checked whole, so a
// bad row stops the evaluation with its file and line instead of quietly skewing the figures.
// Used by test/safety-eval.test.ts and bench/eval-safety.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SAFETY_EVAL_SET = join(__dirname, '..', '..', 'data', 'safety-eval', 'prompts.tsv');

export const SAFETY_LABELS = ['unsafe', 'benign'] as const;
export type SafetyLabel = (typeof SAFETY_LABELS)[number];

export const EVAL_LANGUAGES = ['en', 'zh'] as const;
export type EvalLanguage = (typeof EVAL_LANGUAGES)[number];

/** What an unsafe prompt shows; benign prompts name their kind of hard case freely (a KIND word). */
export const UNSAFE_CATEGORIES = ['violence', 'weapons', 'gore', 'self-harm', 'drugs', 'sexual', 'hate', 'horror', 'other'] as const;

/** How a prompt hides what it says; the file's header explains each. A closed list, so a typo is an error, not a new row in the table. */
export const EVASIONS = [
  'none',
  'confusable',
  'styled-letters',
  'full-width',
  'zero-width',
  'leetspeak',
  'spacing',
  'emoji',
  'misspelling',
  'homophone',
  'split-character',
  'pinyin',
  'pinyin-tones',
  'traditional',
  'mixed-language',
  'description',
  'euphemism',
  'coded-symbol',
  'firearm-model',
  'street-name',
] as const;
export type Evasion = (typeof EVASIONS)[number];

export const COLUMNS = ['label', 'category', 'language', 'evasion', 'prompt'] as const;
const KIND = /^[a-z][a-z-]{1,30}$/;

export interface SafetyEvalPrompt {
  label: SafetyLabel;
  category: string;
  language: EvalLanguage;
  evasion: Evasion;
  prompt: string;
  /** 1-based line in the file, for messages. */
  line: number;
}

/** A malformed set: `where` is "file:line", the message says what is wrong. */
export class SafetyEvalSetError extends Error {
  readonly type = 'SafetyEvalSetInvalid';

  constructor(
    readonly where: string,
    problem: string,
  ) {
    super(`${where}: ${problem}`);
    this.name = 'SafetyEvalSetError';
  }
}

function oneOf<T extends string>(allowed: readonly T[], value: string, what: string, where: string): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new SafetyEvalSetError(where, `unknown ${what} "${value}" (expected one of: ${allowed.join(', ')})`);
  return value as T;
}

function categoryOf(label: SafetyLabel, cell: string, where: string): string {
  if (label === 'unsafe') return oneOf(UNSAFE_CATEGORIES, cell, 'unsafe category', where);
  if (!KIND.test(cell)) throw new SafetyEvalSetError(where, `benign category "${cell}" must be a short lower-case kind such as everyday, idiom, homograph`);
  return cell;
}

/** Duplicates differ at most in case and spacing runs; NFC so a composed and a decomposed "é" match too. */
const dedupeKey = (prompt: string) => prompt.normalize('NFC').toLowerCase().replace(/\s+/g, ' ');

/** Parses the set's text; `file` names it in errors. Throws SafetyEvalSetError on the first bad line. */
export function parseSafetyEvalSet(text: string, file: string): SafetyEvalPrompt[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const rows: SafetyEvalPrompt[] = [];
  const firstLineOf = new Map<string, number>();
  let header = false;
  lines.forEach((raw, i) => {
    const line = i + 1;
    const where = `${file}:${line}`;
    if (raw.trim() === '' || raw.startsWith('#')) return;
    const cells = raw.split('\t');
    if (!header) {
      if (cells.join('\t') !== COLUMNS.join('\t')) throw new SafetyEvalSetError(where, `expected the header "${COLUMNS.join('<TAB>')}", found "${raw}"`);
      header = true;
      return;
    }
    if (cells.length !== COLUMNS.length)
      throw new SafetyEvalSetError(where, `expected ${COLUMNS.length} tab-separated columns (${COLUMNS.join(', ')}), found ${cells.length}`);
    const [labelCell, categoryCell, languageCell, evasionCell, promptCell] = cells.map((c) => c.trim()) as [string, string, string, string, string];
    const label = oneOf(SAFETY_LABELS, labelCell, 'label', where);
    const category = categoryOf(label, categoryCell, where);
    const language = oneOf(EVAL_LANGUAGES, languageCell, 'language', where);
    const evasion = oneOf(EVASIONS, evasionCell, 'evasion', where);
    if (promptCell === '') throw new SafetyEvalSetError(where, 'empty prompt');
    const key = dedupeKey(promptCell);
    const first = firstLineOf.get(key);
    if (first !== undefined) throw new SafetyEvalSetError(where, `duplicate prompt "${promptCell}" (first at line ${first})`);
    firstLineOf.set(key, line);
    rows.push({ label, category, language, evasion, prompt: promptCell, line });
  });
  if (!header) throw new SafetyEvalSetError(`${file}:1`, `no header line "${COLUMNS.join('<TAB>')}"`);
  if (rows.length === 0) throw new SafetyEvalSetError(`${file}:${lines.length}`, 'no prompts');
  return rows;
}

export function loadSafetyEvalSet(file: string = SAFETY_EVAL_SET): SafetyEvalPrompt[] {
  return parseSafetyEvalSet(readFileSync(file, 'utf8'), file);
}
