// A webhook receiver over real HTTP on loopback: records every delivery (headers and the raw body,
// as a receiver must verify it) and answers with scripted statuses.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  /** The body exactly as it arrived: signatures are over these bytes. */
  raw: string;
  /** The status this receiver answered. */
  answered: number;
}

export interface WebhookReceiver {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  received: ReceivedWebhook[];
  /** Deliveries to one path (each test uses its own path). */
  at(path: string): ReceivedWebhook[];
  /** The status the next request to `path` gets: scripted ones first, then `fallback(path)`. */
  script(path: string, statuses: number[]): void;
  /** Default answer for a path once its script is used up (200 unless set). */
  answer(path: string, status: number): void;
  /** Resolves when `path` has `count` deliveries matching `pred`; rejects after `timeoutMs`. */
  waitFor(path: string, count: number, pred?: (w: ReceivedWebhook) => boolean, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const scripts = new Map<string, number[]>();
  const defaults = new Map<string, number>();
  const waiters = new Set<() => void>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const status = scripts.get(path)?.shift() ?? defaults.get(path) ?? 200;
      received.push({ path, headers: req.headers, raw: Buffer.concat(chunks).toString('utf8'), answered: status });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'no');
      for (const w of waiters) w();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const at = (path: string) => received.filter((w) => w.path === path);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    at,
    script: (path, statuses) => scripts.set(path, [...statuses]),
    answer: (path, status) => defaults.set(path, status),
    waitFor(path, count, pred = () => true, timeoutMs = 45_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hits = at(path).filter(pred);
          if (hits.length >= count) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(hits);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${path}: ${at(path).filter(pred).length} of ${count} deliveries after ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
