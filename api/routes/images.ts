// /v1/images: submit (idempotent), status, content, cancel. The events stream is in events.ts.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { InvalidRequestError } from '../../domain/errors';
import type { GenerateImageInput } from '../../domain/request';
import { REQUEST_ID_PATTERN, REQUEST_ID_RULE } from '../../domain/request';
import { parseImageRequest } from '../../domain/request-schema';
import type { ApiContext } from '../context';
import { ApiProblem, ApiProblemType } from '../problems';
import type { ImageStatus } from '../request-status';
import { callTemporal } from '../temporal-calls';
import type { CallbackOption } from '../../webhooks/events';

export const imageLinks = (requestId: string) => {
  const self = `/v1/images/${encodeURIComponent(requestId)}`;
  return { self, content: `${self}/content`, events: `${self}/events` };
};

/**
 * Fields the API accepts beside the request itself: the webhook's `callbackUrl` and
 * `callbackEvents`, taken off the body before validation (so the request the workflow sees, and its
 * cache key, stay the same) and checked against the allow-list at once: a refused target is a 400
 * before any quota is spent or anything starts.
 */
function apiFields(body: Record<string, unknown>, ctx: ApiContext): { request: Record<string, unknown>; callback?: CallbackOption } {
  const { callbackUrl, callbackEvents, ...request } = body;
  if (callbackUrl === undefined) {
    if (callbackEvents !== undefined) throw new InvalidRequestError(['callbackEvents is given without a callbackUrl']);
    return { request };
  }
  if (callbackEvents !== undefined && !Array.isArray(callbackEvents))
    throw new InvalidRequestError([`callbackEvents must be a list, got ${JSON.stringify(callbackEvents)}`]);
  return {
    request,
    callback: ctx.client.callbackOption({
      url: callbackUrl as string,
      ...(callbackEvents === undefined ? {} : { events: callbackEvents as unknown[] as string[] }),
    }),
  };
}

/** The request id: Idempotency-Key header, or the body's requestId, or a fresh one. Both and different: 400. */
function requestIdOf(req: FastifyRequest, body: Record<string, unknown>): string {
  const header = req.headers['idempotency-key'];
  const key = Array.isArray(header) ? header[0] : header;
  const field = body.requestId;
  if (key !== undefined) {
    if (!REQUEST_ID_PATTERN.test(key)) throw new InvalidRequestError([`Idempotency-Key: ${REQUEST_ID_RULE}`]);
    if (field !== undefined && field !== key) {
      throw new ApiProblem(
        400,
        ApiProblemType.IdempotencyKeyMismatch,
        `the Idempotency-Key header (${JSON.stringify(key)}) and the requestId field (${JSON.stringify(field)}) differ; give one, or the same in both`,
        {
          problems: ['Idempotency-Key and requestId differ'],
        },
      );
    }
    return key;
  }
  return typeof field === 'string' ? field : randomUUID();
}

/** 403 when the request was started through the API by another token. */
function assertOwner(req: FastifyRequest, ctx: ApiContext, status: ImageStatus): void {
  if (ctx.auth.enabled && status.caller !== undefined && status.caller !== req.caller) {
    throw new ApiProblem(403, ApiProblemType.Forbidden, `image request "${status.requestId}" belongs to another caller`);
  }
}

export async function readOwnStatus(req: FastifyRequest, ctx: ApiContext, requestId: string): Promise<ImageStatus> {
  const status = await callTemporal(ctx.temporal, () => ctx.statuses.read(requestId));
  assertOwner(req, ctx, status);
  return status;
}

export function imageRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.post('/v1/images', async (req, reply) => {
    const body = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new InvalidRequestError(['the body must be a JSON object with at least a "prompt"']);
    const { request, callback } = apiFields(body as Record<string, unknown>, ctx);
    const requestId = requestIdOf(req, request);
    // Validated here with every problem listed; the client and the workflow validate again.
    const validated = parseImageRequest({ ...request, requestId });
    ctx.rate.take(req.caller);
    const input = { ...request, requestId: validated.requestId } as GenerateImageInput;
    const outcome = await callTemporal(ctx.temporal, async () => {
      // A repeat of a running or finished request is answered without quota or admission: it
      // costs nothing. One describe; the client's start is idempotent on the id all the same.
      const existing = await ctx.statuses.peek(validated.requestId);
      if (existing) return { existing };
      ctx.quota.check(req.caller);
      await ctx.backlog.admit();
      ctx.statuses.forget(validated.requestId);
      return { started: await ctx.client.start(input, { caller: req.caller, ...(callback ? { callback } : {}) }) };
    });
    const links = imageLinks(validated.requestId);
    if (outcome.existing) {
      if (ctx.auth.enabled && outcome.existing.caller !== undefined && outcome.existing.caller !== req.caller) {
        throw new ApiProblem(403, ApiProblemType.Forbidden, `image request "${validated.requestId}" belongs to another caller`);
      }
      const status =
        outcome.existing.status === 'running' ? 'running' : (await callTemporal(ctx.temporal, () => ctx.statuses.read(validated.requestId))).status;
      return reply
        .code(status === 'running' ? 202 : 200)
        .header('location', links.self)
        .send({ requestId: validated.requestId, status, created: false, links });
    }
    const s = outcome.started!;
    if (s.started) ctx.quota.count(req.caller);
    // started false: another caller started the same id between the describe and the start.
    return reply
      .code(s.started ? 202 : 200)
      .header('location', links.self)
      .send({ requestId: s.requestId, status: 'running', created: s.started, links });
  });

  app.get<{ Params: { id: string } }>('/v1/images/:id', async (req) => {
    const status = await readOwnStatus(req, ctx, req.params.id);
    return { ...status, links: imageLinks(status.requestId) };
  });

  app.get<{ Params: { id: string } }>('/v1/images/:id/content', async (req, reply) => {
    const status = await readOwnStatus(req, ctx, req.params.id);
    if (status.status !== 'completed' || !status.result || status.result.status !== 'completed') {
      throw new ApiProblem(409, ApiProblemType.NotFinished, `image request "${status.requestId}" is ${status.status}; its picture exists once it is completed`);
    }
    const key = status.result.imageKey;
    if (ctx.contentDelivery === 'redirect')
      return reply
        .code(302)
        .header('location', await ctx.store.locate(key))
        .header('cache-control', 'no-store')
        .send();
    const stream = await ctx.store.stream(key);
    return reply.type('image/png').header('cache-control', 'private, max-age=31536000, immutable').send(stream);
  });

  app.delete<{ Params: { id: string } }>('/v1/images/:id', async (req, reply) => {
    ctx.rate.take(req.caller);
    const status = await readOwnStatus(req, ctx, req.params.id);
    if (status.status !== 'running')
      throw new ApiProblem(409, ApiProblemType.AlreadyFinished, `image request "${status.requestId}" is already ${status.status}; nothing to cancel`);
    await callTemporal(ctx.temporal, () => ctx.client.cancel(status.requestId));
    ctx.statuses.forget(status.requestId);
    return reply.code(202).send({ requestId: status.requestId, status: 'cancelling', links: imageLinks(status.requestId) });
  });
}
