// npm run bench:economics — what one model load for many pictures saves, measured, not estimated.
// Render groups go through the kubernetes backend on the tests' control plane; each pod's runner
// starts its own ComfyUI double that takes the article's times (a 60 s cold start, 22 s per picture
// with the 8-step graph) divided by BENCH_TIME_SCALE (default 5), so the run takes minutes; the
// figures are scaled back. Billed GPU-seconds per picture for groups of 1, 10 and 50 next to one Job
// per picture (the article's design) and the lower bound (one cold start plus pure inference).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { CubcanvasClient } from '../client/cubcanvas-client';
import { quietKnownWarnings } from '../config/node-warnings';
import { groupWorkflowId, type RenderGroupRequest } from '../domain/render-group';
import { startEmbeddedServer } from '../temporal/embedded-server';
import { freePort } from '../toolchain/free-port';
import { projectRoot } from '../toolchain/pypi-binary';
import { startSeaweed } from '../toolchain/seaweedfs';
import { startControlPlane } from '../test/support/k8s/control-plane';
import { benchGpuNode, benchNamespace, benchWorkerConfig } from './k8s-setup';
import { NodeAgent } from '../test/support/k8s/node-agent';
import { createWorker } from '../worker/create-worker';
import { installSdkLogging } from '../worker/logging';
import type { RenderGroupResult } from '../workflows/render-group';
import { ANIMALS, envInt, runBench } from './common';

const COLD_START_S = 60;
const PER_PICTURE_S = 22;
const STEPS = 8;
const PRICE_PER_HOUR = 4.8;

async function main(): Promise<void> {
  quietKnownWarnings();
  installSdkLogging('ERROR');
  const scale = envInt('BENCH_TIME_SCALE', 5);
  const dir = mkdtempSync(join(tmpdir(), 'cubcanvas-bench-econ-'));
  console.error(
    `bench: article times / ${scale}: cold start ${COLD_START_S / scale} s, ${PER_PICTURE_S / scale} s a picture; starting Temporal, SeaweedFS, Kubernetes…`,
  );
  const [server, s3, plane] = await Promise.all([
    startEmbeddedServer(),
    startSeaweed({ dir: join(dir, 's3'), buckets: ['bench'] }),
    startControlPlane({ dir: join(dir, 'k8s') }),
  ]);
  const { admin, namespace, token } = await benchNamespace(plane, s3, dir);
  const comfyPort = await freePort();
  // Half the cold start is ComfyUI booting, half loading the weights; the runner starts it per pod.
  const coldMs = (COLD_START_S * 1000) / scale;
  const agent = new NodeAgent({
    kubeConfig: admin,
    nodes: [benchGpuNode],
    defaultCwd: projectRoot,
    env: {
      RUNNER_COMFYUI_URL: `http://127.0.0.1:${comfyPort}`,
      RUNNER_COMFYUI_COMMAND: `${process.execPath} --import tsx ${join(projectRoot, 'test', 'support', 'fake-comfyui-main.ts')}`,
      FAKE_COMFYUI_PORT: String(comfyPort),
      FAKE_COMFYUI_BOOT_MS: String(coldMs / 2),
      FAKE_COMFYUI_MODEL_LOAD_MS: String(coldMs / 2),
      FAKE_COMFYUI_STEP_MS: String((PER_PICTURE_S * 1000) / scale / STEPS),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  });
  await agent.start();
  const config = benchWorkerConfig({ plane, token, namespace, dir, s3 });
  const worker = await createWorker({ config, address: server.address });
  const client = await CubcanvasClient.connect({ address: server.address, taskQueue: config.taskQueue, images: worker.deps.store });
  const run = randomUUID().slice(0, 6);
  /** Billed GPU-seconds of one group of n pictures, scaled back to the article's time. */
  const group = async (n: number, tag: string): Promise<number> => {
    const req: RenderGroupRequest = {
      groupId: `econ-${run}-${tag}`,
      tasks: Array.from({ length: n }, (_, i) => ({
        taskId: `p${i}`,
        spec: {
          cacheKey: `${tag}-${i}`,
          prompt: `a cute ${ANIMALS[i % ANIMALS.length]} number ${i}`,
          negativePrompt: 'scary',
          width: 256,
          height: 256,
          seed: i,
          style: 'storybook' as const,
        },
      })),
    };
    const r: RenderGroupResult = await client.temporal.workflow.execute('renderGroup', {
      workflowId: groupWorkflowId(req.groupId),
      taskQueue: config.taskQueue,
      args: [req],
    });
    return r.gpuSeconds * scale;
  };
  const print = (name: string, value: number, unit = '') => console.log(`${name}: ${Math.round(value * 100) / 100}${unit ? ` ${unit}` : ''}`);
  try {
    const perImage: Record<number, number> = {};
    for (const n of [1, 10, 50]) {
      console.error(`bench: a group of ${n}…`);
      perImage[n] = (await group(n, `g${n}`)) / n;
      const bound = (COLD_START_S + n * PER_PICTURE_S) / n;
      print(`batch_${n}_gpu_s_per_image`, perImage[n]!, 's');
      print(`batch_${n}_ratio_to_bound`, perImage[n]! / bound);
    }
    console.error('bench: one Job per picture, five times…');
    let total = 0;
    for (let i = 0; i < 5; i++) total += await group(1, `single${i}`);
    print('one_job_per_image_gpu_s_per_image', total / 5, 's');
    print('lower_bound_gpu_s_per_image_50', (COLD_START_S + 50 * PER_PICTURE_S) / 50, 's');
    print('cost_per_1000_cny', (perImage[50]! * 1000 * PRICE_PER_HOUR) / 3600, 'CNY');
    print('cost_per_1000_cny_one_job_per_image', ((total / 5) * 1000 * PRICE_PER_HOUR) / 3600, 'CNY');
  } finally {
    await client.close();
    await worker.shutdown();
    await agent.stop();
    await Promise.all([plane.stop(), s3.stop(), server.stop()]);
  }
}

runBench(main);
