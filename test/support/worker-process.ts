// A cubcanvas worker as a child process (worker/main.ts), the way it runs in a pod: for tests that
// kill it or send it signals, which an in-process worker cannot take.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { inject } from 'vitest';
import { projectRoot } from '../../toolchain/pypi-binary';
import type { CubcanvasClient } from '../../client/cubcanvas-client';
import type { Config } from '../../config/settings';
import { testConfig } from './pipeline';

const stderrOf = new WeakMap<ChildProcess, { text: string }>();

/** Starts worker/main.ts; resolves once it polls. */
export function spawnWorker(env: Record<string, string>): Promise<ChildProcess> {
  // tsx as a loader (not its CLI, which would run the worker in a grandchild that SIGKILL misses).
  const proc = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'worker', 'main.ts')], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const output = { text: '' };
  stderrOf.set(proc, output);
  return new Promise((resolve, reject) => {
    proc.stderr!.on('data', (chunk: Buffer) => {
      output.text += chunk.toString();
      if (output.text.includes('worker: polling')) resolve(proc);
    });
    proc.once('exit', (code) => reject(new Error(`worker exited with ${code} before polling:\n${output.text}`)));
  });
}

/** Everything a worker started by spawnWorker has written to stderr so far. */
export function workerStderr(proc: ChildProcess): string {
  return stderrOf.get(proc)?.text ?? '';
}

/** The worker's exit: its code, or the signal that ended it. */
export function workerExit(proc: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve({ code: proc.exitCode, signal: proc.signalCode });
  return new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
}

/** A worker process with these settings on a fresh task queue, and a client of its own (no worker in this process yet). */
export async function workerAndClient(env: Record<string, string>): Promise<{ child: ChildProcess; config: Config; client: CubcanvasClient }> {
  const config = testConfig(env);
  const child = await spawnWorker({
    ...env,
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    CUBCANVAS_TASK_QUEUE: config.taskQueue,
    CUBCANVAS_DATA_DIR: config.dataDir,
    CUBCANVAS_WORKFLOW_BUNDLE: inject('workflowBundlePath'),
    CUBCANVAS_LOG_LEVEL: 'WARN',
  });
  const { CubcanvasClient } = await import('../../client/cubcanvas-client');
  const { createStore } = await import('../../worker/dependencies');
  // URLs are minted from the worker's store settings, not this test process's environment.
  const client = await CubcanvasClient.connect({ address: inject('temporalAddress'), taskQueue: config.taskQueue, images: createStore(config) });
  return { child, config, client };
}
