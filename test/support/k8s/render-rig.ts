// Everything a kubernetes-backend test needs, on the run's control plane: a namespace with the
// worker's Role, the storage Secret and model volume, two tainted GPU nodes of its own run by the
// node agent, the ComfyUI double the runner talks to, and the backend's settings as env.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { BatchV1Api, CoreV1Api } from '@kubernetes/client-node';
import { loadKubernetesSettings, type KubernetesSettings } from '../../../config/kubernetes-settings';
import { runnerStorageEnv, type S3Settings } from '../../../config/settings';
import { KubernetesBackend, type KubernetesBackendOptions } from '../../../render/kubernetes/kubernetes-backend';
import { LABEL, MANAGED_BY } from '../../../render/kubernetes/naming';
import { S3BlobStore } from '../../../storage/s3-store';
import { projectRoot } from '../../../toolchain/pypi-binary';
import { FakeComfyUi } from '../fake-comfyui';
import { until } from '../until';
import { kubeconfigYaml } from './control-plane';
import { createModelVolume, createStorageSecret, createTestNamespace, type TestNamespace } from './cluster';
import { NodeAgent } from './node-agent';

export interface RenderRig {
  ns: TestNamespace;
  agent: NodeAgent;
  fake: FakeComfyUi;
  store: S3BlobStore;
  s3: S3Settings;
  /** The settings a worker process needs (CUBCANVAS_* and KUBECONFIG of the worker's token). */
  env: Record<string, string>;
  settings(extra?: Record<string, string>): KubernetesSettings;
  backend(extra?: Record<string, string>, opts?: Partial<KubernetesBackendOptions>): KubernetesBackend;
  /** Jobs and pods of cubcanvas left in the namespace (admin view). */
  leftovers(): Promise<{ jobs: string[]; pods: string[] }>;
  stop(): Promise<void>;
}

export const RUNNER_COMMAND = [process.execPath, '--import', 'tsx', join(projectRoot, 'runner', 'main.ts')];

export async function startRenderRig(prefix: string): Promise<RenderRig> {
  const ns = await createTestNamespace(prefix);
  await createStorageSecret(ns);
  await createModelVolume(ns);
  const fake = new FakeComfyUi();
  await fake.start();
  const s3Context = inject('s3');
  const s3: S3Settings = {
    bucket: s3Context.bucket,
    endpoint: s3Context.endpoint,
    region: 'us-east-1',
    prefix: `t-${randomUUID().slice(0, 8)}/`,
    forcePathStyle: true,
    urlExpirySeconds: 300,
    credentials: { accessKeyId: s3Context.accessKeyId, secretAccessKey: s3Context.secretAccessKey },
  };
  const store = new S3BlobStore({ ...s3, credentials: s3.credentials! });
  const agent = new NodeAgent({
    kubeConfig: ns.admin,
    nodes: ['a', 'b'].map((n) => ({
      name: `${ns.name}-gpu-${n}`,
      labels: { [ns.pool.key]: ns.pool.value, 'nvidia.com/gpu.product': 'NVIDIA-A10G' },
      taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' as const }],
      gpus: 1,
    })),
    namespaces: [ns.name],
    defaultCwd: projectRoot,
    // What the runner image's ENV would hold: where its ComfyUI listens.
    env: { RUNNER_COMFYUI_URL: fake.url, RUNNER_READY_TIMEOUT_SECONDS: '3', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  await agent.start();
  const kubeconfig = join(mkdtempSync(join(tmpdir(), 'cubcanvas-kubeconfig-')), 'worker.kubeconfig');
  const { server, caData } = inject('k8s');
  writeFileSync(kubeconfig, kubeconfigYaml(server, caData, ns.workerToken, ns.name));
  const env: Record<string, string> = {
    CUBCANVAS_BACKEND: 'kubernetes',
    CUBCANVAS_GPU_TYPE: 'A10G',
    CUBCANVAS_STORAGE: 's3',
    CUBCANVAS_S3_BUCKET: s3.bucket,
    CUBCANVAS_S3_ENDPOINT: s3.endpoint!,
    CUBCANVAS_S3_PREFIX: s3.prefix,
    CUBCANVAS_S3_FORCE_PATH_STYLE: 'true',
    AWS_REGION: s3.region,
    AWS_ACCESS_KEY_ID: s3.credentials!.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.credentials!.secretAccessKey,
    KUBECONFIG: kubeconfig,
    CUBCANVAS_K8S_NAMESPACE: ns.name,
    CUBCANVAS_K8S_RUNNER_IMAGE: 'registry.example.com/cubcanvas-runner:test',
    CUBCANVAS_K8S_RUNNER_COMMAND: JSON.stringify(RUNNER_COMMAND),
    CUBCANVAS_K8S_NODE_SELECTOR: `${ns.pool.key}=${ns.pool.value}`,
    CUBCANVAS_K8S_CPU: '1',
    CUBCANVAS_K8S_MEMORY: '1Gi/2Gi',
    CUBCANVAS_K8S_UNSCHEDULABLE_SECONDS: '30',
  };
  const settings = (extra: Record<string, string> = {}) => loadKubernetesSettings({ ...env, ...extra }, true);
  return {
    ns,
    agent,
    fake,
    store,
    s3,
    env,
    settings,
    backend: (extra = {}, opts = {}) =>
      new KubernetesBackend(store, {
        settings: settings(extra),
        kubeConfig: ns.worker,
        storageEnv: runnerStorageEnv(s3),
        taskQueue: 'test',
        gpuType: 'A10G',
        tickMs: 200,
        ...opts,
      }),
    async leftovers() {
      const selector = `${LABEL.managedBy}=${MANAGED_BY}`;
      const jobs = await ns.admin.makeApiClient(BatchV1Api).listNamespacedJob({ namespace: ns.name, labelSelector: selector });
      const pods = await ns.admin.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: ns.name, labelSelector: selector });
      return { jobs: jobs.items.map((j) => j.metadata!.name!), pods: pods.items.map((p) => p.metadata!.name!) };
    },
    async stop() {
      await agent.stop();
      await fake.stop();
      await ns.delete();
    },
  };
}

/**
 * One rig for the test file: started before its tests; after them, nothing of any test may be left
 * in the cluster (every path deletes its Job, and the pods go with it), then it is taken down.
 */
export function useRenderRig(prefix: string): () => RenderRig {
  let rig: RenderRig | undefined;
  beforeAll(async () => {
    rig = await startRenderRig(prefix);
  }, 60_000);
  afterAll(async () => {
    if (!rig) return;
    const started = rig;
    try {
      await until(
        'no render Job or pod left',
        async () => {
          const left = await started.leftovers();
          return left.jobs.length + left.pods.length === 0 ? true : undefined;
        },
        30_000,
      );
    } finally {
      await started.stop();
    }
  });
  return () => {
    if (!rig) throw new Error('the render rig is not started (beforeAll failed)');
    return rig;
  };
}
