// A real worker on the shared dev server, on a task queue of its own and with a store in a fresh
// temporary folder, so that test files never see each other's requests or cache.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { Client } from '@temporalio/client';
import { connectToTemporal } from '../../temporal/grpc-interceptors';
import { CubcanvasClient } from '../../client/cubcanvas-client';
import { loadConfig, type Config } from '../../config/settings';
import { createWorker, type CreateWorkerOptions, type WorkerHandle } from '../../worker/create-worker';
import { installSdkLogging } from '../../worker/logging';

export interface TestPipeline {
  config: Config;
  client: CubcanvasClient;
  temporal: Client;
  worker: WorkerHandle;
  stop(): Promise<void>;
}

export function testConfig(env: Record<string, string> = {}): Config {
  const dataDir = mkdtempSync(join(tmpdir(), 'cubcanvas-test-'));
  return loadConfig({ CUBCANVAS_DATA_DIR: dataDir, CUBCANVAS_TASK_QUEUE: `test-${randomUUID().slice(0, 8)}`, ...env });
}

export async function startPipeline(
  opts: { env?: Record<string, string>; config?: Config } & Omit<CreateWorkerOptions, 'config' | 'address'> = {},
): Promise<TestPipeline> {
  installSdkLogging('ERROR');
  const address = inject('temporalAddress');
  const config = opts.config ?? testConfig(opts.env);
  const worker = await createWorker({ ...opts, config, address, workflowBundlePath: inject('workflowBundlePath') });
  const connection = await connectToTemporal({ address });
  const temporal = new Client({ connection, namespace: config.namespace });
  // The worker's own store mints the URLs, as a product service with the same settings would.
  const client = new CubcanvasClient(temporal, config.taskQueue, worker.deps.store);
  return {
    config,
    client,
    temporal,
    worker,
    async stop() {
      await worker.shutdown();
      await connection.close();
    },
  };
}

/** Plain words only: random hex in a prompt reads as leetspeak ("d1e", "8eed…") to the screen. */
const TAG_WORDS = [
  'apple',
  'berry',
  'cherry',
  'mango',
  'peach',
  'pear',
  'lemon',
  'melon',
  'kiwi',
  'grape',
  'olive',
  'pumpkin',
  'carrot',
  'tomato',
  'daisy',
  'tulip',
  'maple',
  'cedar',
  'willow',
  'pebble',
  'cloud',
  'river',
  'meadow',
  'button',
  'ribbon',
  'marble',
  'pillow',
  'teapot',
  'violet',
  'amber',
  'coral',
  'honey',
];

/** A tag no other test run shares (5 random bits a word, six words by default), safe inside a prompt and a key. */
export function uniqueTag(words = 6): string {
  const bytes = randomBytes(words);
  return [...bytes].map((b) => TAG_WORDS[b % TAG_WORDS.length]).join('-');
}

export function uniquePrompt(animal = 'panda'): string {
  return `a cute baby ${animal} number ${uniqueTag()} on a grassy hill`;
}
