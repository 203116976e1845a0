// The picture check that runs on the worker's CPU: nsfwjs's MobileNetV2 on TensorFlow.js with the
// WebAssembly backend, loaded from files inside the npm packages (no network at any point).
//
// Why these choices (measured on the 2-core build machine, see README "Picture safety check"):
// - WASM (SIMD) backend: ~50 ms a classification against ~1.5 s on tfjs's pure-JS CPU backend.
// - Loading takes ~0.5 s (importing TensorFlow.js ~0.3 s, building the model and its first
//   predictions ~0.2 s; ~0.8 s with the cores busy) and adds ~200 MB RSS. It is done once per process
//   and shared by every worker in it, never per request. The load starts when the worker is
//   created and runs beside the rest of the start-up; only a check waits for it, so a command whose
//   request is a cache hit never waits for the model (though the load shares the CPU meanwhile).
// - sharp shrinks the picture to the model's 224x224 input: decoding and resizing a 1328x1328 PNG in
//   libvips is cheaper than handing tfjs 1.7 M pixels to resize.
import { dirname, join } from 'node:path';
// Types only: TensorFlow.js and nsfwjs are required when the model loads, not when this module does.
import type * as Tf from '@tensorflow/tfjs';
import type { NSFWJS } from 'nsfwjs/core';
import sharp from 'sharp';
import { ImageUndecodableError } from '../domain/errors';
import type { PictureSafetyCheck, PictureSafetyLimits, PictureSafetyResult } from '../domain/picture-safety';
import { NSFW_CLASSES, judgeSafetyScores } from '../domain/picture-safety-limits';

/** MobileNetV2's input side. */
const INPUT_SIZE = 224;

export const NSFW_CHECKER = 'nsfwjs';

export class NsfwClassifier implements PictureSafetyCheck {
  readonly name = NSFW_CHECKER;

  /** `model` loads (or returns) the process's model; see nsfwClassifier(). */
  constructor(private readonly model: () => Promise<LoadedModel>) {}

  /** Resolves once the model is loaded; rejects with the load's error (the next call or check loads again). */
  async ready(): Promise<void> {
    await this.model();
  }

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
    const { tf, nsfw } = await this.model();
    const input = tf.tensor3d(new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength), [INPUT_SIZE, INPUT_SIZE, 3], 'int32');
    try {
      const predictions = await nsfw.classify(input, NSFW_CLASSES.length);
      return Object.fromEntries(NSFW_CLASSES.map((c) => [c, round(predictions.find((p) => p.className === c)?.probability ?? 0)]));
    } finally {
      input.dispose();
    }
  }

  async check(png: Buffer, limits: PictureSafetyLimits): Promise<PictureSafetyResult> {
    return judgeSafetyScores(this.name, await this.scores(png), limits);
  }
}

/** The JSON the model files of nsfwjs hold (model.min.js): what the IOHandler hands to tfjs. */
interface ModelJson {
  modelTopology: object;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  weightsManifest: { paths: string[]; weights: Tf.io.WeightsManifestEntry[] }[];
}

/**
 * The model's topology and weights, required from the files nsfwjs ships (model.min.js, and one
 * group1-shardXofY.min.js per weight path, each exporting its base64 text). Required directly, not
 * through MobileNetV2Model.weightBundles: nsfwjs's CommonJS build wraps each required module in
 * TypeScript's __importStar, which copies every own property of the export, and the export of the
 * weight shard is a 3.5 M-character string, so it defined 3.5 M getters: 3 s on the 2-core machine,
 * against 20 ms for the require itself.
 */
function readMobileNetV2(): { topology: ModelJson; weights: ArrayBuffer } {
  // The folder beside nsfwjs's dist/cjs, where its own loaders find the files ("../../models/…").
  const dir = join(dirname(require.resolve('nsfwjs/models/mobilenet_v2')), '..', '..', 'models', 'mobilenet_v2');
  const topology = require(join(dir, 'model.min.js')) as ModelJson;
  const shards = topology.weightsManifest.flatMap((group) =>
    group.paths.map((path) => {
      const base64: unknown = require(join(dir, `${path}.min.js`));
      if (typeof base64 !== 'string') throw new Error(`nsfwjs weight shard ${path}.min.js does not export base64 text`);
      return Buffer.from(base64, 'base64');
    }),
  );
  // A copy into an ArrayBuffer of its own: tfjs takes the whole buffer, and a Buffer may be a view of a larger one.
  return { topology, weights: new Uint8Array(Buffer.concat(shards)).buffer };
}

