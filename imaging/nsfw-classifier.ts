// The picture check that runs on the worker's CPU: nsfwjs's MobileNetV2 on TensorFlow.js with the
// WebAssembly backend, loaded from files inside the npm packages (no network at any point).
//
// Why these choices (measured on the 2-core build machine, see README "Picture safety check"):
// - WASM (SIMD) backend: ~50 ms a classification against ~1.5 s on tfjs's pure-JS CPU backend.
// - The model loads in ~0.3 s and adds ~40 MB RSS; it is loaded once per process and shared by every
//   worker in it (loadNsfwClassifier memoises), never per request.
// - sharp shrinks the picture to the model's 224x224 input: decoding and resizing a 1328x1328 PNG in
//   libvips is cheaper than handing tfjs 1.7 M pixels to resize.
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { NSFWJS } from 'nsfwjs/core';
import { MobileNetV2Model } from 'nsfwjs/models/mobilenet_v2';
import sharp from 'sharp';
import { ImageUndecodableError } from '../domain/errors';
import type { PictureSafetyCheck, PictureSafetyLimits, PictureSafetyResult } from '../domain/picture-safety';
import { NSFW_CLASSES, judgeSafetyScores } from '../domain/picture-safety-limits';

/** MobileNetV2's input side. */
const INPUT_SIZE = 224;

export const NSFW_CHECKER = 'nsfwjs';

export class NsfwClassifier implements PictureSafetyCheck {
  readonly name = NSFW_CHECKER;

  constructor(private readonly model: NSFWJS) {}

  /** Scores of all five classes (they sum to ~1). An undecodable picture is an ImageUndecodableError. */
  async scores(png: Buffer): Promise<Record<string, number>> {
    let pixels: Buffer;
    try {
      // fill: the model sees the whole picture squeezed, as nsfwjs's own resize would do it;
      // transparent areas show on white, as a viewer would show them.
      pixels = await sharp(png).flatten({ background: '#ffffff' }).resize(INPUT_SIZE, INPUT_SIZE, { fit: 'fill' }).removeAlpha().raw().toBuffer();
    } catch (err) {
      throw new ImageUndecodableError(`the picture safety check cannot decode the picture: ${(err as Error).message}`);
    }
    const input = tf.tensor3d(new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength), [INPUT_SIZE, INPUT_SIZE, 3], 'int32');
    try {
      const predictions = await this.model.classify(input, NSFW_CLASSES.length);
      return Object.fromEntries(NSFW_CLASSES.map((c) => [c, round(predictions.find((p) => p.className === c)?.probability ?? 0)]));
    } finally {
      input.dispose();
    }
  }

  async check(png: Buffer, limits: PictureSafetyLimits): Promise<PictureSafetyResult> {
    return judgeSafetyScores(this.name, await this.scores(png), limits);
  }
}

/** Six decimals: enough to compare with a limit, short in history and provenance. */
const round = (p: number) => Math.round(p * 1e6) / 1e6;

let loading: Promise<NsfwClassifier> | undefined;

/**
 * The process's classifier, loaded on first use. TensorFlow.js keeps one backend per process anyway,
 * so every worker (and every test worker) in a process shares the one loaded model.
 */
export function loadNsfwClassifier(): Promise<NsfwClassifier> {
  loading ??= loadModel().catch((err: unknown) => {
    loading = undefined;
    throw err;
  });
  return loading;
}

async function loadModel(): Promise<NsfwClassifier> {
  // The .wasm binaries ship in the backend package's dist folder; a path on disk is read with fs.
  setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/');
  if (!(await tf.setBackend('wasm'))) throw new Error('TensorFlow.js could not start its WebAssembly backend');
  await tf.ready();
  // The model's topology and weights are JS modules in the nsfwjs package (model.min.js and its
  // base64 weight shard), required from disk; an IOHandler hands them to tfjs without any URL.
  const topology = (await MobileNetV2Model.modelJson()).default;
  const shards = await Promise.all(MobileNetV2Model.weightBundles.map(async (bundle) => Buffer.from((await bundle()).default, 'base64')));
  const weights = Buffer.concat(shards);
  const handler: tf.io.IOHandler = {
    load: async () => ({
      modelTopology: topology.modelTopology,
      format: topology.format,
      generatedBy: topology.generatedBy,
      convertedBy: topology.convertedBy,
      weightSpecs: topology.weightsManifest.flatMap((group) => group.weights),
      weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
    }),
  };
  const model = new NSFWJS(handler, { size: INPUT_SIZE });
  await model.load();
  return new NsfwClassifier(model);
}
