// /v1/batches: start a daily-batch workflow from a manifest (a CSV body, or the key of a manifest
// already in the store) through client/batch-client.ts, and read its progress.
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { BATCH_ID_PATTERN, batchWorkflowId, DEFAULT_GROUP_SIZE, DEFAULT_MAX_CONCURRENT_JOBS } from '../../domain/batch';
import { BlobNotFoundError, InvalidRequestError } from '../../domain/errors';
import type { ApiContext } from '../context';
import { ApiProblem, ApiProblemType } from '../problems';
import { callTemporal } from '../temporal-calls';

const batchOptionFields = {
  batchId: z
    .string()
    .regex(BATCH_ID_PATTERN)
    .optional()
    .meta({ description: 'Default: the day and a random suffix. The Idempotency-Key header may give it instead.' }),
  groupSize: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: `Pictures per GPU run (default ${DEFAULT_GROUP_SIZE}).` }),
  maxConcurrentJobs: z.coerce
    .number()
    .int()
    .min(1)
    .max(50)
    .optional()
    .meta({ description: `GPU runs at once (default ${DEFAULT_MAX_CONCURRENT_JOBS}).` }),
};

/** Options of a CSV upload, from the query string. */
export const batchQuerySchema = z.strictObject(batchOptionFields);

/** A batch of a manifest already in the blob store. */
export const batchByKeySchema = z
  .strictObject({ manifestKey: z.string().min(1).max(900).meta({ description: 'Key of a .csv or .json manifest in the blob store.' }), ...batchOptionFields })
  .meta({ id: 'BatchByKey' });

function parse<T>(schema: z.ZodType<T>, input: unknown, where: string): T {
  const r = schema.safeParse(input);
  if (!r.success) throw new InvalidRequestError(r.error.issues.map((i) => `${where}${i.path.length ? ` ${i.path.join('.')}` : ''}: ${i.message}`));
  return r.data;
}

const links = (batchId: string) => ({ self: `/v1/batches/${encodeURIComponent(batchId)}` });

export function batchRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.post('/v1/batches', async (req, reply) => {
    ctx.rate.take(req.caller);
    const header = req.headers['idempotency-key'];
    const key = Array.isArray(header) ? header[0] : header;
    let manifest: Buffer;
    let fileName: string;
    let opts: z.infer<typeof batchQuerySchema>;
    if (Buffer.isBuffer(req.body)) {
      opts = parse(batchQuerySchema, req.query, 'query');
      manifest = req.body;
      fileName = 'manifest.csv';
    } else {
      const body = parse(batchByKeySchema, req.body, 'body');
      const { manifestKey, ...rest } = body;
      opts = rest;
      fileName = manifestKey.split('/').pop()!;
      if (!/\.(csv|json)$/i.test(fileName)) throw new InvalidRequestError([`manifestKey "${manifestKey}" must name a .csv or .json file`]);
      try {
        manifest = await ctx.store.get(manifestKey);
      } catch (err) {
        if (err instanceof BlobNotFoundError) throw new InvalidRequestError([`manifestKey: no manifest at "${manifestKey}" in the store`]);
        if (err instanceof Error && /invalid blob key/.test(err.message)) throw new InvalidRequestError([`manifestKey: ${err.message}`]);
        throw err;
      }
    }
    if (key !== undefined && opts.batchId !== undefined && key !== opts.batchId)
      throw new ApiProblem(400, ApiProblemType.IdempotencyKeyMismatch, 'the Idempotency-Key header and batchId differ', {
        problems: ['Idempotency-Key and batchId differ'],
      });
    const batchId = key ?? opts.batchId;
    try {
      const started = await callTemporal(ctx.temporal, () =>
        ctx.batches.start(manifest, {
          fileName,
          caller: req.caller,
          ...(batchId ? { batchId } : {}),
          ...(opts.groupSize ? { groupSize: opts.groupSize } : {}),
          ...(opts.maxConcurrentJobs ? { maxConcurrentJobs: opts.maxConcurrentJobs } : {}),
        }),
      );
      return reply
        .code(202)
        .header('location', links(started.batchId).self)
        .send({ batchId: started.batchId, total: started.total, created: true, links: links(started.batchId) });
    } catch (err) {
      // The same batch id again: the batch that exists is the answer (idempotent like images).
      if (err instanceof WorkflowExecutionAlreadyStartedError && batchId) return reply.code(200).send({ batchId, created: false, links: links(batchId) });
      throw err;
    }
  });

  app.get<{ Params: { id: string } }>('/v1/batches/:id', async (req) => {
    const batchId = req.params.id;
    if (!BATCH_ID_PATTERN.test(batchId)) throw new ApiProblem(404, ApiProblemType.NotFound, `no batch "${batchId}"`);
    return callTemporal(ctx.temporal, async () => {
      const handle = ctx.temporal.workflow.getHandle(batchWorkflowId(batchId));
      let description;
      try {
        description = await handle.describe();
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) throw new ApiProblem(404, ApiProblemType.NotFound, `no batch "${batchId}"`);
        throw err;
      }
      const progress = await ctx.batches.progress(batchId).catch(() => undefined);
      return { batchId, status: description.status.name.toLowerCase(), progress: progress ?? null, links: links(batchId) };
    });
  });
}
