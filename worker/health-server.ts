// The worker's liveness and readiness endpoints for the kubelet (GET /healthz and GET /readyz),
// and its Prometheus metrics (GET /metrics) on the same port, the one the pod already exposes.
// Plain node:http: three routes do not need a framework, and the worker must not pull one in.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { State } from '@temporalio/worker';
import type { Registry } from 'prom-client';

/** The SDK's Worker states, plus the time before Worker.create returns (connecting, bundling). */
export type HealthWorkerState = State | 'STARTING';

export interface HealthBody {
  status: 'ok' | 'unavailable';
  workerState: HealthWorkerState;
  taskQueue: string;
  uptimeSeconds: number;
}

export interface HealthServerOptions {
  port: number;
  /** 0.0.0.0 in a pod: the kubelet probes the pod's IP, not loopback. */
  host?: string;
  taskQueue: string;
  /** Read on every probe, so the answer is the worker's state at that moment. */
  state: () => HealthWorkerState;
  /** Served at /metrics in the Prometheus text format; absent, /metrics is a 404. */
  metrics?: Registry;
}

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

/**
 * Alive while the Worker can still get back to work or is finishing its activities: a worker
 * draining after SIGTERM must not be restarted by the liveness probe, since that would kill the
 * renders it is waiting for.
 */
export function isAlive(state: HealthWorkerState): boolean {
  return state !== 'FAILED' && state !== 'STOPPED';
}

/** Ready only while polling: not during start-up, and not from the moment shutdown begins. */
export function isReady(state: HealthWorkerState): boolean {
  return state === 'RUNNING';
}

const CHECKS: Record<string, (state: HealthWorkerState) => boolean> = { '/healthz': isAlive, '/readyz': isReady };

export async function startHealthServer(opts: HealthServerOptions): Promise<HealthServer> {
  const started = Date.now();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // The host part is irrelevant (and may be absent); only the path picks the check.
    const path = new URL(req.url ?? '/', 'http://health').pathname;
    const check = CHECKS[path];
    const metrics = path === '/metrics' ? opts.metrics : undefined;
    res.setHeader('cache-control', 'no-store');
    if (!check && !metrics) return send(res, 404, { error: `no route ${path}; try /healthz or /readyz${opts.metrics ? ' or /metrics' : ''}` });
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return send(res, 405, { error: `${req.method} not allowed; use GET or HEAD` });
    }
    if (metrics) return void sendMetrics(res, metrics, req.method === 'HEAD');
    if (!check) return;
    const workerState = opts.state();
    const ok = check(workerState);
    const body: HealthBody = {
      status: ok ? 'ok' : 'unavailable',
      workerState,
      taskQueue: opts.taskQueue,
      uptimeSeconds: Math.floor((Date.now() - started) / 1000),
    };
    send(res, ok ? 200 : 503, body, req.method === 'HEAD');
  });
  // A probe that hangs is a failed probe anyway; do not let one hold a socket (or shutdown) for long.
  server.requestTimeout = 5_000;
  server.headersTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as { port: number }).port,
    close: () => closeServer(server),
  };
}

function send(res: ServerResponse, status: number, body: object, headOnly = false): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(headOnly ? undefined : text);
}

/** The registry's text exposition, with the content type (and format version) it says it is in. */
async function sendMetrics(res: ServerResponse, registry: Registry, headOnly: boolean): Promise<void> {
  let text: string;
  try {
    text = await registry.metrics();
  } catch (err) {
    // A collect callback that throws should not take the endpoint down with an unhandled rejection.
    return send(res, 500, { error: `collecting metrics: ${(err as Error).message}` });
  }
  res.writeHead(200, { 'content-type': registry.contentType, 'content-length': Buffer.byteLength(text) });
  res.end(headOnly ? undefined : text);
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    // Probes keep connections alive: without dropping them, close() would wait for their timeout.
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
