// The embedded Temporal dev server: the pinned CLI binary from .tools/ (or TEMPORAL_CLI_PATH),
// started through the SDK's ephemeral-server support with our search attributes registered.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { msToTs } from '@temporalio/common/lib/time';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { ALL_SEARCH_ATTRIBUTES } from '../domain/search-attributes';
import { requireTemporalCli } from './cli-path';

/**
 * One worker process serves each task queue here, so: one partition per task queue (no forwarding
 * hops between partitions), and activities handed to the worker in its workflow-task response
 * (eager execution) instead of a separate poll. The history service reads its queues of pending
 * tasks (workflow tasks to dispatch, timers, visibility updates) at most 20 times a second by
 * default: after a one-second burst every workflow task waits for the next read, which doubled the
 * latency of a request here (measured: a one-activity workflow 50 ms, then 100 ms from the second
 * second on). All of these cut the per-step latency.
 */
const DEV_SERVER_TUNING = [
  '--dynamic-config-value',
  'matching.numTaskqueueReadPartitions=1',
  '--dynamic-config-value',
  'matching.numTaskqueueWritePartitions=1',
  '--dynamic-config-value',
  'system.enableActivityEagerExecution=true',
  '--dynamic-config-value',
  'history.transferProcessorMaxPollRPS=10000',
  '--dynamic-config-value',
  'history.timerProcessorMaxPollRPS=10000',
  '--dynamic-config-value',
  'history.visibilityProcessorMaxPollRPS=10000',
];

export interface EmbeddedServerOptions {
  /** Folder for temporal.db; omit for an in-memory server (tests, benchmarks). */
  dataDir?: string;
  namespace?: string;
  /** Start the Web UI on this port. */
  uiPort?: number;
  /** Listen on this port instead of a random free one. */
  port?: number;
  /**
   * Days the namespace keeps closed workflow histories, which hold each request's prompt
   * (CUBCANVAS_RETENTION_DAYS). `start-dev` has no flag for it, so it is set on the namespace once
   * the server runs; unset or 0 keeps the dev server's default.
   */
  historyRetentionDays?: number;
}

export interface EmbeddedServer {
  address: string;
  namespace: string;
  uiUrl: string | undefined;
  /** The server process, as its wrapper recorded it; undefined if it could not be read. */
  pid: number | undefined;
  /**
   * Calls listener once when the server process has exited (polled: the SDK keeps the child
   * process to itself). Returns a function that stops watching.
   */
  onExit(listener: () => void): () => void;
  stop(): Promise<void>;
}

/** How often onExit looks at the server process: a dead server is noticed within this. */
const EXIT_POLL_MS = 500;

/**
 * The dev server prints a banner on stdout, which would corrupt `--json` output and repeats what
 * our commands print themselves; its errors go to stderr. The SDK spawns the binary with our stdio,
 * so we hand it a wrapper that drops the server's stdout. The wrapper also records its pid before
 * `exec` (which keeps the pid), because the SDK does not tell us the server's process, and `dev`
 * must notice the server dying.
 *
 * The script is executed, so it is written only into a directory this process has just created
 * (mkdtemp: a fresh, unpredictable name, mode 0700) and with O_EXCL: a file another local user
 * planted in the shared temp folder can never be run in its place. The directory goes as soon as
 * the server runs (the shell has exec'd by then) or fails to start.
 */
export interface ServerWrapper {
  /** The private directory (mode 0700) holding the script and the pid file. */
  dir: string;
  script: string;
  pidFile: string;
  remove(): void;
}

export function writeServerWrapper(cli: string): ServerWrapper {
  const dir = mkdtempSync(join(tmpdir(), 'cubcanvas-temporal-'));
  // mkdtemp creates it 0700 already; said again so that an unusual umask or platform cannot widen it.
  chmodSync(dir, 0o700);
  const script = join(dir, 'temporal-quiet.sh');
  const pidFile = join(dir, 'server.pid');
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  writeFileSync(script, `#!/bin/sh\necho $$ > ${quote(pidFile)}\nexec ${quote(cli)} "$@" >/dev/null\n`, { mode: 0o700, flag: 'wx' });
  return { dir, script, pidFile, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Whether the process still runs. A server that died may linger as a zombie until the SDK's
 * native runtime reaps it (at teardown), and signal 0 still reaches a zombie: on Linux its state
 * in /proc tells them apart.
 */
function processRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (process.platform !== 'linux') return true;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !['Z', 'X'].includes(stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3));
  } catch {
    return false;
  }
}

/** The pid the wrapper wrote, or undefined: a server that runs must not fail to start over it. */
function readPid(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export async function startEmbeddedServer(options: EmbeddedServerOptions = {}): Promise<EmbeddedServer> {
  let dbFilename: string | undefined;
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    dbFilename = join(options.dataDir, 'temporal.db');
  }
  const namespace = options.namespace ?? 'default';
  const wrapper = writeServerWrapper(requireTemporalCli());
  let env: TestWorkflowEnvironment;
  let pid: number | undefined;
  try {
    env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'existing-path', path: wrapper.script },
        namespace,
        dbFilename,
        port: options.port,
        ui: options.uiPort !== undefined,
        uiPort: options.uiPort,
        searchAttributes: ALL_SEARCH_ATTRIBUTES,
        log: { format: 'pretty', level: 'error' },
        extraArgs: DEV_SERVER_TUNING,
      },
    });
    pid = readPid(wrapper.pidFile);
  } finally {
    wrapper.remove();
  }
  if (options.historyRetentionDays) {
    try {
      await setHistoryRetention(env, namespace, options.historyRetentionDays);
    } catch (err) {
      await env.teardown();
      throw err;
    }
  }
  return {
    address: env.address,
    namespace,
    uiUrl: options.uiPort !== undefined ? `http://localhost:${options.uiPort}` : undefined,
    pid,
    onExit(listener) {
      if (pid === undefined) return () => {};
      const serverPid = pid;
      const timer = setInterval(() => {
        if (processRunning(serverPid)) return;
        clearInterval(timer);
        listener();
      }, EXIT_POLL_MS);
      // Watching must not keep a process alive that is otherwise done.
      timer.unref();
      return () => clearInterval(timer);
    },
    stop: () => env.teardown(),
  };
}

async function setHistoryRetention(env: TestWorkflowEnvironment, namespace: string, days: number): Promise<void> {
  await env.connection.workflowService.updateNamespace({ namespace, config: { workflowExecutionRetentionTtl: msToTs(`${days} days`) } });
}
