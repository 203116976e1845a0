// The embedded Temporal dev server: the pinned CLI binary from .tools/ (or TEMPORAL_CLI_PATH),
// started through the SDK's ephemeral-server support with our search attributes registered.
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  '--dynamic-config-value', 'matching.numTaskqueueReadPartitions=1',
  '--dynamic-config-value', 'matching.numTaskqueueWritePartitions=1',
  '--dynamic-config-value', 'system.enableActivityEagerExecution=true',
  '--dynamic-config-value', 'history.transferProcessorMaxPollRPS=10000',
  '--dynamic-config-value', 'history.timerProcessorMaxPollRPS=10000',
  '--dynamic-config-value', 'history.visibilityProcessorMaxPollRPS=10000',
];

export interface EmbeddedServerOptions {
  /** Folder for temporal.db; omit for an in-memory server (tests, benchmarks). */
  dataDir?: string;
  namespace?: string;
  /** Start the Web UI on this port. */
  uiPort?: number;
  /** Listen on this port instead of a random free one. */
  port?: number;
}

export interface EmbeddedServer {
  address: string;
  namespace: string;
  uiUrl: string | undefined;
  stop(): Promise<void>;
}

/**
 * The dev server prints a banner on stdout, which would corrupt `--json` output and repeats what
 * our commands print themselves; its errors go to stderr. The SDK spawns the binary with our stdio,
 * so we hand it a wrapper that drops the server's stdout.
 */
function quietStdoutWrapper(cli: string): string {
  const script = `#!/bin/sh\nexec '${cli.replace(/'/g, `'\\''`)}' "$@" >/dev/null\n`;
  const path = join(tmpdir(), `cubcanvas-temporal-${createHash('sha256').update(script).digest('hex').slice(0, 12)}.sh`);
  if (!existsSync(path)) {
    // Written aside and renamed: processes starting servers at the same moment never run a half-written script.
    const partial = `${path}.${process.pid}`;
    writeFileSync(partial, script);
    chmodSync(partial, 0o755);
    renameSync(partial, path);
  }
  return path;
}

export async function startEmbeddedServer(options: EmbeddedServerOptions = {}): Promise<EmbeddedServer> {
  const path = quietStdoutWrapper(requireTemporalCli());
  let dbFilename: string | undefined;
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    dbFilename = join(options.dataDir, 'temporal.db');
  }
  const namespace = options.namespace ?? 'default';
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path },
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
  return {
    address: env.address,
    namespace,
    uiUrl: options.uiPort !== undefined ? `http://localhost:${options.uiPort}` : undefined,
    stop: () => env.teardown(),
  };
}
