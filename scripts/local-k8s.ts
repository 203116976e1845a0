// npm run k8s:local — the tests' Kubernetes control plane (real API server, Job controller,
// scheduler, etcd) and node agent, for trying the kubernetes backend from the CLI without a
// cluster or a GPU. Two "GPU" nodes run each pod's command as a local process; the runner talks to
// the ComfyUI double (no model, preview pictures) unless RUNNER_COMFYUI_URL names a real ComfyUI.
// Storage must be S3 (the pod uploads itself): run `npm run s3:local` first and export its settings.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { quietKnownWarnings } from '../config/node-warnings';
import { projectRoot } from '../toolchain/pypi-binary';
import { startControlPlane, kubeconfigYaml } from '../test/support/k8s/control-plane';
import { NodeAgent } from '../test/support/k8s/node-agent';
import { FakeComfyUi } from '../test/support/fake-comfyui';
import { createModelVolume, createStorageSecret, createWorkerNamespace } from '../test/support/k8s/namespace-setup';

const NAMESPACE = 'cubcanvas';

async function main(): Promise<void> {
  quietKnownWarnings();
  const dataDir = resolve(process.env.CUBCANVAS_DATA_DIR ?? '.cubcanvas');
  const dir = join(dataDir, 'k8s-local');
  mkdirSync(dir, { recursive: true });
  const apiPort = Number(process.env.CUBCANVAS_LOCAL_K8S_PORT ?? 6443);
  if (!Number.isInteger(apiPort) || apiPort < 1 || apiPort > 65535)
    throw new Error(`CUBCANVAS_LOCAL_K8S_PORT: "${process.env.CUBCANVAS_LOCAL_K8S_PORT}" is not a port`);
  const plane = await startControlPlane({ dir: join(dir, `run-${Date.now()}`), apiPort, log: (l) => console.error(`k8s:local: ${l}`) });
  const admin = new KubeConfig();
  admin.loadFromFile(plane.adminKubeconfigPath);
  const token = await createWorkerNamespace(admin, NAMESPACE, 86_400);
  const workerKubeconfig = join(dir, 'worker.kubeconfig');
  writeFileSync(workerKubeconfig, kubeconfigYaml(plane.server, plane.caData, token, NAMESPACE));
  // The storage Secret the runner reads, from this shell's credentials (npm run s3:local's by default).
  await createStorageSecret(admin, NAMESPACE, {
    accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? 'cubcanvas-local',
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? 'cubcanvas-local-secret',
  });
  // The model claim, bound to a local folder (the double needs no weights).
  await createModelVolume(admin, NAMESPACE, dir);

  let fake: FakeComfyUi | undefined;
  let comfyUrl = process.env.RUNNER_COMFYUI_URL;
  if (!comfyUrl) {
    fake = new FakeComfyUi();
    // A real-ish pace: 8 steps of 400 ms after a 3 s "model load", so progress is visible.
    fake.behaviour.stepMs = 400;
    fake.behaviour.modelLoadMs = 3000;
    await fake.start();
    comfyUrl = fake.url;
  }
  const agent = new NodeAgent({
    kubeConfig: admin,
    nodes: ['gpu-1', 'gpu-2'].map((name) => ({
      name,
      labels: { 'nvidia.com/gpu.product': 'NVIDIA-A10G' },
      taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' as const }],
      gpus: 1,
    })),
    defaultCwd: projectRoot,
    env: { RUNNER_COMFYUI_URL: comfyUrl, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  await agent.start();
  const command = JSON.stringify([process.execPath, '--import', 'tsx', join(projectRoot, 'runner', 'main.ts')]);
  console.log(`# Kubernetes ${plane.server} (admin: ${plane.adminKubeconfigPath}), two A10G nodes run by the node agent,
# runner ComfyUI: ${comfyUrl}${fake ? ' (the ComfyUI double: preview pictures, no GPU)' : ''}. In another shell, with the
# settings of \`npm run s3:local\` exported:
export KUBECONFIG=${workerKubeconfig}
export CUBCANVAS_BACKEND=kubernetes
export CUBCANVAS_GPU_TYPE=A10G
export CUBCANVAS_K8S_NAMESPACE=${NAMESPACE}
export CUBCANVAS_K8S_RUNNER_IMAGE=cubcanvas-runner:local
export CUBCANVAS_K8S_RUNNER_COMMAND='${command}'
export CUBCANVAS_K8S_NODE_SELECTOR=nvidia.com/gpu.product=NVIDIA-A10G
export CUBCANVAS_K8S_CPU=1 CUBCANVAS_K8S_MEMORY=1Gi/2Gi
# then: bin/cubcanvas doctor; bin/cubcanvas generate "a cute baby panda"
# watch: .tools/kubernetes-v1.37.2/kubectl --kubeconfig ${plane.adminKubeconfigPath} -n ${NAMESPACE} get jobs,pods -w
# Ctrl-C here stops it all.`);
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await agent.stop();
  await fake?.stop();
  await plane.stop();
}

main().catch((err: unknown) => {
  console.error(`k8s:local: ${(err as Error).message}`);
  process.exit(1);
});
