// `cubcanvas serve [--port N] [--host H]`: the HTTP API. Against TEMPORAL_ADDRESS, or the `dev`
// server of the data folder, or (neither) an embedded server plus a worker started here, which
// other commands on the same data folder then share as they share `dev`'s.
import { parseArgs } from 'node:util';
import { isIP } from 'node:net';
import { buildApi } from '../../api/server';
import { loadApiSettings } from '../../api/settings';
import { CubcanvasClient } from '../../client/cubcanvas-client';
import type { Config } from '../../config/settings';
import { startEmbeddedServer, type EmbeddedServer } from '../../temporal/embedded-server';
import { createWorker, type WorkerHandle } from '../../worker/create-worker';
import { createStore } from '../../worker/dependencies';
import { CliError, err, UsageError } from '../common';
import { readServerRecord, removeServerRecord, writeServerRecord } from '../server-lock';
import { createMetricsRegistry } from '../../metrics/registry';
import { securityFor } from '../../temporal/connection-options';
import { installTracing, tracingClientInterceptors } from '../../telemetry/tracing';

export const DEFAULT_API_PORT = 8080;
export const DEFAULT_API_HOST = '127.0.0.1';

export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_API_PORT;
  if (!/^\d{1,5}$/.test(raw) || Number(raw) > 65535) throw new UsageError(`--port must be 0..65535, got "${raw}"`);
  return Number(raw);
}

export async function serve(args: string[], config: Config): Promise<number> {
  const { values } = parseArgs({ args, options: { port: { type: 'string' }, host: { type: 'string' } } });
  const port = parsePort(values.port);
  const host = values.host ?? DEFAULT_API_HOST;
  const settings = loadApiSettings();
  const tokensConfigured = !!settings.tokensFile || (settings.tokens?.size ?? 0) > 0;
  if (!tokensConfigured && !isLoopback(host)) {
    throw new CliError(
      'ConfigError',
      `refusing to listen on ${host} without tokens: anyone who reaches it could spend GPU time. Set CUBCANVAS_API_TOKENS or CUBCANVAS_API_TOKENS_FILE, or listen on 127.0.0.1`,
    );
  }

  let server: EmbeddedServer | undefined;
  let worker: WorkerHandle | undefined;
  let address = config.temporalAddress;
  let where = `Temporal at ${address}`;
  if (!address) {
    const existing = readServerRecord(config.dataDir);
    if (existing?.kind === 'dev') {
      address = existing.address;
      where = `the dev server of ${config.dataDir} at ${address}`;
    } else if (existing) {
      throw new CliError(
        'AlreadyRunning',
        `another cubcanvas command (pid ${existing.pid}) is using the embedded server of ${config.dataDir}; stop it, or run "cubcanvas dev" and serve alongside it`,
      );
    } else {
      err('starting the embedded Temporal server and a worker…');
      server = await startEmbeddedServer({ dataDir: config.dataDir, namespace: config.namespace, historyRetentionDays: config.retention.days });
      writeServerRecord(config.dataDir, { pid: process.pid, address: server.address, kind: 'dev' });
      address = server.address;
      where = `the embedded server of ${config.dataDir} at ${address}`;
    }
  }
  // One trace from the HTTP call to the render; one /metrics for the API and the worker beside it.
  const tracing = installTracing(config.tracing, 'cubcanvas-api');
  const metrics = createMetricsRegistry();
  try {
    if (server) worker = await createWorker({ config, address, metrics });
    const store = worker?.deps.store ?? createStore(config);
    const client = await CubcanvasClient.connect({
      address,
      ...securityFor(config, address),
      namespace: config.namespace,
      taskQueue: config.taskQueue,
      images: store,
      workflowInterceptors: tracingClientInterceptors(),
    });
    const { app } = buildApi({ client, store, settings, metrics, contentDelivery: config.storage === 's3' ? 'redirect' : 'stream' });
    await app.listen({ port, host });
    const bound = app.server.address();
    const url = typeof bound === 'object' && bound ? `http://${bound.family === 'IPv6' ? `[${bound.address}]` : bound.address}:${bound.port}` : String(bound);
    err(`HTTP API:        ${url} (reference ${url}/docs, document ${url}/openapi.json)`);
    err(`requests run on: ${where}, task queue ${config.taskQueue}${worker ? `, worker here (backend ${config.backend})` : ''}`);
    err(
      tokensConfigured
        ? `auth:            bearer tokens from ${settings.tokensFile ?? 'CUBCANVAS_API_TOKENS'}`
        : 'auth:            NONE (no CUBCANVAS_API_TOKENS / CUBCANVAS_API_TOKENS_FILE): loopback only, every request is "anonymous"',
    );
    err('Ctrl-C (or SIGTERM) stops.');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    err('stopping…');
    // Stop taking requests and finish those in flight (event streams end), then the rest.
    await app.close();
    await client.close();
    await tracing?.flush();
    return 0;
  } finally {
    await worker?.shutdown();
    if (server) {
      removeServerRecord(config.dataDir);
      await server.stop();
    }
  }
}
