// Trains the prompt screen's classifier layer (domain/screening/classifier.ts) on the labelled sets
// in data/safety-eval/: L2-regularised logistic regression over sparse TF-IDF features, classes
// weighted to count equally. Written here rather than taken from a package because the features
// are sparse (tens of thousands of words and character pairs, a few dozen per prompt) and the
// logistic-regression packages on npm hold dense matrices. Full-batch Adam with a fixed number of
// steps: the same data gives the same model, byte for byte, so a test can check the committed one.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { classifierText, promptFeatures, sigmoid, weighFeatures, type ClassifierModel, type FeatureVector } from '../domain/screening/classifier';
import { loadLexicon, type Lexicon } from '../domain/screening/lexicon';
import { normalizePrompt } from '../domain/screening/normalize';
import { loadSafetyEvalSet } from '../test/support/safety-eval-set';
import { ORDINARY_SCENES_FILE, ordinaryScenes } from './ordinary-scenes';
import { SCREENING_DATA_DIR } from './screening-data';

export const SAFETY_EVAL_DIR = join(__dirname, '..', 'data', 'safety-eval');

/**
 * Sets kept out of training: the newest never-seen set, so that its figure in `npm run eval:safety`
 * stays an honest measurement of prompts the screen has never learnt from. When a newer never-seen
 * set is written, it replaces this one here and this one joins the training data (fresh-round10, 11
 * and 12 joined in round 13, fresh-round13 in round 14, fresh-round14 in round 15, fresh-round15 in round 16, fresh-round16 in round 17, once each had been fixed against). Rounds 17 to 21 were measured in one session;
 * 17 to 20 joined in round 21; fresh-round21 to 34 stayed out until round 38, when they joined: kept
 * out, they taught nothing, and learnt, they raised the classifier's own recall on rounds 35 to 38
 * (still out) from 0.850 to 0.891 with none of those sets' 520 harmless prompts denied. The newest
 * five stay out, each measured once as never-seen and then fixed against by the lists; fresh-round35
 * joined in round 39, fresh-round36 and 37 in round 40 (the list itself was left at 35-39 by mistake
 * until round 41, so 40-42 were learnt from: a test now holds the list to the newest five), 38 and 39
 * in round 41, 40 and 41 in round 42, 42 and 43 in round 43, 44 to 48 in round 44, 49 to 53 in round 45, 54 to 60 in round 46, 61 to 64 in round 47, 65 to 68 in round 48, 69 and 72 to 74 in round 49, 75 to 78 in round 50, 79 and 80 in round 51, 81 to 83 in round 52, 84 to 86 in round 53, 87 to 89 in round 54, 90 to 92 in round 55, 93 to 95 in round 56, 96 to 99 in round 57, 100 and 101 in round 58, 102 and 103 in round 59, 104 and 105 in round 60, 106 and 107 in round 61, 108 and 109 in round 62, 110 and 111 in round 63, 112 and 113 in round 64, 114 and 115 in round 65 (fresh-round119 and 120 were lost before they were committed), 116 and 117 in round 66, 118 and 121 in round 67, 122 and 123 in round 68, 124 and 125 in round 69, 126 and 127 in round 70, 128 and 129 in round 71, 130 and 131 at the end of round 71, when 135 and 136 were added unfixed, 132 and 133 in round 73, 134 and 135 in round 74, 136 and 137 in round 75, 138 and 139 in round 76, 140 and 141 in round 77, 142 and 143 in round 78, 144 and 145 in round 79, 146 and 147 in round 80, 148 and 149 in round 81, 150 and 151 in round 82, 152 and 153 in round 83, 154 and 155 in round 84, 156 and 157 in round 85.
 */
export const HELD_OUT_SETS = ['fresh-round158.tsv', 'fresh-round159.tsv', 'fresh-round160.tsv', 'fresh-round161.tsv', 'fresh-round162.tsv'];

/**
 * sklearn's C: larger fits the training prompts more closely. Cross-validation (below) found 6, 16
 * and 40 on one curve of recall against false positives: C moves the probabilities, the threshold
 * picks the point.
 */
