// The runner's own settings (besides the store's: CUBCANVAS_STORAGE, CUBCANVAS_S3_*, AWS_*), read
// once at start; the README's runner table is this list.
import { ConfigError } from '../domain/errors';
import { join } from 'node:path';
import { num, optional, type Env, type SettingDoc } from '../config/parse';

export const RUNNER_SETTINGS: SettingDoc[] = [
  { name: 'RUNNER_JOB_FILE', default: '(unset)', meaning: 'Path of the job JSON; exactly one of this or RUNNER_JOB_KEY.' },
  { name: 'RUNNER_JOB_KEY', default: '(unset)', meaning: 'Blob-store key of the job JSON (what the kubernetes backend sets).' },
  { name: 'RUNNER_COMFYUI_URL', default: 'http://127.0.0.1:8188', meaning: 'The ComfyUI the runner drives (the image sets its own, local one).' },
  {
    name: 'RUNNER_COMFYUI_COMMAND',
    default: '(unset)',
    meaning: 'Shell command that starts ComfyUI; the runner stops it at the end. Its output goes to stderr.',
  },
  { name: 'RUNNER_READY_TIMEOUT_SECONDS', default: '600', meaning: 'How long to wait for ComfyUI to answer (boot and model paths), 1..86400.' },
  { name: 'RUNNER_TASK_RETRIES', default: '2', meaning: 'Extra tries of a task after a retryable failure (CUDA out of memory, a lost prompt), 0..10.' },
  {
    name: 'RUNNER_STORAGE_OUTAGE_SECONDS',
    default: '600',
    meaning:
      'How long the runner rides out an object-storage outage (reading the job, uploading a rendered picture or the manifest) before giving up, 0..3600: a picture already paid for in GPU time is kept, not rendered again.',
  },
  {
    name: 'RUNNER_COMFYUI_DIR',
    default: '/comfyui',
    meaning:
      'The ComfyUI checkout: its REVISION file (the commit, written by the image build) goes into the provenance, its models/ folders are searched first.',
  },
  {
    name: 'RUNNER_EXTRA_MODEL_PATHS',
    default: '<RUNNER_COMFYUI_DIR>/extra_model_paths.yaml',
    meaning:
      'The extra_model_paths.yaml ComfyUI is started with: where the runner finds the model files the graph loads to hash them. Missing file: no hashes, and a render whose model files are pinned fails.',
  },
  {
    name: 'RUNNER_MODEL_HASH_CACHE',
    default: '<first base_path of RUNNER_EXTRA_MODEL_PATHS>/.cubcanvas-model-hashes.json',
    meaning:
      'JSON file of model file hashes by path, size and mtime, so a 20 GB file is hashed once. On a read-only model volume it cannot be written: point it at a writable path, or write it once from a pod that mounts the volume read-write.',
  },
  {
    name: 'RUNNER_POD_NAME',
    default: '(set by the kubernetes backend)',
    meaning: "The pod's name (downward API), in the runner's first log line so that a log read elsewhere says where it came from.",
  },
];

export interface RunnerSettings {
  jobFile: string | undefined;
  jobKey: string | undefined;
  comfyuiUrl: string;
  comfyuiCommand: string | undefined;
  readyTimeoutMs: number;
  taskRetries: number;
  storageOutageMs: number;
  podName: string | undefined;
  comfyuiDir: string;
  extraModelPaths: string;
  /** Undefined: beside the models (first base_path of the extra model paths file). */
  modelHashCache: string | undefined;
}

export function loadRunnerSettings(env: Env): RunnerSettings {
  const jobFile = optional(env, 'RUNNER_JOB_FILE');
  const jobKey = optional(env, 'RUNNER_JOB_KEY');
  if (!jobFile === !jobKey) throw new ConfigError('RUNNER_JOB_FILE', 'set exactly one of RUNNER_JOB_FILE (a path) or RUNNER_JOB_KEY (a key in the blob store)');
  const comfyuiUrl = optional(env, 'RUNNER_COMFYUI_URL') ?? 'http://127.0.0.1:8188';
  const comfyuiDir = optional(env, 'RUNNER_COMFYUI_DIR') ?? '/comfyui';
  if (!/^https?:\/\/[^\s/]+/.test(comfyuiUrl)) throw new ConfigError('RUNNER_COMFYUI_URL', `"${comfyuiUrl}" is not an http(s) URL`);
  return {
    jobFile,
    jobKey,
    comfyuiUrl,
    comfyuiCommand: optional(env, 'RUNNER_COMFYUI_COMMAND'),
    readyTimeoutMs: num(env, 'RUNNER_READY_TIMEOUT_SECONDS', 600, 1, 86_400) * 1000,
    taskRetries: num(env, 'RUNNER_TASK_RETRIES', 2, 0, 10),
    storageOutageMs: num(env, 'RUNNER_STORAGE_OUTAGE_SECONDS', 600, 0, 3600) * 1000,
    podName: optional(env, 'RUNNER_POD_NAME'),
    comfyuiDir,
    extraModelPaths: optional(env, 'RUNNER_EXTRA_MODEL_PATHS') ?? join(comfyuiDir, 'extra_model_paths.yaml'),
    modelHashCache: optional(env, 'RUNNER_MODEL_HASH_CACHE'),
  };
}
