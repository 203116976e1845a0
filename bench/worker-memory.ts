// The worker's memory as it runs in a pod: worker/main.ts in a process of its own (nothing of the
// benchmark's client in it), with the memory settings of k8s/base/worker-deployment.yaml, every
// model and dictionary loaded, serving requests with 8 in flight. Prints its resident memory at
// start, after the requests and its peak (VmHWM), against the 1 GB budget.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadYaml, type V1Deployment } from '@kubernetes/client-node';
import { CubcanvasClient } from '../client/cubcanvas-client';
import { quietKnownWarnings } from '../config/node-warnings';
import { startEmbeddedServer } from '../temporal/embedded-server';
import { projectRoot } from '../toolchain/pypi-binary';
import { ANIMALS, envInt, runBench } from './common';

const print = (name: string, value: number, unit: string) => console.log(`${name}: ${Math.round(value * 10) / 10} ${unit}`);

/** A line of /proc/<pid>/status in MB (Linux only: the figure a pod's memory limit is held to). */
function procStatusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  if (!line) throw new Error(`/proc/${pid}/status has no ${field}`);
  return Number(line.split(/\s+/)[1]) / 1024;
}

function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'worker', 'main.ts')], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    proc.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('worker: polling')) resolve(proc);
    });
    proc.once('exit', (code) => reject(new Error(`worker exited with ${code} before polling:\n${output}`)));
  });
}

/** NODE_OPTIONS and MALLOC_ARENA_MAX as the Deployment gives them to the worker container. */
function podMemorySettings(): Record<string, string> {
  const deployment = loadYaml<V1Deployment>(readFileSync(join(projectRoot, 'k8s', 'base', 'worker-deployment.yaml'), 'utf8'));
  const env = deployment.spec?.template.spec?.containers.find((c) => c.name === 'worker')?.env ?? [];
  const settings: Record<string, string> = {};
  for (const name of ['NODE_OPTIONS', 'MALLOC_ARENA_MAX']) {
    const value = env.find((e) => e.name === name)?.value;
    if (value === undefined) throw new Error(`k8s/base/worker-deployment.yaml gives the worker no ${name}`);
    settings[name] = value;
  }
  return settings;
}

async function main(): Promise<void> {
  quietKnownWarnings();
  const requests = envInt('BENCH_MEMORY_REQUESTS', 300);
  const server = await startEmbeddedServer();
  const taskQueue = `bench-memory-${randomUUID().slice(0, 8)}`;
  const pod = podMemorySettings();
  console.error(
    `bench: worker process memory over ${requests} requests, 8 in flight, with ${Object.entries(pod)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}…`,
  );
  const worker = await startWorker({
    ...pod,
    TEMPORAL_ADDRESS: server.address,
    CUBCANVAS_TASK_QUEUE: taskQueue,
    CUBCANVAS_DATA_DIR: mkdtempSync(join(tmpdir(), 'cubcanvas-bench-memory-')),
    CUBCANVAS_PREVIEW_STEP_MS: '0',
    CUBCANVAS_LOG_LEVEL: 'WARN',
  });
  const client = await CubcanvasClient.connect({ address: server.address, taskQueue });
  try {
    print('worker_process_rss_at_start_mb', procStatusMb(worker.pid!, 'VmRSS'), 'MB');
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < requests) {
          const i = next++;
          const result = await client.generate({ prompt: `a cute ${ANIMALS[i % ANIMALS.length]} number ${i} ${taskQueue}`, size: 'small' });
          if (result.status !== 'completed') throw new Error(`request ${i} ended ${result.status}`);
        }
      }),
    );
    print('worker_process_rss_mb', procStatusMb(worker.pid!, 'VmRSS'), 'MB');
    print('worker_process_peak_rss_mb', procStatusMb(worker.pid!, 'VmHWM'), 'MB');
  } finally {
    await client.close();
    worker.kill('SIGTERM');
    await new Promise((r) => worker.once('exit', r));
    await server.stop();
  }
}

runBench(main);
