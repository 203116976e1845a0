// Follows GET /v1/images/{id}/events. EventSource cannot send an Authorization header and the
// token must stay out of URLs, so the stream is read with fetch() and parsed here (the SSE format
// of the HTML standard: field lines, blank line ends an event, ":" lines are comments). When the
// stream drops before the final event it reconnects with back-off, sending Last-Event-ID.
import { apiFetch, ApiProblemError, UnreachableError } from './api.js';

const FINAL = new Set(['completed', 'rejected', 'failed', 'cancelled']);
export const BACKOFF_MS = [1000, 2000, 4000, 8000, 15000];

/** Splits SSE text into events; keeps the unfinished tail for the next chunk. */
export class SseParser {
  constructor() {
    this.buffer = '';
    this.event = { type: '', data: [], id: undefined };
    this.lastEventId = undefined;
    this.retryMs = undefined;
  }

  /** Feeds decoded text; returns the events it completed, as {type, data, id}. */
  push(text) {
    this.buffer += text;
    const out = [];
    let nl;
    while ((nl = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.slice(0, nl);
      const eolLength = this.buffer.startsWith('\r\n', nl) ? 2 : 1;
      // A lone \r at the end of a chunk may be the first half of \r\n: wait for more.
      if (this.buffer[nl] === '\r' && eolLength === 1 && nl === this.buffer.length - 1) break;
      this.buffer = this.buffer.slice(nl + eolLength);
      this.line(line, out);
    }
    return out;
  }

  line(line, out) {
    if (line === '') {
      if (this.event.data.length > 0) out.push({ type: this.event.type || 'message', data: this.event.data.join('\n'), id: this.event.id });
      this.event = { type: '', data: [], id: undefined };
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event.type = value;
    else if (field === 'data') this.event.data.push(value);
    else if (field === 'id' && !value.includes('\0')) {
      this.event.id = value;
      this.lastEventId = value;
    } else if (field === 'retry' && /^\d+$/.test(value)) this.retryMs = Number(value);
  }
}

const sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(new DOMException('aborted', 'AbortError'));
      },
      { once: true },
    );
  });

/**
 * Reads a request's events until the final one, which it returns (its data parsed).
 * Callbacks: onStatus(status) for each progress event; onTrouble({kind: 'lost'|'down'|'service', delayMs})
 * before each wait; onRecovered() when a stream is open again after trouble.
 * Problems that retrying cannot fix (401, 403, 404) are thrown as ApiProblemError.
 */
export async function followEvents(path, { token, signal, onStatus, onTrouble, onRecovered }) {
  const parser = new SseParser();
  let failures = 0;
  let troubled = false;
  for (;;) {
    let kind;
    try {
      const headers = { accept: 'text/event-stream' };
      if (parser.lastEventId !== undefined) headers['last-event-id'] = parser.lastEventId;
      const res = await apiFetch(path, { token, headers, signal });
      if (troubled) onRecovered?.();
      troubled = false;
      failures = 0;
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const event of parser.push(decoder.decode(value, { stream: true }))) {
          if (event.type === 'error') {
            onTrouble?.({ kind: 'service', delayMs: 0 });
            troubled = true;
            continue;
          }
          let data;
          try {
            data = JSON.parse(event.data);
          } catch {
            continue;
          }
          if (troubled) {
            onRecovered?.();
            troubled = false;
          }
          if (FINAL.has(event.type)) {
            void reader.cancel().catch(() => {});
            return { type: event.type, status: data };
          }
          if (event.type === 'progress') onStatus?.(data);
        }
      }
      kind = 'lost'; // the stream ended without a final event
    } catch (err) {
      if (err && err.name === 'AbortError') throw err;
      if (err instanceof ApiProblemError && err.status < 500) throw err;
      // A read that breaks mid-stream is a TypeError from the reader: the connection was lost.
      kind = err instanceof UnreachableError ? 'down' : err instanceof ApiProblemError ? 'service' : 'lost';
    }
    const delayMs = Math.max(BACKOFF_MS[Math.min(failures, BACKOFF_MS.length - 1)], parser.retryMs ?? 0);
    failures += 1;
    troubled = true;
    onTrouble?.({ kind, delayMs });
    await sleep(delayMs, signal);
  }
}
