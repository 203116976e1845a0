// The environment lock: the SHA-256 of every model file a graph makes ComfyUI load, checked
// against the hashes comfy-workflows/manifest.json pins, before anything is queued — a wrong or
// corrupted weight file fails the render by name instead of drawing something else on paid GPU time.
import { join } from 'node:path';
import { RenderFailedError } from '../../domain/errors';
import type { ModelFileHash } from '../../domain/pipeline';
import type { BlobStore } from '../../storage/blob-store';
import type { ApiGraph, ModelFileEntry } from './graph';
import { ModelHashCache } from './model-hashes';
import { findModelFile, firstBasePath, graphModelFiles, loadModelFolders, type ModelFolders } from './model-files';

export interface ModelLock {
  folders: ModelFolders;
  hashes: ModelHashCache;
  /** manifest.json "models"; entries with a sha256 are pinned. */
  pins: ModelFileEntry[];
}

const pinFor = (pins: ModelFileEntry[], folder: string, name: string) =>
  pins.find((p) => p.file === name && p.folder.replace(/^models\//, '') === folder && p.sha256 !== undefined);

/**
 * The hash of each model file the graph names, in graph order. A pinned file that is missing or
 * whose hash differs throws RenderFailed (not retryable: the same disk gives the same answer),
 * naming the file, the expected and the found hash. An unpinned file no folder holds is left out:
 * ComfyUI rejects the prompt itself ("Value not in list"), with its own words.
 */
export async function lockedModelFiles(graph: ApiGraph, lock: ModelLock): Promise<ModelFileHash[]> {
  const out: ModelFileHash[] = [];
  for (const file of graphModelFiles(graph)) {
    const name = `${file.folder}/${file.name}`;
    const pin = pinFor(lock.pins, file.folder, file.name);
    const path = await findModelFile(lock.folders, file);
    if (!path) {
      if (pin) throw new RenderFailedError(`model file ${name} is pinned in comfy-workflows/manifest.json but no model folder holds it`);
      continue;
    }
    const { sha256, bytes } = await lock.hashes.hash(path);
    if (pin && pin.sha256 !== sha256)
      throw new RenderFailedError(`model file ${name} (${path}) has SHA-256 ${sha256}, but comfy-workflows/manifest.json pins ${pin.sha256}`);
    out.push({ name, sha256, bytes });
  }
  return out;
}

/**
 * The lock for a ComfyUI started with `--extra-model-paths-config <yamlPath>`, built once per
 * process. The hash cache defaults to a file beside the models (the first group's base_path).
 */
export function createModelLock(opts: {
  yamlPath: string;
  setting: string;
  comfyuiDir?: string;
  hashCacheFile?: string;
  /** The object store as the hash cache's shared tier (the runner's: every render pod reads it). */
  sharedHashes?: BlobStore;
  pins: ModelFileEntry[];
}): ModelLock {
  const base = firstBasePath(opts.yamlPath);
  return {
    folders: loadModelFolders(opts.yamlPath, opts.setting, opts.comfyuiDir),
    hashes: new ModelHashCache(opts.hashCacheFile ?? (base ? join(base, MODEL_HASH_CACHE_FILE) : undefined), opts.sharedHashes),
    pins: opts.pins,
  };
}

export const MODEL_HASH_CACHE_FILE = '.cubcanvas-model-hashes.json';
