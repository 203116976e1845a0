// The kubelet's log endpoint for the node agent: each container process's stdout and stderr kept
// line by line (as the CRI log file does), served over HTTPS at
// GET /containerLogs/{namespace}/{pod}/{container}, the URL the kube-apiserver's pods/log proxies to.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LogLine {
  time: Date;
  stream: 'stdout' | 'stderr';
  /** The line with its newline, except a last line the process never ended. */
  data: Buffer;
}

type Follower = { line: (l: LogLine) => void; end: () => void };

/** Enough for any test's output; beyond it the oldest lines go, as a rotated log file would. */
const MAX_BYTES = 16 * 1024 * 1024;

/** The log of one run of one container. */
export class ContainerLog {
  readonly lines: LogLine[] = [];
  private bytes = 0;
  private partial: Record<LogLine['stream'], Buffer[]> = { stdout: [], stderr: [] };
  private followers = new Set<Follower>();
  private ended = false;

  get done(): boolean {
    return this.ended;
  }

  append(stream: LogLine['stream'], chunk: Buffer): void {
    let rest = chunk;
    for (let nl = rest.indexOf(10); nl >= 0; nl = rest.indexOf(10)) {
      this.push(stream, Buffer.concat([...this.partial[stream], rest.subarray(0, nl + 1)]));
      this.partial[stream] = [];
      rest = rest.subarray(nl + 1);
    }
    if (rest.length > 0) this.partial[stream].push(rest);
  }

  /** The process ended: flush unterminated lines and end every follower. */
  end(): void {
    if (this.ended) return;
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.partial[stream].length > 0) this.push(stream, Buffer.concat(this.partial[stream]));
      this.partial[stream] = [];
    }
    this.ended = true;
    for (const f of this.followers) f.end();
    this.followers.clear();
  }

  text(): string {
    return Buffer.concat(this.lines.map((l) => l.data)).toString('utf8');
  }

  /** Calls `line` for each new line until the log ends; returns the unsubscribe function. */
  follow(line: Follower['line'], end: Follower['end']): () => void {
    if (this.ended) {
      end();
      return () => undefined;
    }
    const f: Follower = { line, end };
    this.followers.add(f);
    return () => this.followers.delete(f);
  }

  private push(stream: LogLine['stream'], data: Buffer): void {
    const l: LogLine = { time: new Date(), stream, data };
    this.lines.push(l);
    this.bytes += data.length;
    while (this.bytes > MAX_BYTES && this.lines.length > 1) this.bytes -= this.lines.shift()!.data.length;
    for (const f of this.followers) f.line(l);
  }
}

/** What the agent answers for a log request: a log, or an error as the kubelet words it. */
export type LogLookup = { log: ContainerLog } | { status: number; message: string };

export interface LogServer {
  port: number;
  close(): Promise<void>;
}

function openssl(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('/usr/bin/openssl', args, (err, _stdout, stderr) => (err ? reject(new Error(`openssl ${args[0]} failed: ${stderr || err.message}`)) : resolve()));
  });
}

function flag(v: string | null): boolean {
  return v === 'true' || v === '1';
}

function intParam(v: string | null): number | undefined {
  if (v === null || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? Math.floor(n) : undefined;
}

function serve(
  lookup: (ns: string, pod: string, container: string, previous: boolean) => LogLookup,
  req: IncomingMessage,
  res: ServerResponse,
  open: Set<() => void>,
): void {
  const url = new URL(req.url ?? '/', 'https://node-agent');
  const m = /^\/containerLogs\/([^/]+)\/([^/]+)\/([^/]+)\/?$/.exec(url.pathname);
  if (req.method !== 'GET' || !m) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('404 page not found\n');
    return;
  }
  const [ns, pod, container] = m.slice(1).map(decodeURIComponent) as [string, string, string];
  const q = url.searchParams;
  const found = lookup(ns, pod, container, flag(q.get('previous')));
  if ('status' in found) {
    res.writeHead(found.status, { 'Content-Type': 'text/plain' }).end(found.message);
    return;
  }
  const { log } = found;
  const timestamps = flag(q.get('timestamps'));
  const follow = flag(q.get('follow'));
  let budget = intParam(q.get('limitBytes')) ?? Infinity;
  const sinceSeconds = intParam(q.get('sinceSeconds'));
  const sinceTimeRaw = q.get('sinceTime');
  const since = sinceSeconds !== undefined ? new Date(Date.now() - sinceSeconds * 1000) : sinceTimeRaw ? new Date(sinceTimeRaw) : undefined;
  let lines = since ? log.lines.filter((l) => l.time >= since) : log.lines.slice();
  const tail = intParam(q.get('tailLines'));
  if (tail !== undefined && tail >= 0) lines = tail === 0 ? [] : lines.slice(-tail);

  res.writeHead(200, { 'Content-Type': 'text/plain' });
  let finished = false;
  let unsubscribe = (): void => undefined;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    unsubscribe();
    open.delete(finish);
    res.end();
  };
  /** false once limitBytes is used up: the kubelet cuts the output there, mid-line if need be. */
  const write = (l: LogLine): boolean => {
    let data = timestamps ? Buffer.concat([Buffer.from(`${l.time.toISOString()} `), l.data]) : l.data;
    if (data.length > budget) data = data.subarray(0, budget);
    budget -= data.length;
    if (data.length > 0) res.write(data);
    return budget > 0;
  };
  for (const l of lines) {
    if (!write(l)) return finish();
  }
  if (!follow) return finish();
  open.add(finish);
  res.flushHeaders();
  unsubscribe = log.follow((l) => {
    if (!finished && !write(l)) finish();
  }, finish);
  res.on('close', finish);
}

/**
 * Starts the HTTPS log server on loopback with a fresh self-signed certificate. The kube-apiserver
 * does not check a kubelet's serving certificate unless --kubelet-certificate-authority is set.
 */
export async function startLogServer(lookup: (ns: string, pod: string, container: string, previous: boolean) => LogLookup): Promise<LogServer> {
  const dir = await mkdtemp(join(tmpdir(), 'node-agent-tls-'));
  try {
    await openssl([
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      '/CN=node-agent',
      '-days',
      '1',
      '-addext',
      'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ]);
    const [key, cert] = await Promise.all([readFile(join(dir, 'key.pem')), readFile(join(dir, 'cert.pem'))]);
    // Open follow streams end when the server closes, so a closing server does not wait for them.
    const open = new Set<() => void>();
    const servers: Server[] = [];
    const listen = (host: string, port: number): Promise<Server> =>
      new Promise((resolve, reject) => {
        const s = createServer({ key, cert }, (req, res) => serve(lookup, req, res, open));
        s.once('error', reject);
        s.listen(port, host, () => {
          s.off('error', reject);
          resolve(s);
        });
      });
    const v4 = await listen('127.0.0.1', 0);
    servers.push(v4);
    const port = (v4.address() as AddressInfo).port;
    // The API server dials a node's Hostname address ("localhost") first; where localhost also
    // means ::1, answer there too. No IPv6 loopback (or the port taken there) is fine.
    try {
      servers.push(await listen('::1', port));
    } catch {
      /* IPv4 only */
    }
    return {
      port,
      close: async () => {
        for (const f of [...open]) f();
        await Promise.all(
          servers.map(
            (s) =>
              new Promise<void>((resolve) => {
                s.close(() => resolve());
                s.closeAllConnections();
              }),
          ),
        );
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
