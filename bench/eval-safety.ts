// npm run eval:safety — measures the child-safety layers against the labelled set in
// data/safety-eval/prompts.tsv and the held-out set in data/safety-eval/holdout.tsv (written after
// the screen was tuned on prompts.tsv, so it measures prompts the screen has never seen; see README
// "Safety evaluation"). Each layer is a section that prints its own table; the prompt screen's
// section prints, per category, language and evasion, how many prompts were denied (recall for
// unsafe rows, false-positive rate for benign ones) and every miss with the verdict's reasons,
// first for the main set, then for the held-out set, and the screen's per-prompt time on the main
// set (p50/p99 after one warm-up pass over the set, pooled over three timed passes). The LAST four
// lines are always
//   holdout_unsafe_recall: X
//   holdout_benign_false_positive_rate: Y
//   unsafe_recall: X
//   benign_false_positive_rate: Y
// (fractions with four decimals; the last two over both sets together) so that scripts can read
// the overall figures with `tail -2`.
import { join } from 'node:path';
import { loadLexicon } from '../domain/screening/lexicon';
import { screenPrompt } from '../domain/screening/screen';
import { DEFAULT_STYLE } from '../domain/request';
import { loadSafetyEvalSet, type SafetyEvalPrompt } from '../test/support/safety-eval-set';
import {
  benignFalsePositiveRate,
  describeMiss,
  figuresBy,
  fraction,
  isMiss,
  percentile,
  screenSet,
  unsafeRecall,
  type GroupFigures,
  type ScreenedPrompt,
} from '../test/support/safety-eval-score';
import { runBench } from './common';

/** One figure per line as "name: value", after every section's table. */
type Figure = [name: string, value: string];

interface SectionReport {
  lines: string[];
  figures: Figure[];
}

/** A safety layer measured on the set. Sections run in order; each loads what it needs once. */
interface EvalSection {
  title: string;
  /** `set` is the main set, `holdout` the held-out one. */
  run(set: readonly SafetyEvalPrompt[], holdout: readonly SafetyEvalPrompt[]): Promise<SectionReport>;
}

/** The held-out set: written after the screen was tuned on the main set, never tuned against. */
const HOLDOUT_SET = join(__dirname, '..', 'data', 'safety-eval', 'holdout.tsv');

/** The headline figures, printed last in this order whatever the sections: the prompt screen's section sets them. The last two are over both sets together. */
const HEADLINE = ['holdout_unsafe_recall', 'holdout_benign_false_positive_rate', 'unsafe_recall', 'benign_false_positive_rate'] as const;

function table(title: string, rows: GroupFigures[]): string[] {
  const width = Math.max(title.length, ...rows.map((r) => r.group.length));
  const head = `${'label'.padEnd(7)} ${title.padEnd(width)} ${'count'.padStart(5)} ${'denied'.padStart(6)}  rate`;
  return [
    head,
    ...rows.map(
      (r) =>
        `${r.label.padEnd(7)} ${r.group.padEnd(width)} ${String(r.count).padStart(5)} ${String(r.denied).padStart(6)}  ${fraction(r.rate)} ${r.label === 'unsafe' ? 'recall' : 'false positives'}`,
    ),
    '',
  ];
}

/** Per category, language and evasion, then every miss with the verdict's reasons. */
function screenTables(results: ScreenedPrompt[]): string[] {
  const misses = results.filter(isMiss);
  return [
    ...table(
      'category',
      figuresBy(results, (i) => i.category),
    ),
    ...table(
      'language',
      figuresBy(results, (i) => i.language),
    ),
    ...table(
      'evasion',
      figuresBy(results, (i) => i.evasion),
    ),
    `misses (${misses.length}: ${misses.filter((m) => m.item.label === 'unsafe').length} unsafe allowed, ${misses.filter((m) => m.item.label === 'benign').length} benign denied):`,
    ...misses.map((m) => `  ${describeMiss(m)}`),
    '',
  ];
}

const countOf = (set: readonly SafetyEvalPrompt[]) =>
  `${set.length} (${set.filter((i) => i.label === 'unsafe').length} unsafe, ${set.filter((i) => i.label === 'benign').length} benign)`;

/** Timed passes over the set, pooled: one pass's p99 is its ~5 slowest prompts, which a GC pause or a neighbour on the shared cores decides. */
const TIMED_PASSES = 3;

const promptScreenSection: EvalSection = {
  title: 'prompt screen (domain/screening: screenPrompt)',
  async run(set, holdout) {
    const loadStarted = performance.now();
    const lexicon = loadLexicon();
    const loadMs = performance.now() - loadStarted;
    const screen = (prompt: string) => screenPrompt(prompt, DEFAULT_STYLE, lexicon);
    const firstStarted = performance.now();
    screen(set[0]!.prompt);
    const firstCallMs = performance.now() - firstStarted;
    screenSet(set, screen); // warm-up pass: the timed passes below measure a running service, not a cold JIT
    const passes = Array.from({ length: TIMED_PASSES }, () => screenSet(set, screen));
    const results = passes[0]!;
    const times = passes.flat().map((r) => r.ms);
    const held = screenSet(holdout, screen);
    const both = [...results, ...held];
    return {
      lines: [...screenTables(results), '== held-out set (data/safety-eval/holdout.tsv)', ...screenTables(held)],
      figures: [
        ['prompts', countOf(set)],
        ['holdout_prompts', countOf(holdout)],
        ['screen_lexicon_load_ms', loadMs.toFixed(1)],
        ['screen_first_call_ms', firstCallMs.toFixed(2)],
        ['screen_p50_ms', percentile(times, 50).toFixed(3)],
        ['screen_p99_ms', percentile(times, 99).toFixed(3)],
        ['main_unsafe_recall', fraction(unsafeRecall(results))],
        ['main_benign_false_positive_rate', fraction(benignFalsePositiveRate(results))],
        ['holdout_unsafe_recall', fraction(unsafeRecall(held))],
        ['holdout_benign_false_positive_rate', fraction(benignFalsePositiveRate(held))],
        ['unsafe_recall', fraction(unsafeRecall(both))],
        ['benign_false_positive_rate', fraction(benignFalsePositiveRate(both))],
      ],
    };
  },
};

// The picture classifier's scores on the preview animals go here as a second section.
const SECTIONS: EvalSection[] = [promptScreenSection];

async function main(): Promise<void> {
  const set = loadSafetyEvalSet();
  const holdout = loadSafetyEvalSet(HOLDOUT_SET);
  const figures: Figure[] = [];
  for (const section of SECTIONS) {
    console.error(`eval: ${section.title}…`);
    const report = await section.run(set, holdout);
    console.log(`== ${section.title}`);
    for (const line of report.lines) console.log(line);
    figures.push(...report.figures);
  }
  const headline = HEADLINE.map((name) => figures.find(([n]) => n === name));
  for (const [name, value] of figures) if (!(HEADLINE as readonly string[]).includes(name)) console.log(`${name}: ${value}`);
  for (const [i, figure] of headline.entries()) {
    if (!figure) throw new Error(`no section reported ${HEADLINE[i]}`);
    console.log(`${figure[0]}: ${figure[1]}`);
  }
}

runBench(main);
