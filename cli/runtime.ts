// Where a CLI command's requests run: a configured cluster (TEMPORAL_ADDRESS), the `dev` server
// of this data folder, or an embedded server plus worker started for this one command.
import type { Config } from '../config/settings';
import { CubcanvasClient } from '../client/cubcanvas-client';
import { startEmbeddedServer } from '../temporal/embedded-server';
import { createWorker } from '../worker/create-worker';
import { createStore } from '../worker/dependencies';
import { readServerRecord, removeServerRecord, writeServerRecord } from './server-lock';

export interface Runtime {
  client: CubcanvasClient;
  /** Where the requests run, for messages. */
  where: string;
}

export async function withRuntime<T>(config: Config, log: (line: string) => void, run: (rt: Runtime) => Promise<T>): Promise<T> {
  if (config.temporalAddress) {
    const client = await CubcanvasClient.connect({
      address: config.temporalAddress,
      ...config.temporalSecurity,
      namespace: config.namespace,
      taskQueue: config.taskQueue,
      images: createStore(config),
    });
    try {
      return await run({ client, where: `Temporal at ${config.temporalAddress} (a worker must be polling ${config.taskQueue})` });
    } finally {
      await client.close();
    }
  }
  const existing = readServerRecord(config.dataDir);
  if (existing?.kind === 'dev') {
    const client = await CubcanvasClient.connect({
      address: existing.address,
      namespace: config.namespace,
      taskQueue: config.taskQueue,
      images: createStore(config),
    });
    try {
      return await run({ client, where: `the dev server of ${config.dataDir} at ${existing.address}` });
    } finally {
      await client.close();
    }
  }
  if (existing) {
    throw new Error(
      `another cubcanvas command (pid ${existing.pid}) is using the embedded server of ${config.dataDir}; wait for it, or run "cubcanvas dev" once and let every command share it`,
    );
  }
  log('starting the embedded Temporal server and a worker…');
  const server = await startEmbeddedServer({ dataDir: config.dataDir, namespace: config.namespace, historyRetentionDays: config.retention.days });
  writeServerRecord(config.dataDir, { pid: process.pid, address: server.address, kind: 'command' });
  try {
    const worker = await createWorker({ config, address: server.address });
    const client = await CubcanvasClient.connect({
      address: server.address,
      namespace: config.namespace,
      taskQueue: config.taskQueue,
      images: worker.deps.store,
    });
    try {
      return await run({ client, where: `the embedded server of ${config.dataDir}` });
    } finally {
      await client.close();
      await worker.shutdown();
    }
  } finally {
    removeServerRecord(config.dataDir);
    await server.stop();
  }
}
