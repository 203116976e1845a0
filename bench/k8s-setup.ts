// The Kubernetes side the benchmarks share: a namespace like the tests' (the worker's Role from
// k8s/base, the storage Secret, a model claim) on a control plane they started.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { loadConfig, type Config } from '../config/settings';
import { projectRoot } from '../toolchain/pypi-binary';
import { kubeconfigYaml, type ControlPlane } from '../test/support/k8s/control-plane';
import { createModelVolume, createStorageSecret, createWorkerNamespace } from '../test/support/k8s/namespace-setup';

/** The benchmarks' one GPU node (one pod at a time, so each pod's ComfyUI can use the same port). */
export const benchGpuNode = {
  name: 'bench-gpu',
  labels: { 'nvidia.com/gpu.product': 'NVIDIA-A10G' },
  taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' as const }],
  gpus: 1,
};

export async function benchNamespace(
  plane: ControlPlane,
  s3: { accessKeyId: string; secretAccessKey: string },
  modelDir: string,
  namespace = 'bench',
): Promise<{ admin: KubeConfig; namespace: string; token: string }> {
  const admin = new KubeConfig();
  admin.loadFromFile(plane.adminKubeconfigPath);
  const token = await createWorkerNamespace(admin, namespace);
  await createStorageSecret(admin, namespace, s3);
  await createModelVolume(admin, namespace, modelDir);
  return { admin, namespace, token };
}

/**
 * A worker's settings for rendering through Jobs in that namespace with the worker's own token
 * (KUBECONFIG), on the benchmark's SeaweedFS, the runner run from this checkout by the node agent.
 */
export function benchWorkerConfig(opts: {
  plane: ControlPlane;
  token: string;
  namespace: string;
  dir: string;
  s3: { endpoint: string; accessKeyId: string; secretAccessKey: string };
  extra?: Record<string, string>;
}): Config {
  const kubeconfig = join(opts.dir, 'worker.kubeconfig');
  writeFileSync(kubeconfig, kubeconfigYaml(opts.plane.server, opts.plane.caData, opts.token, opts.namespace));
  process.env.KUBECONFIG = kubeconfig;
  return loadConfig({
    ...process.env,
    TEMPORAL_ADDRESS: '',
    CUBCANVAS_DATA_DIR: join(opts.dir, 'data'),
    CUBCANVAS_BACKEND: 'kubernetes',
    CUBCANVAS_GPU_TYPE: 'A10G',
    CUBCANVAS_STORAGE: 's3',
    CUBCANVAS_S3_BUCKET: 'bench',
    CUBCANVAS_S3_ENDPOINT: opts.s3.endpoint,
    CUBCANVAS_S3_FORCE_PATH_STYLE: 'true',
    AWS_ACCESS_KEY_ID: opts.s3.accessKeyId,
    AWS_SECRET_ACCESS_KEY: opts.s3.secretAccessKey,
    CUBCANVAS_K8S_NAMESPACE: opts.namespace,
    CUBCANVAS_K8S_RUNNER_IMAGE: 'cubcanvas-runner:bench',
    CUBCANVAS_K8S_RUNNER_COMMAND: JSON.stringify([process.execPath, '--import', 'tsx', join(projectRoot, 'runner', 'main.ts')]),
    CUBCANVAS_K8S_CPU: '1',
    CUBCANVAS_K8S_MEMORY: '1Gi',
    CUBCANVAS_K8S_SWEEP_MINUTES: '0',
    ...opts.extra,
  });
}