const REGULARISATION = 16;
// Chosen by leaving one earlier probe set out at a time (`npm run train:screening -- --cross-validate`):
// the classifier alone should deny well under the 3 % target of the benign prompts it never saw
// (1.1 % on average at 0.85 with the first 2026-11-27 training files, 73 % of the unsafe ones; with
// files l-s, 1.0 % at 0.8 and 81 % of the unsafe ones, against 0.5 % and 75 % at 0.85).
export const THRESHOLD = 0.8;
// One clause of a longer prompt denies alone at or above this (a harmful act buried in a cheerful
// prompt). Cross-validated with files a-y: at 0.97 it added 12 of 1,821 left-out unsafe prompts
// and no left-out benign one; at 0.95, 17 and one; at 0.9, 33 and ten.
export const CLAUSE_THRESHOLD = 0.97;
// A prompt denied only by words with harmless senses (data/screening/harmless-senses.tsv) is allowed
// below this. Chosen by the same cross-validation: of the left-out unsafe prompts denied only by such
// words, none fell below it. Raised from 0.1 in round 49 after a grouped five-fold run (every probe set
// left out once): the 449 left-out prompts resting on such words put the lowest unsafe one at 0.26 and
// the harmless ones a sword or a zombie costume kept denied at 0.10-0.15.
export const CLEARS_BELOW = 0.15;
const STEPS = 600;
/** What one composed ordinary scene (scripts/ordinary-scenes.ts) weighs against a labelled harmless prompt. */
const ORDINARY_WEIGHT = 0.25;
const LEARNING_RATE = 0.05;

/**
 * Prompts written to train the classifier, never to measure it: harmless neighbours of unsafe scenes
 * (neighbours.tsv says when to add one) and wider sets written without sight of the probe sets.
 */
export const CLASSIFIER_TRAINING_DIR = join(__dirname, '..', 'data', 'screening', 'classifier-training');

const tsvFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.tsv'))
    .sort();

/** The probe sets it learns from (file names in data/safety-eval/), the held-out ones left out. */
export function trainingSets(): string[] {
  return tsvFiles(SAFETY_EVAL_DIR).filter((f) => !HELD_OUT_SETS.includes(f));
}

