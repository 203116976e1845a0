// The worker process: `npm run worker` (or `cubcanvas worker`). Needs TEMPORAL_ADDRESS.
import { quietKnownWarnings } from '../config/node-warnings';
import { Connection } from '@temporalio/client';
import { loadConfig } from '../config/settings';
import { ensureSearchAttributes } from '../temporal/search-attributes';
import { createWorker } from './create-worker';
import { installSdkLogging } from './logging';

export async function runWorker(address: string): Promise<void> {
  quietKnownWarnings();
  installSdkLogging('INFO');
  const config = loadConfig();
  const admin = await Connection.connect({ address });
  const added = await ensureSearchAttributes(admin, config.namespace);
  await admin.close();
  if (added.length) console.error(`worker: registered search attributes ${added.join(', ')}`);
  const handle = await createWorker({ config, address });
  console.error(`worker: polling task queue ${config.taskQueue} on ${address} (namespace ${config.namespace}, backend ${config.backend}, store ${handle.deps.store.description})`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`worker: ${signal}, shutting down`);
      void handle.shutdown();
    });
  }
  await handle.done;
}

if (require.main === module) {
  const address = process.env.TEMPORAL_ADDRESS;
  if (!address) {
    console.error('worker: TEMPORAL_ADDRESS is not set (host:port of the Temporal frontend); `cubcanvas dev` runs a server and a worker together');
    process.exit(2);
  }
  runWorker(address).catch((err: unknown) => {
    console.error(`worker: ${(err as Error).message}`);
    process.exit(1);
  });
}
