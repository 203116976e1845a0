// The shapes of the payloads cubcanvas reads back from somewhere it does not control at that moment:
// heartbeat details handed to the next try, failure and cancellation details handed to a workflow,
// JSON it stored earlier (cache entries, ledger entries, batch state). Each kind has one schema
// here; readers parse with parsePayload instead of casting, so a damaged or foreign payload is a
// typed error that names it rather than an undefined deep inside the next step.
//
// Workflows import this module (zod is plain, deterministic JavaScript; the workflow bundle and the
// replay tests take it). They read with tryParsePayload, never parsePayload: a plain error thrown in
// workflow code fails the workflow task and Temporal retries it forever, while every detail read
// there is an optional extra (GPU time to charge) whose absence the workflow already handles.
import { z } from 'zod';
import { PayloadInvalidError } from './errors';

/** How many of zod's issues a message lists: enough to fix the payload, short enough for a log line. */
const ISSUES_SHOWN = 3;

/** zod's issues as one sentence: "attempts.0.seed: expected number, received string; …". */
export function describeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, ISSUES_SHOWN).map((i) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`);
  const more = error.issues.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${more} more` : '');
}

/** Makes the error a wrong payload raises; the default is PayloadInvalidError (not retried). */
export type PayloadErrorFactory = (what: string, problem: string) => Error;

const payloadInvalid: PayloadErrorFactory = (what, problem) => new PayloadInvalidError(what, problem);

/** `value` as `schema` says, or the error of `fail` naming `what` and every problem found. */
export function parsePayload<S extends z.ZodType>(schema: S, value: unknown, what: string, fail: PayloadErrorFactory = payloadInvalid): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw fail(what, describeIssues(result.error));
  return result.data;
}

/** JSON text (a stored object's bytes) parsed and checked: bad JSON and a wrong shape fail alike. */
export function parseJsonPayload<S extends z.ZodType>(schema: S, text: string | Buffer, what: string, fail: PayloadErrorFactory = payloadInvalid): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(typeof text === 'string' ? text : text.toString('utf8'));
  } catch (err) {
    throw fail(what, `not JSON (${(err as Error).message})`);
  }
  return parsePayload(schema, value, what, fail);
}

/** For workflows (see the top of this file): the payload, or undefined when it is not of that shape. */
export function tryParsePayload<S extends z.ZodType>(schema: S, value: unknown): z.output<S> | undefined {
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
}

// --- pieces shared by several payloads (domain/pipeline.ts, domain/quality.ts, domain/picture-safety.ts)

export const qualityMetricsSchema = z.object({
  width: z.number(),
  height: z.number(),
  meanLuma: z.number(),
  stdevLuma: z.number(),
  darkFraction: z.number(),
  brightFraction: z.number(),
  sharpness: z.number(),
});

export const pictureSafetyResultSchema = z.object({
  checker: z.string(),
  ok: z.boolean(),
  scores: z.record(z.string(), z.number()),
  reasons: z.array(z.string()),
});

export const renderTimingsSchema = z.object({
  pendingSeconds: z.number(),
  modelLoadMs: z.number().optional(),
  inferenceMs: z.number().optional(),
  job: z.string().optional(),
});

export const renderAttemptSchema = z.object({
  attempt: z.number(),
  seed: z.number(),
  backend: z.string(),
  gpuType: z.string(),
  gpuSeconds: z.number(),
  preview: z.boolean(),
  ok: z.boolean(),
  reasons: z.array(z.string()),
  metrics: qualityMetricsSchema.optional(),
  safety: z.array(pictureSafetyResultSchema).optional(),
  renderMs: z.number(),
  timings: renderTimingsSchema.optional(),
});

export const renderEnvironmentSchema = z.object({
  comfyuiVersion: z.string().optional(),
  comfyuiRevision: z.string().optional(),
  models: z.array(z.object({ name: z.string(), sha256: z.string(), bytes: z.number() })),
});

/** FailedRun: a try that failed after using the GPU. */
export const failedRunSchema = z.object({
  backend: z.string(),
  gpuType: z.string(),
  gpuSeconds: z.number(),
  error: z.string(),
  renderMs: z.number(),
});

// --- heartbeat details

/**
 * What each heartbeat of a GPU activity carries (activities/gpu-run.ts). Temporal hands the last one
 * to the next try, which is how the GPU time of tries that failed reaches the attempt that finally
 * succeeds (or fails).
 */
