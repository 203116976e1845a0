// Where a CLI command's requests run: a configured cluster (TEMPORAL_ADDRESS), the `dev` server
// of this data folder, or an embedded server plus worker started for this one command.
import type { Config } from '../config/settings';
import { CubcanvasClient } from '../client/cubcanvas-client';
import { startEmbeddedServer } from '../temporal/embedded-server';
import { readServerRecord, removeServerRecord, writeServerRecord } from './server-lock';

export interface Runtime {
  client: CubcanvasClient;
  /** Where the requests run, for messages. */
  where: string;
}

/**
 * The worker's modules (activities, backends, stores, metrics, tracing: ~0.35 s to import) are
 * imported when needed: for an embedded server, after its process has been started, so that they
 * load while it boots.
 */
const workerModules = async () => ({ ...(await import('../worker/dependencies')), ...(await import('../worker/create-worker')) });

export async function withRuntime<T>(config: Config, log: (line: string) => void, run: (rt: Runtime) => Promise<T>): Promise<T> {
  if (config.temporalAddress) {
    const { createStore } = await workerModules();
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
    const { createStore } = await workerModules();
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
  // The server process boots on its own (~0.3 s) while this process loads the worker's
  // dependencies (lexicon, signer, and the picture classifier, whose model goes on loading in the
  // background until the validate step needs it).
  const starting = startEmbeddedServer({ dataDir: config.dataDir, namespace: config.namespace, historyRetentionDays: config.retention.days });
  // Marked handled now: its failure is reported where it is awaited, below.
  starting.catch(() => undefined);
  let modules: Awaited<ReturnType<typeof workerModules>>;
  try {
    modules = await workerModules();
  } catch (err) {
    await (await starting.catch(() => undefined))?.stop();
    throw err;
  }
  const { createWorker } = modules;
  const dependencies = modules.loadActivityDeps(config);
  // Awaited by createWorker; if the server fails first, its error is the one reported.
  dependencies.catch(() => undefined);
  const server = await starting;
  writeServerRecord(config.dataDir, { pid: process.pid, address: server.address, kind: 'command' });
  try {
    const worker = await createWorker({ config, address: server.address, dependencies });
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
