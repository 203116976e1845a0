// npm run bench:batch — a large batch on the preview backend (the embedded default): how long
// BENCH_BATCH_ITEMS items (default 10,000) take end to end, and the largest history any run of the
// batch workflow reached (it continues as new every window, so this stays flat however long the
// manifest). Prints one figure per line as "name: value unit".
//   BENCH_BATCH_ITEMS   manifest size (default 10000)
//   BENCH_GROUP_SIZE    misses per render group (default 10)
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchClient } from '../client/batch-client';
import { CubcanvasClient } from '../client/cubcanvas-client';
import { quietKnownWarnings } from '../config/node-warnings';
import { loadConfig } from '../config/settings';
import { batchWorkflowId } from '../domain/batch';
import { startEmbeddedServer } from '../temporal/embedded-server';
import { createWorker } from '../worker/create-worker';
import { installSdkLogging } from '../worker/logging';
import { ANIMALS, envInt, runBench } from './common';

async function main(): Promise<void> {
  quietKnownWarnings();
  installSdkLogging('ERROR');
  const items = envInt('BENCH_BATCH_ITEMS', 10_000);
  const groupSize = envInt('BENCH_GROUP_SIZE', 10);
  const config = loadConfig({
    ...process.env,
    TEMPORAL_ADDRESS: '',
    CUBCANVAS_DATA_DIR: mkdtempSync(join(tmpdir(), 'cubcanvas-bench-batch-')),
    CUBCANVAS_PREVIEW_STEP_MS: '0',
    CUBCANVAS_MAX_CONCURRENT_ACTIVITIES: '16',
  });
  console.error(`bench: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; a batch of ${items} on the preview backend…`);
  const server = await startEmbeddedServer();
  const worker = await createWorker({ config, address: server.address });
  const client = await CubcanvasClient.connect({ address: server.address, taskQueue: config.taskQueue, images: worker.deps.store });
  try {
    const run = randomUUID().slice(0, 6);
    const manifest = [
      'id,prompt,size',
      ...Array.from({ length: items }, (_, i) => `i${i},a cute ${ANIMALS[i % ANIMALS.length]} number ${i} run ${run},small`),
    ].join('\n');
    const batches = new BatchClient(client.temporal, config.taskQueue, worker.deps.store);
    const started = performance.now();
    const { batchId } = await batches.start(Buffer.from(manifest), { groupSize, maxConcurrentJobs: 4, fileName: 'bench.csv' });
    const progress = setInterval(() => {
      batches.progress(batchId).then(
        (p) => console.error(`bench: ${p.counts.done}/${p.total} after ${Math.round((performance.now() - started) / 1000)} s`),
        () => undefined,
      );
    }, 30_000);
    const result = await batches.result(batchId).finally(() => clearInterval(progress));
    const minutes = (performance.now() - started) / 60_000;
    let runs = 0;
    let peakEvents = 0;
    let peakBytes = 0;
    for await (const wf of client.temporal.workflow.list({ query: `WorkflowId = '${batchWorkflowId(batchId)}'` })) {
      runs++;
      peakEvents = Math.max(peakEvents, wf.historyLength);
      peakBytes = Math.max(peakBytes, wf.historySize ?? 0);
    }
    console.log(`batch_items: ${result.total}`);
    console.log(`batch_completed: ${result.counts.completed}`);
    console.log(`batch_minutes: ${Math.round(minutes * 10) / 10} min`);
    console.log(`batch_images_per_min: ${Math.round(result.total / minutes)} images/min`);
    console.log(`batch_workflow_runs: ${runs}`);
    console.log(`batch_peak_history_events: ${peakEvents}`);
    console.log(`batch_peak_history_kb: ${Math.round(peakBytes / 1024)} KB`);
  } finally {
    await client.close();
    await worker.shutdown();
    await server.stop();
  }
}

runBench(main);
