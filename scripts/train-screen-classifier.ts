// Retrains the prompt screen's classifier layer after a labelled set in data/safety-eval/ or
// data/screening/classifier-training/ changes:
//   npm run train:screening
// and writes data/screening/generated/classifier.json (test/screen-classifier.test.ts checks that
// the committed file is what this makes). With --cross-validate it writes nothing and prints, for
// each probe set left out of training in turn, what the classifier alone denies of it at a few
// thresholds: the figures the threshold is chosen by, how many more one clause alone denies at the
// clause threshold, and what each candidate `clearsBelow` would
// clear of the prompts the lists deny only on words with harmless senses.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifierText, promptClassifier, type PromptClassifier } from '../domain/screening/classifier';
import { restsOnHarmlessSenses } from '../domain/screening/harmless-senses';
import { loadLexicon } from '../domain/screening/lexicon';
import { screenPrompt } from '../domain/screening/screen';
import { normalizePrompt } from '../domain/screening/normalize';
import { loadSafetyEvalSet } from '../test/support/safety-eval-set';
import { SCREENING_DATA_DIR } from './screening-data';
import {
  CLAUSE_THRESHOLD,
  CLEARS_BELOW,
  SAFETY_EVAL_DIR,
  THRESHOLD,
  classifierModelJson,
  trainScreenClassifier,
  trainingSets,
} from './screen-classifier-training';

const lexicon = loadLexicon();

function crossValidate(): void {
  const thresholds = [0.75, 0.8, 0.85, 0.9, THRESHOLD, 0.95].filter((t, i, all) => all.indexOf(t) === i).sort();
  const benignDenied: number[][] = thresholds.map(() => []);
  const clearing = clearingTally();
  // Left-out prompts under THRESHOLD that one clause alone took over CLAUSE_THRESHOLD.
  const clauseDenied = { unsafe: 0, benign: 0 };
  process.stdout.write(`set (left out)              ${thresholds.map((t) => `recall/benign denied at ${t}`.padEnd(30)).join('')}\n`);
  for (const set of trainingSets().filter((f) => f !== 'prompts.tsv')) {
    const classifier = promptClassifier(trainScreenClassifier(lexicon, [set]));
    clearing.add(set, classifier);
    const prompts = loadSafetyEvalSet(join(SAFETY_EVAL_DIR, set)).map((p) => {
      const verdict = classifier.classify(classifierText(normalizePrompt(p.prompt), lexicon));
      return { unsafe: p.label === 'unsafe', probability: verdict.probability, byClause: verdict.clause !== undefined };
    });
    const cells = thresholds.map((t, i) => {
      const rate = (unsafe: boolean) =>
        prompts.filter((p) => p.unsafe === unsafe && p.probability >= t).length / prompts.filter((p) => p.unsafe === unsafe).length;
      benignDenied[i]!.push(rate(false));
      return `${rate(true).toFixed(3)} / ${rate(false).toFixed(3)}`.padEnd(30);
    });
    const byClause = (unsafe: boolean) => prompts.filter((p) => p.unsafe === unsafe && p.byClause).length;
    clauseDenied.unsafe += byClause(true);
    clauseDenied.benign += byClause(false);
    process.stdout.write(`${set.padEnd(28)}${cells.join('')}\n`);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  thresholds.forEach((t, i) => process.stdout.write(`classifier_cv_benign_denied_at_${t}: ${mean(benignDenied[i]!).toFixed(4)}\n`));
  process.stdout.write(`denied by one clause at ${CLAUSE_THRESHOLD}: unsafe ${clauseDenied.unsafe}, benign ${clauseDenied.benign}\n`);
  clearing.print();
}

/**
 * For `clearsBelow`: the left-out prompts the lists deny only on words with harmless senses, and
 * what each candidate value would clear of them (an unsafe one cleared is a miss).
 */
function clearingTally() {
  const candidates = [0.05, 0.1, CLEARS_BELOW, 0.3, 0.4].filter((t, i, all) => all.indexOf(t) === i).sort();
  const cleared = candidates.map(() => ({ unsafe: 0, benign: 0 }));
  let resting = 0;
  return {
    add(set: string, classifier: PromptClassifier): void {
      const listsOnly = { ...lexicon, classifier: { ...classifier, threshold: 1, clauseThreshold: 1, clearsBelow: 0 } };
      for (const p of loadSafetyEvalSet(join(SAFETY_EVAL_DIR, set))) {
        const verdict = screenPrompt(p.prompt, 'storybook', listsOnly);
        if (verdict.allowed || !restsOnHarmlessSenses(verdict.evidence, lexicon.harmlessSenses)) continue;
        resting++;
        const probability = classifier.classify(classifierText(verdict.normalizedPrompt, lexicon)).probability;
        candidates.forEach((t, i) => {
          if (probability < t) cleared[i]![p.label === 'unsafe' ? 'unsafe' : 'benign']++;
        });
      }
    },
    print(): void {
      process.stdout.write(`left-out prompts denied only on words with harmless senses: ${resting}\n`);
      candidates.forEach((t, i) => process.stdout.write(`clears_below_${t}: unsafe cleared ${cleared[i]!.unsafe}, benign cleared ${cleared[i]!.benign}\n`));
    },
  };
}

if (process.argv.includes('--cross-validate')) crossValidate();
else {
  const started = performance.now();
  const model = trainScreenClassifier(lexicon);
  const path = join(SCREENING_DATA_DIR, 'generated', 'classifier.json');
  writeFileSync(path, classifierModelJson(model));
  process.stdout.write(
    `wrote ${path}: ${model.features.names.length} features from ${model.trainedOn.length} files in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
}
