// The picture classifier at start-up: its model starts loading when the worker's dependencies are
// created, without start-up waiting for it, and the one classifier (and model) is shared by every
// set of dependencies in the process. The validate step is what waits for the model.
import { describe, expect, it, vi } from 'vitest';
import { loadNsfwClassifier, NsfwClassifier, nsfwClassifier } from '../imaging/nsfw-classifier';
import { ANIMALS } from '../render/preview/animals';
import { drawPreview } from '../render/preview/draw';
import { loadActivityDeps } from '../worker/dependencies';
import { testConfig } from './support/pipeline';

/** Whether TensorFlow.js has been loaded into this process (the model's load requires it first). */
const tensorflowLoaded = () => Object.keys(require.cache).some((path) => /[\\/]@tensorflow[\\/]tfjs-core[\\/]/.test(path));

describe('picture classifier at start-up', () => {
  it('starts loading the model when the dependencies are created, with nobody awaiting it, and shares one classifier', { timeout: 60_000 }, async () => {
    // Nothing this file imports loads TensorFlow.js: the classifier module imports it when the model loads.
    expect(tensorflowLoaded()).toBe(false);
    const errorListeners = () => [process.listeners('uncaughtException'), process.listeners('unhandledRejection')];
    const listenersBefore = errorListeners();

    const deps = await loadActivityDeps(testConfig());
    const check = deps.pictureChecks[0];
    expect(check).toBeInstanceOf(NsfwClassifier);
    // The load runs in the background: nobody awaited the model, yet TensorFlow.js arrives.
    await vi.waitFor(() => expect(tensorflowLoaded()).toBe(true), { timeout: 30_000, interval: 50 });

    // One classifier per process: a second worker's dependencies, check-image's loader.
    const again = await loadActivityDeps(testConfig());
    expect(again.pictureChecks[0]).toBe(check);
    expect(nsfwClassifier()).toBe(check);
    expect(await loadNsfwClassifier()).toBe(check);
    // The WebAssembly backend's glue left no listener of its own for uncaught errors: they would
    // end the process on any stray error, past the process's own handlers.
    expect(errorListeners()).toEqual(listenersBefore);

    // The classifier handed over at start-up really checks a picture (awaiting the model itself).
    const result = await check!.check(await drawPreview({ animal: ANIMALS[0]!, width: 512, height: 512, seed: 1 }), { Porn: 0.5 });
    expect(result.checker).toBe('nsfwjs');
    expect(Object.keys(result.scores).sort()).toEqual(['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy']);
    expect(result.ok).toBe(true);
  });
});