/** Six decimals: enough to compare with a limit, short in history and provenance. */
const round = (p: number) => Math.round(p * 1e6) / 1e6;

/** The loaded model and the TensorFlow.js module it runs on. */
interface LoadedModel {
  tf: typeof Tf;
  nsfw: NSFWJS;
}

let loading: Promise<LoadedModel> | undefined;
let classifier: NsfwClassifier | undefined;

/** The process's model: loaded once; a failed load is forgotten, so that the next use tries again. */
function processModel(): Promise<LoadedModel> {
  loading ??= loadModel().catch((err: unknown) => {
    loading = undefined;
    throw err;
  });
  return loading;
}

/**
 * The process's classifier, returned at once, with its model loading in the background from this
 * call on. TensorFlow.js keeps one backend per process anyway, so every worker (and every test
 * worker) in a process shares the one classifier and model. A load that fails fails the checks
 * that wait for it (the validate step is retried) and is tried again by the next one.
 */
export function nsfwClassifier(): NsfwClassifier {
  classifier ??= new NsfwClassifier(processModel);
  // Started now; whoever checks a picture awaits it and sees its error.
  processModel().catch(() => undefined);
  return classifier;
}

/** The process's classifier once its model is loaded (check-image, tests, benchmarks). */
export async function loadNsfwClassifier(): Promise<NsfwClassifier> {
  const loaded = nsfwClassifier();
  await loaded.ready();
  return loaded;
}

/** The process-wide events whose listeners the WebAssembly backend's Emscripten glue replaces. */
const PROCESS_ERROR_EVENTS = ['uncaughtException', 'unhandledRejection'] as const;

/**
 * Runs `start`, then removes any listener it added for an uncaught error. Emscripten's Node glue
 * (instantiated when the backend starts) adds listeners that rethrow every uncaught exception and
 * unhandled rejection, so one stray error anywhere in the worker, API or test process would end it
 * at once, bypassing the process's own handlers and logging. The glue only needs them for a
 * WebAssembly exit(), which TensorFlow.js never calls.
 */
async function keepingProcessHandlers<T>(start: () => Promise<T>): Promise<T> {
  // As a plain EventEmitter: the typed overloads of `process` take one event name at a time.
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(PROCESS_ERROR_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
  try {
    return await start();
  } finally {
    for (const event of PROCESS_ERROR_EVENTS)
      for (const listener of emitter.listeners(event)) if (!before.get(event)!.has(listener)) emitter.removeListener(event, listener as () => void);
  }
}

async function loadModel(): Promise<LoadedModel> {
  // Imported here: TensorFlow.js with its layers, converter and data packages takes ~0.25 s to
  // import, time a CLI command spends better on starting its server and worker.
  const tf = await import('@tensorflow/tfjs');
  const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
  const { NSFWJS } = await import('nsfwjs/core');
  // The .wasm binaries ship in the backend package's dist folder; a path on disk is read with fs.
  setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/');
  await keepingProcessHandlers(async () => {
    if (!(await tf.setBackend('wasm'))) throw new Error('TensorFlow.js could not start its WebAssembly backend');
    await tf.ready();
  });
  const { topology, weights } = readMobileNetV2();
  const handler: Tf.io.IOHandler = {
    load: async () => ({
      modelTopology: topology.modelTopology,
      format: topology.format,
      generatedBy: topology.generatedBy,
      convertedBy: topology.convertedBy,
      weightSpecs: topology.weightsManifest.flatMap((group) => group.weights),
      weightData: weights,
    }),
  };
  const nsfw = new NSFWJS(handler, { size: INPUT_SIZE });
  // load() predicts once on zeros; a first classify of an int32 picture still sets up its own
  // kernels (~0.1 s), so that is done here too, off the first request's path.
  await nsfw.load();
  const blank = tf.zeros([INPUT_SIZE, INPUT_SIZE, 3], 'int32') as Tf.Tensor3D;
  try {
    await nsfw.classify(blank, NSFW_CLASSES.length);
  } finally {
    blank.dispose();
  }
  return { tf, nsfw };
}