/** `leaveOut`: probe sets also kept out, for cross-validation (`npm run train:screening -- --cross-validate`). */
export function trainScreenClassifier(lexicon: Pick<Lexicon, 'toSimplified' | 'lookalikes'> = loadLexicon(), leaveOut: string[] = []): ClassifierModel {
  const sets = trainingSets().filter((f) => !leaveOut.includes(f));
  const written = tsvFiles(CLASSIFIER_TRAINING_DIR);
  const labelled = [...sets.map((f) => join(SAFETY_EVAL_DIR, f)), ...written.map((f) => join(CLASSIFIER_TRAINING_DIR, f))].flatMap((f) => loadSafetyEvalSet(f));
  const ordinary = ordinaryScenes(SCREENING_DATA_DIR).map((s) => ({ prompt: s.prompt, label: 'benign', ordinary: true }));
  const rows = [...labelled, ...ordinary].map((p) => ({
    ordinary: 'ordinary' in p,
    features: promptFeatures(classifierText(normalizePrompt(p.prompt), lexicon)),
    unsafe: p.label === 'unsafe',
  }));
  // Smooth idf as sklearn's TfidfVectorizer computes it: ln((1 + n) / (1 + df)) + 1.
  const df = new Map<string, number>();
  for (const r of rows) for (const f of new Set(r.features)) df.set(f, (df.get(f) ?? 0) + 1);
  const idf = new Map([...df].map(([f, d]) => [f, Math.log((1 + rows.length) / (1 + d)) + 1]));
  const vectors: FeatureVector[] = rows.map((r) => weighFeatures(r.features, (f) => idf.get(f)));
  const unsafeCount = rows.filter((r) => r.unsafe).length;
  // The classes count equally over the labelled prompts; the composed ordinary scenes weigh
  // ORDINARY_WEIGHT of a labelled harmless prompt each, so that they teach the plain words are no
  // harm without outweighing the written near-misses.
  const labelledCount = rows.filter((r) => !r.ordinary).length;
  const classWeight = (unsafe: boolean) => labelledCount / (2 * (unsafe ? unsafeCount : labelledCount - unsafeCount));
  const rowWeight = (r: { unsafe: boolean; ordinary: boolean }) => classWeight(r.unsafe) * (r.ordinary ? ORDINARY_WEIGHT : 1);

  const index = new Map([...idf.keys()].map((f, i) => [f, i]));
  // The rows as flat arrays (row k's features at start[k] … start[k+1]-1, in the vectors' order, so
  // every sum adds in the same order as before, and the model comes out byte for byte the same): the
  // steps below touch each feature twice a step, and looking its name up in a Map each time made
  // training 13 times slower (485 s against 36 s on the README's machine, 2026-11-29).
  const start = new Int32Array(rows.length + 1);
  vectors.forEach((vector, k) => (start[k + 1] = start[k]! + vector.size));
  const at = new Int32Array(start[rows.length]!);
  const value = new Float64Array(at.length);
  vectors.forEach((vector, k) => {
    let j = start[k]!;
    for (const [f, x] of vector) {
      at[j] = index.get(f)!;
      value[j++] = x;
    }
  });
  const weightOf = Float64Array.from(rows, (r) => rowWeight(r));
  const target = Float64Array.from(rows, (r) => (r.unsafe ? 1 : 0));
  const w = new Float64Array(index.size + 1); // the last one is the bias
  const m = new Float64Array(w.length);
  const v = new Float64Array(w.length);
  const grad = new Float64Array(w.length);
  const biasAt = index.size;
  for (let step = 1; step <= STEPS; step++) {
    // Gradient of C·Σ weight·logloss + ½‖w‖² (the bias is not regularised).
    for (let i = 0; i < biasAt; i++) grad[i] = w[i]!;
    grad[biasAt] = 0;
    for (let k = 0; k < rows.length; k++) {
      let z = w[biasAt]!;
      for (let j = start[k]!; j < start[k + 1]!; j++) z += w[at[j]!]! * value[j]!;
      const err = REGULARISATION * weightOf[k]! * (sigmoid(z) - target[k]!);
      for (let j = start[k]!; j < start[k + 1]!; j++) grad[at[j]!]! += err * value[j]!;
      grad[biasAt]! += err;
    }
    const scale = REGULARISATION * rows.length;
    for (let i = 0; i < w.length; i++) {
      const g = grad[i]! / scale;
      m[i] = 0.9 * m[i]! + 0.1 * g;
      v[i] = 0.999 * v[i]! + 0.001 * g * g;
      const mHat = m[i]! / (1 - 0.9 ** step);
      const vHat = v[i]! / (1 - 0.999 ** step);
      w[i]! -= (LEARNING_RATE * mHat) / (Math.sqrt(vHat) + 1e-8);
    }
  }
  const round = (x: number) => Math.round(x * 1e5) / 1e5;
  const features: ClassifierModel['features'] = { names: [], idf: [], weight: [] };
  // Every feature stays, however small its weight: each one counts in a prompt's normalisation.
  for (const [f, i] of index) {
    features.names.push(f);
    features.idf.push(round(idf.get(f)!));
    features.weight.push(round(w[i]!));
  }
  return {
    trainedOn: [...sets, ...written.map((f) => `classifier-training/${f}`), ORDINARY_SCENES_FILE],
    regularisation: REGULARISATION,
    threshold: THRESHOLD,
    clauseThreshold: CLAUSE_THRESHOLD,
    clearsBelow: CLEARS_BELOW,
    bias: round(w[biasAt]!),
    features,
  };
}

/** The committed file's text for a model: one feature name per line, so a retraining's new and lost features show in its diff. */
export function classifierModelJson(model: ClassifierModel): string {
  const { features, ...head } = model;
  const top = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  const numbers = (values: number[]) => {
    const rows: string[] = [];
    for (let i = 0; i < values.length; i += 16) rows.push(`      ${values.slice(i, i + 16).join(', ')}`);
    return rows.join(',\n');
  };
  const names = features.names.map((f) => `      ${JSON.stringify(f)}`).join(',\n');
  return `${top},\n  "features": {\n    "names": [\n${names}\n    ],\n    "idf": [\n${numbers(features.idf)}\n    ],\n    "weight": [\n${numbers(features.weight)}\n    ]\n  }\n}\n`;
}
