// npm run bench:api — what the HTTP API adds over the client library, on the embedded server:
//   api_submit_overhead_p50/p99   ms an HTTP POST /v1/images takes beyond client.start() (interleaved samples)
//   api_status_reads_per_s        GET /v1/images/{id} of a finished request, 50 concurrent clients
// Prints one figure per line as "name: value unit". 200 submissions per side, a 5 s read run.
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApi } from '../api/server';
import { loadApiSettings } from '../api/settings';
import { CubcanvasClient } from '../client/cubcanvas-client';
import { quietKnownWarnings } from '../config/node-warnings';
import { loadConfig } from '../config/settings';
import { startEmbeddedServer } from '../temporal/embedded-server';
import { createWorker } from '../worker/create-worker';
import { installSdkLogging } from '../worker/logging';
import { ANIMALS, runBench } from './common';

const TOKEN = 'bench-token-0123456789abcdef';
const CONCURRENCY = 50;
const SUBMITS = 200;
const READ_SECONDS = 5;

/** A GET over a keep-alive agent: node:http costs the load generator less CPU than fetch, and it shares the cores. */
function get(agent: Agent, url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  quietKnownWarnings();
  installSdkLogging('ERROR');
  const submits = SUBMITS;
  const seconds = READ_SECONDS;
  const config = loadConfig({
    ...process.env,
    TEMPORAL_ADDRESS: '',
    CUBCANVAS_DATA_DIR: mkdtempSync(join(tmpdir(), 'cubcanvas-bench-api-')),
    CUBCANVAS_PREVIEW_STEP_MS: '0',
  });
  console.error(`bench: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; HTTP API over the client library…`);
  const server = await startEmbeddedServer();
  const worker = await createWorker({ config, address: server.address });
  const client = await CubcanvasClient.connect({ address: server.address, taskQueue: config.taskQueue, images: worker.deps.store });
  const settings = { ...loadApiSettings({}), tokens: new Map([['bench', TOKEN]]), ratePerMinute: 0, dailyQuota: 0, maxBacklog: 1_000_000 }; // admission still counts, never refuses
  const { app } = buildApi({ client, store: worker.deps.store, settings, contentDelivery: 'stream' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
  try {
    // One finished request to read; then the worker stops, so that renders of the submissions
    // below do not compete for the 2 cores with what is measured (starting needs no worker).
    const finished = await client.generate({ prompt: 'a cute baby panda on a grassy hill', size: 'small' });
    await worker.shutdown();

    const run = randomUUID().slice(0, 6);
    const prompt = (i: number) => `a cute ${ANIMALS[i % ANIMALS.length]} number ${i} run ${run}`;
    const direct: number[] = [];
    const http: number[] = [];
    for (let i = 0; i < submits; i++) {
      let t = performance.now();
      await client.start({ prompt: prompt(2 * i), size: 'small' });
      direct.push(performance.now() - t);
      t = performance.now();
      const res = await fetch(`${url}/v1/images`, { method: 'POST', headers, body: JSON.stringify({ prompt: prompt(2 * i + 1), size: 'small' }) });
      await res.arrayBuffer();
      if (res.status !== 202) throw new Error(`POST /v1/images answered ${res.status}`);
      http.push(performance.now() - t);
    }
    direct.sort((a, b) => a - b);
    http.sort((a, b) => a - b);
    console.error(
      `bench: client.start p50 ${percentile(direct, 50).toFixed(1)} ms p99 ${percentile(direct, 99).toFixed(1)} ms; POST p50 ${percentile(http, 50).toFixed(1)} ms p99 ${percentile(http, 99).toFixed(1)} ms`,
    );
    console.log(`api_submit_overhead_p50: ${(percentile(http, 50) - percentile(direct, 50)).toFixed(1)} ms`);
    console.log(`api_submit_overhead_p99: ${(percentile(http, 99) - percentile(direct, 99)).toFixed(1)} ms`);

    const statusUrl = `${url}/v1/images/${finished.requestId}`;
    const warm = await fetch(statusUrl, { headers });
    if (warm.status !== 200) throw new Error(`GET status answered ${warm.status}`);
    await warm.arrayBuffer();
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    let reads = 0;
    const latencies: number[] = [];
    const end = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < end) {
          const t = performance.now();
          const status = await get(agent, statusUrl, headers);
          if (status !== 200) throw new Error(`GET status answered ${status}`);
          latencies.push(performance.now() - t);
          reads++;
        }
      }),
    );
    agent.destroy();
    latencies.sort((a, b) => a - b);
    console.error(
      `bench: status read p50 ${percentile(latencies, 50).toFixed(1)} ms p99 ${percentile(latencies, 99).toFixed(1)} ms with ${CONCURRENCY} concurrent clients (the load generator shares the cores)`,
    );
    console.log(`api_status_reads_per_s: ${Math.round(reads / seconds)} reads/s`);
  } finally {
    await app.close();
    await client.close();
    await server.stop();
  }
}

runBench(main);
