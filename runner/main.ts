// The program inside the GPU pod. Reads a job (RUNNER_JOB_FILE, or RUNNER_JOB_KEY in the blob
// store), waits for (or starts) the local ComfyUI, renders every task with one model load,
// uploads outputs and a manifest, and exits with a code that says whether a retry can help.
// Settings: README "The runner". Progress: JSON lines on stdout.
import { rideOutStorageOutage } from '../storage/ride-out';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { quietKnownWarnings } from '../config/node-warnings';
import { loadConfig } from '../config/settings';
import { CubcanvasError } from '../domain/errors';
import { loadCatalog } from '../render/comfyui/graph';
import { createModelLock, type ModelLock } from '../render/comfyui/environment-lock';
import type { BlobStore } from '../storage/blob-store';
import { createStore } from '../worker/dependencies';
import { EXIT, parseJob } from './contract';
import { runJob } from './run-job';
import { loadRunnerSettings, type RunnerSettings } from './settings';

const emit = (event: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ ts: new Date().toISOString(), ...event })}\n`);

async function main(): Promise<number> {
  quietKnownWarnings();
  let comfy: ChildProcess | undefined;
  const controller = new AbortController();
  process.once('SIGTERM', () => {
    emit({ event: 'sigterm', detail: 'interrupting the current prompt and writing a partial manifest' });
    controller.abort(new Error('SIGTERM'));
  });
  try {
    const config = loadConfig();
    const store = createStore(config);
    const settings = loadRunnerSettings(process.env);
    emit({ event: 'runner_start', pod: settings.podName ?? null, job: settings.jobKey ?? settings.jobFile });
    const { readyTimeoutMs, taskRetries, storageOutageMs } = settings;
    const url = settings.comfyuiUrl;
    const file = settings.jobFile;
    const key = settings.jobKey;
    const text = file
      ? await readFile(file, 'utf8')
      : (
          await rideOutStorageOutage(() => store.get(key!), {
            deadlineMs: storageOutageMs,
            signal: controller.signal,
            onRetry: (attempt, err, retryInMs) => emit({ event: 'storage_retry', what: 'job', attempt, error: err.message, retryInMs }),
          })
        ).toString('utf8');
    const job = parseJob(text, file ?? `${store.description}/${key}`);
    const command = settings.comfyuiCommand;
    if (command) {
      emit({ event: 'starting_comfyui', command });
      // ComfyUI's own output goes to stderr: stdout carries only the runner's JSON lines.
      comfy = spawn(command, { shell: true, stdio: ['ignore', 2, 2] });
      comfy.once('exit', (code) => emit({ event: 'comfyui_exited', code }));
    }
    const manifest = await runJob({
      job,
      store,
      comfyuiUrl: url,
      readyTimeoutMs,
      taskRetries,
      storageOutageMs,
      signal: controller.signal,
      emit,
      modelLock: modelLock(settings, store),
      comfyuiRevision: await readFile(join(settings.comfyuiDir, 'REVISION'), 'utf8').then(
        (t) => t.trim() || undefined,
        () => undefined,
      ),
    });
    return manifest.exitCode;
  } catch (err) {
    emit({ event: 'fatal', error: (err as Error).message });
    process.stderr.write(`runner: ${(err as Error).message}\n`);
    return err instanceof CubcanvasError && err.retryable ? EXIT.retryable : EXIT.nonRetryable;
  } finally {
    comfy?.kill('SIGTERM');
  }
}

/** The environment lock's folders and hash cache; undefined when there is no model paths file to read. */
function modelLock(settings: RunnerSettings, store: BlobStore): ModelLock | undefined {
  const yaml = settings.extraModelPaths;
  if (!existsSync(yaml)) {
    emit({ event: 'model_lock_off', reason: `no model paths file at ${yaml}: model files are not hashed` });
    return undefined;
  }
  return createModelLock({
    yamlPath: yaml,
    setting: 'RUNNER_EXTRA_MODEL_PATHS',
    comfyuiDir: settings.comfyuiDir,
    hashCacheFile: settings.modelHashCache,
    sharedHashes: store,
    pins: loadCatalog().models,
  });
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    // Not one of the runner's own failures: say so, and let the Job retry it (exit 10).
    console.error(`runner: ${(err as Error).stack ?? String(err)}`);
    process.exit(EXIT.retryable);
  },
);
