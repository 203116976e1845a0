// Long-running commands: dev (embedded server with Web UI, and a worker) and worker; and doctor.
import { parseArgs } from 'node:util';
import type { Config } from '../../config/settings';
import { startEmbeddedServer } from '../../temporal/embedded-server';
import { createWorker } from '../../worker/create-worker';
import { runWorker } from '../../worker/main';
import { err, printJson, UsageError } from '../common';
import { runDoctor } from '../doctor';
import { readServerRecord, removeServerRecord, writeServerRecord } from '../server-lock';

export async function dev(config: Config): Promise<number> {
  if (config.temporalAddress) throw new UsageError('dev starts its own server; unset TEMPORAL_ADDRESS (or run `cubcanvas worker` against that cluster)');
  const existing = readServerRecord(config.dataDir);
  if (existing) throw new UsageError(`a server for ${config.dataDir} is already running (pid ${existing.pid}, ${existing.address}${existing.uiUrl ? `, UI ${existing.uiUrl}` : ''})`);
  const server = await startEmbeddedServer({ dataDir: config.dataDir, namespace: config.namespace, uiPort: config.uiPort });
  writeServerRecord(config.dataDir, { pid: process.pid, address: server.address, uiUrl: server.uiUrl, kind: 'dev' });
  const worker = await createWorker({ config, address: server.address });
  err(`Temporal server: ${server.address} (namespace ${config.namespace}, database ${config.dataDir}/temporal.db)`);
  err(`Web UI:          ${server.uiUrl}`);
  err(`worker:          task queue ${config.taskQueue}, backend ${config.backend}, store ${worker.deps.store.description}`);
  err('other cubcanvas commands on this data folder now use this server. Ctrl-C stops.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  err('stopping…');
  await worker.shutdown();
  removeServerRecord(config.dataDir);
  await server.stop();
  return 0;
}

export async function worker(config: Config): Promise<number> {
  if (!config.temporalAddress) throw new UsageError('worker needs TEMPORAL_ADDRESS; `cubcanvas dev` runs a server and a worker together');
  await runWorker(config.temporalAddress);
  return 0;
}

export async function doctor(args: string[], config: Config): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
  const results = await runDoctor(config);
  if (values.json) printJson(results);
  else for (const r of results) process.stdout.write(`${r.checked ? (r.ok ? '✓' : '✗') : '-'} ${r.name.padEnd(11)} ${r.detail}\n`);
  return results.every((r) => r.ok) ? 0 : 1;
}
