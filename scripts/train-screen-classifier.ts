// Retrains the prompt screen's classifier layer after a labelled set in data/safety-eval/ or
// data/screening/classifier-examples.tsv changes:
//   npm run train:screening
// and writes data/screening/generated/classifier.json (test/screen-classifier.test.ts checks that
// the committed file is what this makes). With --cross-validate it writes nothing and prints, for
// each probe set left out of training in turn, what the classifier alone denies of it at a few
// thresholds: the figures the threshold is chosen by.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifierText, promptClassifier } from '../domain/screening/classifier';
import { loadLexicon } from '../domain/screening/lexicon';
import { normalizePrompt } from '../domain/screening/normalize';
import { loadSafetyEvalSet } from '../test/support/safety-eval-set';
import { SCREENING_DATA_DIR } from './screening-data';
import { SAFETY_EVAL_DIR, THRESHOLD, classifierModelJson, trainScreenClassifier, trainingSets } from './screen-classifier-training';

const lexicon = loadLexicon();

function crossValidate(): void {
  const thresholds = [0.8, 0.85, THRESHOLD, 0.95].filter((t, i, all) => all.indexOf(t) === i).sort();
  const benignDenied: number[][] = thresholds.map(() => []);
  process.stdout.write(`set (left out)              ${thresholds.map((t) => `recall/benign denied at ${t}`.padEnd(30)).join('')}\n`);
  for (const set of trainingSets().filter((f) => f !== 'prompts.tsv')) {
    const classifier = promptClassifier(trainScreenClassifier(lexicon, [set]));
    const prompts = loadSafetyEvalSet(join(SAFETY_EVAL_DIR, set)).map((p) => ({
      unsafe: p.label === 'unsafe',
      probability: classifier.classify(classifierText(normalizePrompt(p.prompt), lexicon.toSimplified)).probability,
    }));
    const cells = thresholds.map((t, i) => {
      const rate = (unsafe: boolean) =>
        prompts.filter((p) => p.unsafe === unsafe && p.probability >= t).length / prompts.filter((p) => p.unsafe === unsafe).length;
      benignDenied[i]!.push(rate(false));
      return `${rate(true).toFixed(3)} / ${rate(false).toFixed(3)}`.padEnd(30);
    });
    process.stdout.write(`${set.padEnd(28)}${cells.join('')}\n`);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  thresholds.forEach((t, i) => process.stdout.write(`classifier_cv_benign_denied_at_${t}: ${mean(benignDenied[i]!).toFixed(4)}\n`));
}

if (process.argv.includes('--cross-validate')) crossValidate();
else {
  const started = performance.now();
  const model = trainScreenClassifier(lexicon);
  const path = join(SCREENING_DATA_DIR, 'generated', 'classifier.json');
  writeFileSync(path, classifierModelJson(model));
  process.stdout.write(
    `wrote ${path}: ${Object.keys(model.features).length} features from ${model.trainedOn.length} files in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
}
