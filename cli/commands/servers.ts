// Long-running commands: dev (embedded server with Web UI, and a worker) and worker; and doctor.
import { parseArgs } from 'node:util';
import type { Config } from '../../config/settings';
// The worker and doctor modules are imported by the command that runs them: every Temporal command
// loads this module, and `generate` imports the worker's modules only once its server is starting.
import { startEmbeddedServer } from '../../temporal/embedded-server';
import { ensureRetentionSchedule } from '../../temporal/retention-schedule';
import { CliError, err, printJson } from '../common';
import { readServerRecord, removeServerRecord, writeServerRecord } from '../server-lock';

export async function dev(config: Config): Promise<number> {
  if (config.temporalAddress)
    throw new CliError('ConfigError', 'dev starts its own server; unset TEMPORAL_ADDRESS (or run `cubcanvas worker` against that cluster)');
  const existing = readServerRecord(config.dataDir);
  if (existing)
    throw new CliError(
      'AlreadyRunning',
      `a server for ${config.dataDir} is already running (pid ${existing.pid}, ${existing.address}${existing.uiUrl ? `, UI ${existing.uiUrl}` : ''})`,
    );
  const server = await startEmbeddedServer({
    dataDir: config.dataDir,
    namespace: config.namespace,
    uiPort: config.uiPort,
    historyRetentionDays: config.retention.days,
  });
  writeServerRecord(config.dataDir, { pid: process.pid, address: server.address, uiUrl: server.uiUrl, kind: 'dev' });
  const { createWorker } = await import('../../worker/create-worker');
  const worker = await createWorker({ config, address: server.address });
  if ((await ensureRetentionSchedule(worker.deps.temporal, config)) !== 'off')
    err(`retention:       requests older than ${config.retention.days} days purged every ${config.retention.intervalHours} h`);
  err(
    `Temporal server: ${server.address} (namespace ${config.namespace}, database ${config.dataDir}/temporal.db${server.pid !== undefined ? `, pid ${server.pid}` : ''})`,
  );
  err(`Web UI:          ${server.uiUrl}`);
  err(`worker:          task queue ${config.taskQueue}, backend ${config.backend}, store ${worker.deps.store.description}`);
  err('other cubcanvas commands on this data folder now use this server. Ctrl-C stops.');
  let stopWatching = () => {};
  const why = await new Promise<'signal' | 'server exited'>((resolve) => {
    process.once('SIGINT', () => resolve('signal'));
    process.once('SIGTERM', () => resolve('signal'));
    stopWatching = server.onExit(() => resolve('server exited'));
  });
  stopWatching();
  if (why === 'server exited') {
    // Without its server the worker only logs connection errors, and the record would make the
    // folder look served: other commands would join a dead address and `dev` would refuse to
    // start. So the record goes first, then whatever can still be stopped, within bounds.
    removeServerRecord(config.dataDir);
    err(
      `cubcanvas: the embedded Temporal server (pid ${server.pid}) has exited; dev is stopping. Run \`cubcanvas dev\` again to restart it (the database in ${config.dataDir} is kept).`,
    );
    await settleWithin(worker.shutdown(), SHUTDOWN_AFTER_SERVER_DEATH_MS);
    await settleWithin(server.stop(), SHUTDOWN_AFTER_SERVER_DEATH_MS);
    return 1;
  }
  err('stopping…');
  await worker.shutdown();
  removeServerRecord(config.dataDir);
  await server.stop();
  return 0;
}

/** How long each clean-up step may take once the server is gone (the worker cannot reach it to finish cleanly). */
const SHUTDOWN_AFTER_SERVER_DEATH_MS = 5_000;

/** Waits for the promise, but no longer than ms; its failure is ignored (best-effort clean-up). */
async function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise.catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

export async function worker(config: Config): Promise<number> {
  if (!config.temporalAddress) throw new CliError('ConfigError', 'worker needs TEMPORAL_ADDRESS; `cubcanvas dev` runs a server and a worker together');
  await (await import('../../worker/main')).runWorker(config.temporalAddress);
  return 0;
}

export async function doctor(args: string[], config: Config): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
  const results = await (await import('../doctor')).runDoctor(config);
  if (values.json) printJson(results);
  else for (const r of results) process.stdout.write(`${r.checked ? (r.ok ? '✓' : '✗') : '-'} ${r.name.padEnd(11)} ${r.detail}\n`);
  return results.every((r) => r.ok) ? 0 : 1;
}
