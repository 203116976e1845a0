// Builds the production dependencies from configuration: one place that knows which store and
// which backend a setting means.
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { ActivityDeps } from '../activities';
import { loadLexicon } from '../domain/screening/lexicon';
import type { GuardModel } from '../moderation/guard-model';
import { createGuardModel } from '../moderation/openai-guard-model';
import { moderationPictureCheck } from '../moderation/picture-check';
import type { Config } from '../config/settings';
import type { PictureSafetyCheck } from '../domain/picture-safety';
import { signerFromSettings } from '../imaging/content-credentials/signer';
import { nsfwClassifier } from '../imaging/nsfw-classifier';
import { ComfyUiBackend } from '../render/comfyui/comfyui-backend';
import { createModelLock, type ModelLock } from '../render/comfyui/environment-lock';
import { loadCatalog } from '../render/comfyui/graph';
import { PreviewBackend } from '../render/preview/preview-backend';
import type { RenderBackend } from '../render/backend';
import type { BlobStore } from '../storage/blob-store';
import { FsBlobStore } from '../storage/fs-store';
import { S3BlobStore } from '../storage/s3-store';
import { WebhookSender } from '../webhooks/sender';

export function createStore(config: Config): BlobStore {
  switch (config.storage) {
    case 'fs':
      return new FsBlobStore(join(config.dataDir, 'store'));
    case 's3':
      return new S3BlobStore(config.s3!);
  }
}

/** The comfyui backend's environment lock, when the worker sees the server's model folders. */
function comfyuiModelLock(config: Config, yamlPath: string): ModelLock {
  return createModelLock({ yamlPath, setting: 'CUBCANVAS_COMFYUI_MODEL_PATHS', hashCacheFile: config.comfyuiModelHashCache, pins: loadCatalog().models });
}

/** Loaded on demand: the runner and most CLI commands reach this module without needing Kubernetes. */
const kubernetes = () => import('../render/kubernetes/factory');

export async function createBackend(config: Config, store: BlobStore): Promise<RenderBackend> {
  switch (config.backend) {
    case 'preview':
      return new PreviewBackend(store, config.preview);
    case 'comfyui':
      return new ComfyUiBackend(store, {
        url: config.comfyuiUrl!,
        graph: config.comfyuiGraph,
        gpuType: config.gpuType,
        prices: config.gpuPrices,
        ...(config.comfyuiModelPaths ? { modelLock: comfyuiModelLock(config, config.comfyuiModelPaths) } : {}),
      });
    case 'kubernetes':
      return (await kubernetes()).createKubernetesBackend(config, store);
  }
}

/**
 * The checks every rendered picture passes before it is published, each loaded once. A new check
 * (the guard model, when CUBCANVAS_MODERATION_URL is set) is pushed onto this list; all are run.
 * The classifier is handed over at once with its model loading in the background: the validate
 * step waits for it, start-up does not.
 */
export function createPictureChecks(config: Config, guard?: GuardModel): PictureSafetyCheck[] {
  const moderation = moderationPictureCheck(config.moderation, guard);
  return [nsfwClassifier(), ...(moderation ? [moderation] : [])];
}

/** Every dependency but the Temporal client: what can load before the server answers. */
export type LocalActivityDeps = Omit<ActivityDeps, 'temporal'>;

/**
 * Loads the dependencies that need no Temporal connection. A CLI command starts this beside its
 * embedded server (cli/runtime.ts): the lexicon, the signer and the classifier then load while
 * the server boots, instead of after it.
 */
export async function loadActivityDeps(config: Config, overrides: Partial<ActivityDeps> = {}): Promise<LocalActivityDeps> {
  const store = overrides.store ?? createStore(config);
  // One client for the prompt stage and the picture check.
  const guardModel = config.moderation ? createGuardModel(config.moderation) : undefined;
  const lexicon = overrides.lexicon ?? loadLexicon();
  const pictureChecks = overrides.pictureChecks ?? createPictureChecks(config, guardModel);
  // Loaded here, once: a missing, expired or unfit certificate stops start-up, naming the setting.
  const signer = overrides.signer ?? signerFromSettings(config.contentCredentials);
  const backend = overrides.backend ?? createBackend(config, store);
  // Together: a failure of one must not leave the other's rejection unhandled.
  const [loadedBackend, loadedSigner] = await Promise.all([backend, signer]);
  return {
    store,
    backend: loadedBackend,
    lexicon,
    pictureChecks,
    ...(guardModel ? { guardModel } : {}),
    prices: config.gpuPrices,
    currency: config.currency,
    watermark: config.watermark,
    signer: loadedSigner,
    promptInCredentials: config.contentCredentials.includePrompt,
    taskQueue: config.taskQueue,
    // The store that published the picture mints its URL in a completed event, at each attempt.
    ...(config.webhooks ? { webhooks: new WebhookSender(config.webhooks, store) } : {}),
    ...(config.backend === 'kubernetes' ? { jobSweeper: (await kubernetes()).createJobSweeper(config) } : {}),
    ...overrides,
  };
}

/** All dependencies: those `loading` (by default loaded now) and the Temporal client. */
export async function createActivityDeps(
  config: Config,
  temporal: Client,
  overrides: Partial<ActivityDeps> = {},
  loading: Promise<LocalActivityDeps> = loadActivityDeps(config, overrides),
): Promise<ActivityDeps> {
  return { ...(await loading), temporal, ...overrides };
}
