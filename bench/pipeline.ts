// npm run bench: requests through the full pipeline (preview backend, filesystem store) on a local
// dev server, then the platform's floor (empty workflow, seven no-op local activities, one no-op
// activity) for comparison, and how long the CLI takes to answer a command that needs no server.
// Prints one figure per line as "name: value unit".
//   BENCH_REQUESTS     sequential requests for the latency figures (default 40)
//   BENCH_THROUGHPUT   requests for the throughput figure (default 80)
//   BENCH_CONCURRENCY  requests in flight during the throughput run (default 8)
//   BENCH_K8S_REQUESTS requests rendered through Kubernetes Jobs (default 12; bench/kubernetes.ts)
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join as joinPath } from 'node:path';
import { Client } from '@temporalio/client';
import { connectToTemporal } from '../temporal/grpc-interceptors';
import { NativeConnection, Worker } from '@temporalio/worker';
import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CubcanvasClient } from '../client/cubcanvas-client';
import { loadConfig } from '../config/settings';
import { quietKnownWarnings } from '../config/node-warnings';
import { projectRoot } from '../toolchain/pypi-binary';
import type { GenerateImageResult } from '../domain/pipeline';
import { startEmbeddedServer } from '../temporal/embedded-server';
import { createWorker } from '../worker/create-worker';
import { installSdkLogging } from '../worker/logging';
import { ANIMALS, envInt, runBench } from './common';
import { kubernetesBench } from './kubernetes';
import { pictureCheckBench } from './picture-check';
import { provenanceBench } from './provenance';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Sample {
  e2eMs: number;
  renderMs: number;
}

async function one(client: CubcanvasClient, prompt: string): Promise<Sample> {
  const started = performance.now();
  const result: GenerateImageResult = await client.generate({ prompt, size: 'small' });
  const e2eMs = performance.now() - started;
  if (result.status !== 'completed') throw new Error(`unexpected ${result.status}`);
  return { e2eMs, renderMs: result.attempts.reduce((s, a) => s + a.renderMs, 0) };
}

const print = (name: string, value: number, unit: string) => console.log(`${name}: ${Math.round(value * 10) / 10} ${unit}`);

/** The platform's floor on this machine: what any workflow of this shape costs, whatever it does. */
async function floor(address: string): Promise<void> {
  const native = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection: native,
    taskQueue: 'bench-floor',
    workflowsPath: joinPath(__dirname, 'floor-workflows.ts'),
    activities: { async noop() {} },
  });
  const running = worker.run();
  const connection = await connectToTemporal({ address });
  const client = new Client({ connection });
  try {
    for (const [name, workflow] of [
      ['floor_empty_workflow_p50', 'emptyWorkflow'],
      ['floor_seven_local_activities_p50', 'sevenLocalActivities'],
      ['floor_one_activity_p50', 'oneActivity'],
    ] as const) {
      const times: number[] = [];
      for (let i = 0; i < 23; i++) {
        const t = performance.now();
        await client.workflow.execute(workflow, { taskQueue: 'bench-floor', workflowId: `floor-${workflow}-${randomUUID()}` });
        if (i >= 3) times.push(performance.now() - t);
      }
      print(name, percentile(times, 50), 'ms');
    }
  } finally {
    worker.shutdown();
    await running;
    await connection.close();
    await native.close();
  }
}

/** bin/cubcanvas screen: process start, loading what the command needs, answering. */
function cliStart(): void {
  const times: number[] = [];
  for (let i = 0; i < 6; i++) {
    const t = performance.now();
    const run = spawnSync(join(projectRoot, 'bin', 'cubcanvas'), ['screen', 'a cute baby panda', '--json'], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`cubcanvas screen failed: ${run.stderr}`);
    if (i > 0) times.push(performance.now() - t);
  }
  print('cli_screen_p50', percentile(times, 50), 'ms');
}

