// The HTTP API as a Fastify app: built from a client (the same CubcanvasClient every caller uses),
// a batch client and the store. `cubcanvas serve` listens with it; tests start it on port 0.
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Client } from '@temporalio/client';
import { BatchClient } from '../client/batch-client';
import type { CubcanvasClient } from '../client/cubcanvas-client';
import { CubcanvasError, InvalidRequestError } from '../domain/errors';
import type { BlobStore } from '../storage/blob-store';
import type { Registry } from 'prom-client';
import { BacklogGate } from './admission';
import { addApiMetrics, addApiTracing } from './observability';
import { createAuthenticator, type Authenticator } from './auth';
import type { ApiContext, ContentDelivery } from './context';
import { DailyQuota, RateLimiter } from './limits';
import { ApiProblem, ApiProblemType, PROBLEM_CONTENT_TYPE } from './problems';
import { RequestStatusReader } from './request-status';
import { batchRoutes } from './routes/batches';
import { eventRoutes } from './routes/events';
import { healthRoutes } from './routes/health';
import { imageListRoutes } from './routes/image-list';
import { imageRoutes } from './routes/images';
import { referenceRoutes } from './routes/reference';
import { WEB_PATHS, webRoutes } from './routes/web';
import type { ApiSettings } from './settings';
import { isTemporalUnreachable } from './temporal-calls';

export interface BuildApiOptions {
  client: CubcanvasClient;
  store: BlobStore;
  settings: ApiSettings;
  contentDelivery: ContentDelivery;
  /** Defaults: the client's connection and task queue. */
  temporal?: Client;
  eventsPollMs?: number;
  eventsHeartbeatMs?: number;
  /** Called after every response (the place for request metrics: route, status, duration). */
  onResponse?: (req: FastifyRequest, reply: FastifyReply) => void;
  /** The registry served at /metrics, with the API's own request metrics added to it. */
  metrics?: Registry;
  /** Where unexpected errors are reported (default stderr). */
  logError?: (message: string) => void;
}

/** Paths open without a token: probes and the API's own description (and the web page's files, WEB_PATHS). */
const PUBLIC_PATHS = new Set(['/healthz', '/readyz', '/metrics', '/openapi.json', '/docs']);

export function buildApi(opts: BuildApiOptions): { app: FastifyInstance; auth: Authenticator } {
  const temporal = opts.temporal ?? opts.client.temporal;
  const auth = createAuthenticator(opts.settings);
  const ctx: ApiContext = {
    client: opts.client,
    temporal,
    batches: new BatchClient(temporal, opts.client.taskQueue, opts.store),
    store: opts.store,
    auth,
    rate: new RateLimiter(opts.settings.ratePerMinute),
    quota: new DailyQuota(opts.settings.dailyQuota),
    backlog: new BacklogGate(temporal, opts.client.taskQueue, opts.settings.maxBacklog),
    statuses: new RequestStatusReader(opts.client),
    contentDelivery: opts.contentDelivery,
    eventsPollMs: opts.eventsPollMs ?? 500,
    eventsHeartbeatMs: opts.eventsHeartbeatMs ?? 15_000,
  };
  const logError = opts.logError ?? ((m: string) => process.stderr.write(`${m}\n`));

  const app = Fastify({ bodyLimit: opts.settings.bodyLimitBytes, logger: false, return503OnClosing: true, forceCloseConnections: true });
  app.decorateRequest('caller', '');
  // First, so that the span covers authentication and the rest.
  addApiTracing(app);
  // CSV manifests arrive as bytes; the batch client checks size and UTF-8 and lists every problem.
  app.addContentTypeParser('text/csv', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.addHook('onRequest', async (req) => {
    const path = req.url.split('?')[0]!;
    if (PUBLIC_PATHS.has(path) || WEB_PATHS.has(path)) return;
    req.caller = auth.authenticate(req.headers.authorization);
  });
  // The JSON routes take JSON only: a CSV or form body on them is a 415, not a confusing 400.
  app.addHook('preValidation', async (req) => {
    if (req.method !== 'POST' || req.url.split('?')[0] !== '/v1/images') return;
    if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(req.headers['content-type'] ?? '')) {
      throw new ApiProblem(
        415,
        ApiProblemType.UnsupportedMediaType,
        `send the request as application/json, not ${req.headers['content-type'] ?? 'no content type'}`,
      );
    }
  });
  if (opts.metrics) addApiMetrics(app, opts.metrics);
  if (opts.onResponse) {
    const hook = opts.onResponse;
    app.addHook('onResponse', async (req, reply) => hook(req, reply));
  }

  app.setErrorHandler((error: unknown, req, reply) => {
    const problem = toProblem(error, logError);
    for (const [k, v] of Object.entries(problem.extra.headers ?? {})) void reply.header(k, v);
    return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem.body(req.url));
  });
  app.setNotFoundHandler((req, reply) =>
    reply
      .code(404)
      .type(PROBLEM_CONTENT_TYPE)
      .send(new ApiProblem(404, ApiProblemType.NotFound, `no route ${req.method} ${req.url.split('?')[0]}; see /openapi.json`).body(req.url)),
  );

  healthRoutes(app, ctx);
  referenceRoutes(app);
  webRoutes(app);
  imageRoutes(app, ctx);
  imageListRoutes(app, ctx);
  eventRoutes(app, ctx);
  batchRoutes(app, ctx);
  return { app, auth };
}

/** Whatever was thrown, as the problem a client is told about. Unknown errors are logged and told as 500 without their text. */
export function toProblem(error: unknown, logError: (m: string) => void): ApiProblem {
  if (error instanceof ApiProblem) return error;
  if (error instanceof InvalidRequestError) return new ApiProblem(400, 'InvalidRequest', error.message, { problems: error.problems });
  if (isTemporalUnreachable(error))
    return new ApiProblem(503, ApiProblemType.TemporalUnavailable, 'the Temporal server cannot be reached; try again later', {
      headers: { 'retry-after': '5' },
    });
  const code = (error as FastifyError | undefined)?.code;
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiProblem(413, ApiProblemType.PayloadTooLarge, (error as FastifyError).message);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiProblem(415, ApiProblemType.UnsupportedMediaType, `${(error as FastifyError).message}; send application/json (or text/csv to /v1/batches)`);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ApiProblem(400, ApiProblemType.MalformedBody, (error as FastifyError).message, { problems: [(error as FastifyError).message] });
  }
  if (error instanceof CubcanvasError) {
    const status = error.retryable ? 503 : 400;
    return new ApiProblem(status, error.type, error.message, status === 400 ? { problems: [error.message] } : { headers: { 'retry-after': '5' } });
  }
  const statusCode = (error as FastifyError | undefined)?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500)
    return new ApiProblem(400, ApiProblemType.MalformedBody, (error as Error).message, { problems: [(error as Error).message] });
  logError(`cubcanvas api: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return new ApiProblem(500, ApiProblemType.Internal, 'an unexpected error; it has been logged');
}
