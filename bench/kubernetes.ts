// The Kubernetes path's orchestration overhead: requests rendered through Jobs on the real control
// plane (API server, Job controller, scheduler) with the node agent running the real runner against
// the ComfyUI double. For each request: render activity start → Job created → runner process
// started (pod running) → runner exit → the request's result. The container's own running time is
// the GPU's work; everything else is what Kubernetes and Temporal add.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchV1Api, type V1Job } from '@kubernetes/client-node';
import type { Client } from '@temporalio/client';
import { CubcanvasClient } from '../client/cubcanvas-client';
import { renderWorkflowId } from '../domain/naming';
import { listWatch } from '../render/kubernetes/list-watch';
import { LABEL, MANAGED_BY } from '../render/kubernetes/naming';
import { startSeaweed } from '../toolchain/seaweedfs';
import { projectRoot } from '../toolchain/pypi-binary';
import { startControlPlane } from '../test/support/k8s/control-plane';
import { benchGpuNode, benchNamespace, benchWorkerConfig } from './k8s-setup';
import { NodeAgent } from '../test/support/k8s/node-agent';
import { FakeComfyUi } from '../test/support/fake-comfyui';
import { createWorker } from '../worker/create-worker';

export interface KubernetesBenchResult {
  renderStartToJobCreated: number[];
  jobCreatedToPodRunning: number[];
  podExitToResult: number[];
  containerSeconds: number[];
  overhead: number[];
}

/** When the render workflow's renderAttempt activity started (the history's event time). */
async function renderActivityStarted(temporal: Client, workflowId: string): Promise<number> {
  const history = await temporal.workflow.getHandle(workflowId).fetchHistory();
  const started = history.events?.find((e) => e.activityTaskStartedEventAttributes);
  const t = started?.eventTime;
  if (!t) throw new Error(`no started activity in ${workflowId}`);
  return Number(t.seconds) * 1000 + Math.floor((t.nanos ?? 0) / 1e6);
}

export async function kubernetesBench(temporalAddress: string, requests: number, log: (line: string) => void): Promise<KubernetesBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'cubcanvas-bench-k8s-'));
  log('starting the Kubernetes control plane, SeaweedFS and the node agent…');
  const [plane, s3] = await Promise.all([startControlPlane({ dir: join(dir, 'k8s') }), startSeaweed({ dir: join(dir, 's3'), buckets: ['bench'] })]);
  const { admin, namespace, token } = await benchNamespace(plane, s3, dir);
  const fake = new FakeComfyUi();
  await fake.start();
  const agent = new NodeAgent({
    kubeConfig: admin,
    nodes: [benchGpuNode],
    defaultCwd: projectRoot,
    env: { RUNNER_COMFYUI_URL: fake.url, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  await agent.start();
  const config = benchWorkerConfig({ plane, token, namespace, dir, s3, extra: { CUBCANVAS_TASK_QUEUE: `bench-k8s-${randomUUID().slice(0, 6)}` } });
  const worker = await createWorker({ config, address: temporalAddress });
  const client = await CubcanvasClient.connect({ address: temporalAddress, taskQueue: config.taskQueue });
  // When each Job appeared, as a watching client sees it.
  const jobSeen = new Map<string, number>();
  const batch = admin.makeApiClient(BatchV1Api);
  const watch = listWatch<V1Job>({
    kubeConfig: admin,
    path: `/apis/batch/v1/namespaces/${namespace}/jobs`,
    query: { labelSelector: `${LABEL.managedBy}=${MANAGED_BY}` },
    list: async () => {
      const l = await batch.listNamespacedJob({ namespace, labelSelector: `${LABEL.managedBy}=${MANAGED_BY}` });
      return { items: l.items, resourceVersion: l.metadata!.resourceVersion! };
    },
    onChange: (current) => {
      for (const j of current.values()) if (!jobSeen.has(j.metadata!.name!)) jobSeen.set(j.metadata!.name!, Date.now());
    },
    onError: (err) => log(`job watch failed: ${err.message}`),
  });
  const result: KubernetesBenchResult = { renderStartToJobCreated: [], jobCreatedToPodRunning: [], podExitToResult: [], containerSeconds: [], overhead: [] };
  try {
    for (let i = -1; i < requests; i++) {
      const started = Date.now();
      const r = await client.generate({ prompt: `a cute baby koala number ${i} run ${config.taskQueue}`, size: 'small' });
      const done = Date.now();
      if (r.status !== 'completed') throw new Error(`bench request ${r.status}`);
      const job = r.attempts[0]!.timings!.job!;
      const run = agent.runs.find((x) => x.pod.startsWith(`${job}-`));
      if (!run?.startedAt || !run.finishedAt) throw new Error(`no runner run recorded for ${job}`);
      if (i < 0) continue; // warm-up: bundle, first API calls, first tsx compile
      const renderStart = await renderActivityStarted(client.temporal, renderWorkflowId(config.taskQueue, r.cacheKey));
      const container = run.finishedAt.getTime() - run.startedAt.getTime();
      result.renderStartToJobCreated.push(jobSeen.get(job)! - renderStart);
      result.jobCreatedToPodRunning.push(run.startedAt.getTime() - jobSeen.get(job)!);
      result.podExitToResult.push(done - run.finishedAt.getTime());
      result.containerSeconds.push(container / 1000);
      result.overhead.push(done - started - container);
    }
  } finally {
    watch.stop();
    await client.close();
    await worker.shutdown();
    await agent.stop();
    await fake.stop();
    await Promise.all([plane.stop(), s3.stop()]);
  }
  return result;
}