async function main(): Promise<void> {
  quietKnownWarnings();
  installSdkLogging('ERROR');
  const sequential = envInt('BENCH_REQUESTS', 40);
  const throughputN = envInt('BENCH_THROUGHPUT', 80);
  const concurrency = envInt('BENCH_CONCURRENCY', 8);
  const config = loadConfig({
    ...process.env,
    TEMPORAL_ADDRESS: '',
    CUBCANVAS_DATA_DIR: mkdtempSync(join(tmpdir(), 'cubcanvas-bench-')),
    CUBCANVAS_PREVIEW_STEP_MS: '0',
  });
  console.error(`bench: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; starting server and worker…`);
  const server = await startEmbeddedServer();
  const worker = await createWorker({ config, address: server.address });
  const client = await CubcanvasClient.connect({ address: server.address, taskQueue: config.taskQueue });
  const run = randomUUID().slice(0, 6);
  try {
    // Warm-up: workflow bundle load, sharp's first decode.
    for (let i = 0; i < 3; i++) await one(client, `warm-up ${run} ${i} a panda`);

    console.error(`bench: ${sequential} sequential requests…`);
    const samples: Sample[] = [];
    for (let i = 0; i < sequential; i++) samples.push(await one(client, `a cute ${ANIMALS[i % ANIMALS.length]} number ${i} run ${run}`));
    const e2e = samples.map((s) => s.e2eMs);
    const overhead = samples.map((s) => s.e2eMs - s.renderMs);
    print('e2e_p50', percentile(e2e, 50), 'ms');
    print('e2e_p99', percentile(e2e, 99), 'ms');
    print(
      'render_p50',
      percentile(
        samples.map((s) => s.renderMs),
        50,
      ),
      'ms',
    );
    print('overhead_p50', percentile(overhead, 50), 'ms');
    print('overhead_p99', percentile(overhead, 99), 'ms');

    console.error('bench: cache hits…');
    const hits: number[] = [];
    for (let i = 0; i < Math.min(20, sequential); i++) hits.push((await one(client, `a cute ${ANIMALS[i % ANIMALS.length]} number ${i} run ${run}`)).e2eMs);
    print('cache_hit_p50', percentile(hits, 50), 'ms');

    console.error(`bench: ${throughputN} requests, ${concurrency} in flight…`);
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < throughputN) {
          const i = next++;
          await one(client, `a happy ${ANIMALS[i % ANIMALS.length]} batch ${i} run ${run}`);
        }
      }),
    );
    const minutes = (performance.now() - started) / 60_000;
    print('throughput', throughputN / minutes, 'images/min');

    console.error('bench: picture safety check…');
    const pictureCheck = await pictureCheckBench(worker.deps.pictureChecks);
    print('picture_check_p50_ms', pictureCheck.p50Ms, 'ms');
    print('picture_check_p99_ms', pictureCheck.p99Ms, 'ms');
    print('worker_rss_mb', pictureCheck.rssMb, 'MB');

    console.error('bench: content credentials (strip + sign)…');
    const provenance = await provenanceBench(worker.deps.signer);
    print('provenance_p50', provenance.p50Ms, 'ms');
    print('provenance_p99', provenance.p99Ms, 'ms');

    console.error('bench: platform floor…');
    await floor(server.address);
    cliStart();

    const k8sRequests = envInt('BENCH_K8S_REQUESTS', 12);
    console.error(`bench: ${k8sRequests} requests through Kubernetes Jobs…`);
    const k8s = await kubernetesBench(server.address, k8sRequests, (line) => console.error(`bench: ${line}`));
    for (const [name, values] of [
      ['k8s_render_start_to_job_created', k8s.renderStartToJobCreated],
      ['k8s_job_created_to_pod_running', k8s.jobCreatedToPodRunning],
      ['k8s_pod_exit_to_result', k8s.podExitToResult],
      ['k8s_overhead', k8s.overhead],
    ] as const) {
      print(`${name}_p50`, percentile(values, 50), 'ms');
      print(`${name}_p99`, percentile(values, 99), 'ms');
    }
    print('k8s_container_p50', percentile(k8s.containerSeconds, 50) * 1000, 'ms');
  } finally {
    await client.close();
    await worker.shutdown();
    await server.stop();
  }
}

runBench(main);
