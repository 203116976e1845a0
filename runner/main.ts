// The program inside the GPU pod. Reads a job (RUNNER_JOB_FILE, or RUNNER_JOB_KEY in the blob
// store), waits for (or starts) the local ComfyUI, renders every task with one model load,
// uploads outputs and a manifest, and exits with a code that says whether a retry can help.
// Settings: README "The runner". Progress: JSON lines on stdout.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { quietKnownWarnings } from '../config/node-warnings';
import { loadConfig } from '../config/settings';
import { CubcanvasError } from '../domain/errors';
import { createStore } from '../worker/dependencies';
import { EXIT, parseJob } from './contract';
import { runJob } from './run-job';

const emit = (event: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ ts: new Date().toISOString(), ...event })}\n`);

function intSetting(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name]?.trim() || String(fallback);
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min || v > max) throw new Error(`${name}: "${raw}" is not an integer in ${min}..${max}`);
  return v;
}

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
    const url = process.env.RUNNER_COMFYUI_URL?.trim() || 'http://127.0.0.1:8188';
    const readyTimeoutMs = intSetting('RUNNER_READY_TIMEOUT_SECONDS', 600, 1, 86_400) * 1000;
    const taskRetries = intSetting('RUNNER_TASK_RETRIES', 2, 0, 10);
    const file = process.env.RUNNER_JOB_FILE?.trim();
    const key = process.env.RUNNER_JOB_KEY?.trim();
    if (!file === !key) throw new Error('set exactly one of RUNNER_JOB_FILE (a path) or RUNNER_JOB_KEY (a key in the blob store)');
    const text = file ? await readFile(file, 'utf8') : (await store.get(key!)).toString('utf8');
    const job = parseJob(text, file ?? `${store.description}/${key}`);
    const command = process.env.RUNNER_COMFYUI_COMMAND?.trim();
    if (command) {
      emit({ event: 'starting_comfyui', command });
      // ComfyUI's own output goes to stderr: stdout carries only the runner's JSON lines.
      comfy = spawn(command, { shell: true, stdio: ['ignore', 2, 2] });
      comfy.once('exit', (code) => emit({ event: 'comfyui_exited', code }));
    }
    const manifest = await runJob({ job, store, comfyuiUrl: url, readyTimeoutMs, taskRetries, signal: controller.signal, emit });
    return manifest.exitCode;
  } catch (err) {
    emit({ event: 'fatal', error: (err as Error).message });
    process.stderr.write(`runner: ${(err as Error).message}\n`);
    return err instanceof CubcanvasError && err.retryable ? EXIT.retryable : EXIT.nonRetryable;
  } finally {
    comfy?.kill('SIGTERM');
  }
}

main().then((code) => process.exit(code));
