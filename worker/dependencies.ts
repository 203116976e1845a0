// Builds the production dependencies from configuration: one place that knows which store and
// which backend a setting means.
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { ActivityDeps } from '../activities';
import { loadLexicon } from '../domain/screening/lexicon';
import { runnerStorageEnv, type Config } from '../config/settings';
import { ComfyUiBackend } from '../render/comfyui/comfyui-backend';
import { PreviewBackend } from '../render/preview/preview-backend';
import type { RenderBackend } from '../render/backend';
import type { RenderJobSweeper } from '../render/kubernetes/sweeper';
import type { BlobStore } from '../storage/blob-store';
import { FsBlobStore } from '../storage/fs-store';
import { S3BlobStore } from '../storage/s3-store';

export function createStore(config: Config): BlobStore {
  switch (config.storage) {
    case 'fs':
      return new FsBlobStore(join(config.dataDir, 'store'));
    case 's3':
      return new S3BlobStore(config.s3!);
  }
}

export function createBackend(config: Config, store: BlobStore): RenderBackend {
  switch (config.backend) {
    case 'preview':
      return new PreviewBackend(store, config.preview);
    case 'comfyui':
      return new ComfyUiBackend(store, { url: config.comfyuiUrl!, graph: config.comfyuiGraph, gpuType: config.gpuType, prices: config.gpuPrices });
    case 'kubernetes':
      return createKubernetesBackend(config, store);
  }
}

/**
 * Loaded on demand: the Kubernetes client takes over a second to import, and the runner and most
 * CLI commands reach this module without needing it.
 */
function createKubernetesBackend(config: Config, store: BlobStore): RenderBackend {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { KubernetesBackend } = require('../render/kubernetes/kubernetes-backend') as typeof import('../render/kubernetes/kubernetes-backend');
  return new KubernetesBackend(store, {
    settings: config.kubernetes,
    kubeConfig: clusterConfig(),
    storageEnv: runnerStorageEnv(config.s3!),
    taskQueue: config.taskQueue,
    gpuType: config.gpuType!,
    graph: config.comfyuiGraph,
  });
}

let loadedClusterConfig: import('@kubernetes/client-node').KubeConfig | undefined;

/** KUBECONFIG, ~/.kube/config, or the pod's service account in the cluster; loaded once. */
function clusterConfig(): import('@kubernetes/client-node').KubeConfig {
  if (!loadedClusterConfig) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { KubeConfig } = require('@kubernetes/client-node') as typeof import('@kubernetes/client-node');
    loadedClusterConfig = new KubeConfig();
    loadedClusterConfig.loadFromDefault();
  }
  return loadedClusterConfig;
}

export function createJobSweeper(config: Config): RenderJobSweeper {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { RenderJobSweeper: Sweeper } = require('../render/kubernetes/sweeper') as typeof import('../render/kubernetes/sweeper');
  return new Sweeper(clusterConfig(), config.kubernetes.namespace);
}

export function createActivityDeps(config: Config, temporal: Client, overrides: Partial<ActivityDeps> = {}): ActivityDeps {
  const store = overrides.store ?? createStore(config);
  return {
    store,
    backend: overrides.backend ?? createBackend(config, store),
    lexicon: overrides.lexicon ?? loadLexicon(),
    prices: config.gpuPrices,
    currency: config.currency,
    watermark: config.watermark,
    temporal,
    taskQueue: config.taskQueue,
    ...(config.backend === 'kubernetes' ? { jobSweeper: createJobSweeper(config) } : {}),
    ...overrides,
  };
}
