// The kubernetes backend's parts as the worker builds them from configuration: one KubeConfig
// (KUBECONFIG, ~/.kube/config, or the pod's service account) shared by the backend and the sweeper.
// Imported on demand (worker/dependencies.ts): the Kubernetes client takes over a second to load.
import { KubeConfig } from '@kubernetes/client-node';
import { runnerStorageEnv, type Config } from '../../config/settings';
import type { BlobStore } from '../../storage/blob-store';
import { KubernetesBackend } from './kubernetes-backend';
import { RenderJobSweeper } from './sweeper';

let loaded: KubeConfig | undefined;

function clusterConfig(): KubeConfig {
  if (!loaded) {
    loaded = new KubeConfig();
    loaded.loadFromDefault();
  }
  return loaded;
}

export function createKubernetesBackend(config: Config, store: BlobStore): KubernetesBackend {
  return new KubernetesBackend(store, {
    settings: config.kubernetes,
    kubeConfig: clusterConfig(),
    storageEnv: runnerStorageEnv(config.s3!),
    taskQueue: config.taskQueue,
    gpuType: config.gpuType!,
    graph: config.comfyuiGraph,
  });
}

export function createJobSweeper(config: Config): RenderJobSweeper {
  return new RenderJobSweeper(clusterConfig(), config.kubernetes.namespace);
}
