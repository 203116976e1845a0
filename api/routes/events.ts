// GET /v1/images/{id}/events: Server-Sent Events of a request's progress. The server polls the
// workflow's progress query (one query per stream per interval, whatever the client does), sends
// `progress` when it changed, and ends with one of completed / rejected / failed / cancelled.
import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../context';
import { ApiProblem } from '../problems';
import type { ImageStatus } from '../request-status';
import { callTemporal } from '../temporal-calls';
import { imageLinks, readOwnStatus } from './images';

/** One SSE event: `id`, `event`, one `data` line of JSON (JSON has no raw newlines), blank line. */
export function sseEvent(id: number, event: string, data: unknown): string {
  return `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function eventRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get<{ Params: { id: string } }>('/v1/images/:id/events', async (req, reply) => {
    // Errors before the stream starts (404, 403, 503) are ordinary problem+json responses.
    let status = await readOwnStatus(req, ctx, req.params.id);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx buffers responses unless told not to.
      'x-accel-buffering': 'no',
    });
    // A reconnecting client resumes its numbering from Last-Event-ID; the state itself is re-read.
    const lastId = Number(req.headers['last-event-id']);
    let id = Number.isInteger(lastId) && lastId > 0 ? lastId : 0;
    let closed = false;
    const stop = () => {
      closed = true;
      clearInterval(heartbeat);
    };
    req.raw.on('close', stop);
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), ctx.eventsHeartbeatMs);
    res.write('retry: 2000\n\n');

    let last = '';
    const send = (s: ImageStatus) => {
      const withLinks = { ...s, links: imageLinks(s.requestId) };
      if (s.status === 'running') {
        const key = JSON.stringify([s.step, s.render, s.stepsDone]);
        if (key === last) return;
        last = key;
        res.write(sseEvent(++id, 'progress', withLinks));
      } else {
        res.write(sseEvent(++id, s.status, withLinks));
      }
    };
    try {
      send(status);
      while (!closed && status.status === 'running') {
        await new Promise((resolve) => setTimeout(resolve, ctx.eventsPollMs));
        if (closed) break;
        try {
          status = await callTemporal(ctx.temporal, () => ctx.statuses.read(status.requestId));
        } catch (err) {
          // Not a passing outage (the request is gone, a bug): say so and end the stream.
          if (!(err instanceof ApiProblem && err.status === 503)) {
            res.write(sseEvent(++id, 'error', { message: err instanceof Error ? err.message : String(err) }));
            break;
          }
          // Temporal briefly away: tell the client and keep trying; it may also reconnect later.
          res.write(sseEvent(++id, 'error', { message: err instanceof Error ? err.message : String(err) }));
          continue;
        }
        send(status);
      }
    } finally {
      stop();
      res.end();
    }
  });
}