export const gpuHeartbeatSchema = z.object({
  progress: z.object({ attempt: z.number(), value: z.number(), max: z.number(), phase: z.string() }).optional(),
  failedRuns: z.array(failedRunSchema),
  /** The backend's checkpoint, checked by the backend that reads it (its own format). */
  backend: z.unknown().optional(),
  /** Tries whose GPU work (a Job) failed: the next launch gets a name of its own. */
  failedLaunches: z.number().int().min(0).optional(),
});
export type GpuHeartbeat = z.output<typeof gpuHeartbeatSchema>;

// --- failure and cancellation details (ApplicationFailure.details[0], CancelledFailure.details[0])

/** A GPU activity's failure: the tries that used the GPU before it failed, to be charged. */
export const failedRunsDetailsSchema = z.object({ failedRuns: z.array(failedRunSchema).optional() });

/** StoppedRender: the GPU time a cancelled render reported using before it stopped. */
export const stoppedRenderSchema = z.object({
  backend: z.string(),
  gpuType: z.string(),
  gpuSeconds: z.number(),
  renderMs: z.number(),
  failedRuns: z.array(failedRunSchema),
});

export const unsafeAttemptSchema = z.object({ attempt: z.number(), seed: z.number(), results: z.array(pictureSafetyResultSchema) });

/** RenderFailureInfo: why a shared render ended without a picture (the render workflow's failure details). */
export const renderFailureInfoSchema = z.object({
  type: z.string(),
  message: z.string(),
  attempts: z.array(renderAttemptSchema),
  ownerRequestId: z.string(),
  unsafe: z.array(unsafeAttemptSchema).optional(),
});

/** An UnsafeImage failure: the attempts judged unsafe, with their scores. */
export const unsafeDetailsSchema = z.object({ unsafe: z.array(unsafeAttemptSchema).optional() });

/** A request's failure as a batch reads it: the GPU cost the request was charged before failing. */
export const costDetailsSchema = z.object({
  cost: z
    .object({
      gpuSeconds: z.number(),
      amount: z.number(),
      currency: z.string(),
      perAttempt: z.array(z.object({ attempt: z.number(), gpuType: z.string(), gpuSeconds: z.number(), amount: z.number() })),
    })
    .optional(),
});

// --- JSON in the object store

/** activities/cache.ts CacheEntry: cache/<key>.json. */
export const cacheEntrySchema = z.object({
  cacheKey: z.string(),
  imageKey: z.string().min(1),
  model: z.string(),
  workflowVersion: z.string(),
  preview: z.boolean(),
  seed: z.number(),
  width: z.number(),
  height: z.number(),
  metrics: qualityMetricsSchema,
  safety: z.array(pictureSafetyResultSchema).optional(),
  environment: renderEnvironmentSchema.optional(),
  createdAt: z.string(),
  ownerRequestId: z.string(),
});

const costSummarySchema = costDetailsSchema.shape.cost.unwrap();

/** Any stored JSON object, every field kept (a ledger record rewritten in place by the purge). */
export const storedObjectSchema = z.record(z.string(), z.unknown());

/** A ledger record (ledger/<day>/<request>.json) as the cost report reads it; the day comes from its key. */
export const ledgerRecordSchema = z.object({
  requestId: z.string(),
  outcome: z.enum(['completed', 'failed', 'cancelled', 'rejected']),
  charged: z.boolean(),
  cacheHit: z.boolean(),
  attempts: z.array(renderAttemptSchema),
  cost: costSummarySchema,
  caller: z.string().optional(),
});

/** A ledger record as the purge reads it: only what its plan needs, each part optional (older records). */
export const ledgerRecordViewSchema = z.object({
  requestId: z.string(),
  cacheKey: z.string().optional(),
  recordedAt: z.string().optional(),
  purgedAt: z.string().optional(),
});

/** batches/<id>/results-<window>.json: how each item of a window ended (domain/batch.ts BatchItemResult). */
export const batchItemResultsSchema = z.array(
  z.object({
    id: z.string(),
    requestId: z.string(),
    prompt: z.string(),
    outcome: z.enum(['completed', 'rejected', 'failed', 'cancelled']),
    reason: z.string(),
    imageKey: z.string(),
    cacheHit: z.boolean(),
    gpuSeconds: z.number(),
    cost: z.number(),
    currency: z.string(),
  }),
);
