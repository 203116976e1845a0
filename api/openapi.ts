// The OpenAPI 3.1 document at /openapi.json, generated from the zod schemas the routes use
// (z.toJSONSchema), so the document cannot drift from what the API accepts.
import { z } from 'zod';
import { ErrorType } from '../domain/errors';
import { STEPS } from '../domain/pipeline';
import { imageRequestDocSchema } from '../domain/request-schema';
import { ApiProblemType, problemTypeUri } from './problems';
import { batchByKeySchema } from './routes/batches';

const linksSchema = z.object({ self: z.string(), content: z.string(), events: z.string() }).meta({ id: 'ImageLinks' });

const submittedSchema = z
  .object({
    requestId: z.string(),
    status: z.enum(['running', 'completed', 'rejected']),
    created: z.boolean().meta({ description: 'false when the request id already existed: this is that request.' }),
    links: linksSchema,
  })
  .meta({ id: 'ImageSubmitted' });

const statusSchema = z
  .object({
    requestId: z.string(),
    status: z.enum(['running', 'completed', 'rejected', 'failed', 'cancelled']),
    step: z.enum([...STEPS, 'done']),
    stepsDone: z.array(z.enum(STEPS)),
    render: z.object({ attempt: z.int(), value: z.number(), max: z.number(), phase: z.string() }).optional(),
    timings: z.array(z.object({ step: z.enum(STEPS), ms: z.number() })),
    cost: z.object({ gpuSeconds: z.number(), amount: z.number(), currency: z.string() }).loose().optional(),
    error: z.object({ type: z.string(), message: z.string(), problems: z.array(z.string()).optional() }).optional(),
    imageUrl: z.string().optional().meta({ description: 'Minted for this read: a presigned URL (S3) or a file path (filesystem store).' }),
    result: z.object({}).loose().optional().meta({ description: 'The full record of a completed or rejected request.' }),
    caller: z.string().optional(),
    links: linksSchema,
  })
  .meta({ id: 'ImageStatus' });

const problemNames = [...Object.values(ErrorType), ...Object.values(ApiProblemType)];
const problemSchema = z
  .object({
    type: z
      .string()
      .meta({ description: `urn:cubcanvas:problem:<Name>, Name one of ${problemNames.join(', ')}`, examples: [problemTypeUri('InvalidRequest')] }),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    instance: z.string(),
    problems: z.array(z.string()).optional().meta({ description: 'Every problem of a 400.' }),
  })
  .meta({ id: 'Problem' });

const batchStartedSchema = z
  .object({ batchId: z.string(), total: z.int().optional(), created: z.boolean(), links: z.object({ self: z.string() }) })
  .meta({ id: 'BatchStarted' });
const batchStatusSchema = z
  .object({ batchId: z.string(), status: z.string(), progress: z.object({}).loose().nullable(), links: z.object({ self: z.string() }) })
  .meta({ id: 'BatchStatus' });

type Json = Record<string, unknown>;

/** Every named schema, as JSON Schema 2020-12 (OpenAPI 3.1's dialect), under components/schemas. */
function componentSchemas(): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const s of [imageRequestDocSchema, submittedSchema, statusSchema, problemSchema, batchByKeySchema, batchStartedSchema, batchStatusSchema, linksSchema]) {
    registry.add(s, { id: (s.meta() as { id: string }).id });
  }
  const out = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}` }) as { schemas: Record<string, Json> };
  return Object.fromEntries(Object.entries(out.schemas).map(([id, schema]) => [id, stripSchemaKeyword(schema)]));
}

function stripSchemaKeyword(schema: Json): Json {
  const { $schema: _ignored, id: _id, ...rest } = schema;
  return rest;
}

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (id: string) => ({ 'application/json': { schema: ref(id) } });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const commonErrors = {
  '401': problem('Missing or invalid bearer token'),
  '403': problem('The request belongs to another token'),
  '503': problem('Temporal unreachable, or too many requests running (Retry-After)'),
};

let cached: Json | undefined;

export function openApiDocument(): Json {
  cached ??= {
    openapi: '3.1.0',
    info: {
      title: 'cubcanvas HTTP API',
      version: '1',
      description: "Safe, watermarked cartoon-animal pictures for children's content. Errors are RFC 9457 problem+json with type urn:cubcanvas:problem:<Name>.",
    },
    components: { schemas: componentSchemas(), securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths: {
      '/v1/images': {
        get: {
          summary: "The caller's most recent image requests, newest first (running ones included)",
          parameters: [{ name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 50, default: 12 } }],
          responses: {
            '200': {
              description: '{items: [{requestId, status, createdAt, finishedAt?, links}], limit}',
              content: { 'application/json': { schema: { type: 'object' } } },
            },
            '400': problem('limit outside 1..50'),
            ...commonErrors,
          },
        },
        post: {
          summary: 'Start an image request (idempotent on Idempotency-Key / requestId)',
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              schema: { type: 'string' },
              description: 'The request id; must equal requestId when both are given.',
            },
          ],
          requestBody: { required: true, content: json('ImageRequest') },
          responses: {
            '202': { description: 'Started, or the same request still running', content: json('ImageSubmitted') },
            '200': { description: 'The same request id had already finished: that request', content: json('ImageSubmitted') },
            '400': problem('Invalid request: every problem listed'),
            '413': problem('Body too large'),
            '415': problem('Not application/json'),
            '429': problem('Rate limit or daily quota (Retry-After)'),
            ...commonErrors,
          },
        },
      },
      '/v1/images/{id}': {
        get: {
          summary: 'Status, progress, outcome, cost; a fresh picture URL once completed',
          parameters: [idParam],
          responses: { '200': { description: 'Status', content: json('ImageStatus') }, '404': problem('Unknown request'), ...commonErrors },
        },
        delete: {
          summary: 'Cancel a running request',
          parameters: [idParam],
          responses: {
            '202': { description: 'Cancellation requested' },
            '404': problem('Unknown request'),
            '409': problem('Already finished'),
            ...commonErrors,
          },
        },
      },
      '/v1/images/{id}/content': {
        get: {
          summary: 'The PNG (filesystem store) or 302 to a presigned URL (S3 store)',
          parameters: [idParam],
          responses: {
            '200': { description: 'The picture', content: { 'image/png': {} } },
            '302': { description: 'Redirect to a fresh presigned URL' },
            '404': problem('Unknown request'),
            '409': problem('Not completed'),
            ...commonErrors,
          },
        },
      },
      '/v1/images/{id}/events': {
        get: {
          summary: 'Server-Sent Events: progress, then completed | rejected | failed | cancelled',
          parameters: [idParam],
          responses: {
            '200': { description: 'An event stream; each data line is an ImageStatus', content: { 'text/event-stream': { schema: { type: 'string' } } } },
            '404': problem('Unknown request'),
            ...commonErrors,
          },
        },
      },
      '/v1/batches': {
        post: {
          summary: 'Start a batch from a CSV manifest (text/csv body) or a manifest in the store (JSON {manifestKey})',
          parameters: [
            { name: 'batchId', in: 'query', required: false, schema: { type: 'string' } },
            { name: 'groupSize', in: 'query', required: false, schema: { type: 'integer' } },
            { name: 'maxConcurrentJobs', in: 'query', required: false, schema: { type: 'integer' } },
          ],
          requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string' } }, ...json('BatchByKey') } },
          responses: {
            '202': { description: 'Started', content: json('BatchStarted') },
            '200': { description: 'That batch id exists already', content: json('BatchStarted') },
            '400': problem('Bad manifest: every problem listed'),
            ...commonErrors,
          },
        },
      },
      '/v1/batches/{id}': {
        get: {
          summary: 'Batch progress',
          parameters: [idParam],
          responses: { '200': { description: 'Progress', content: json('BatchStatus') }, '404': problem('Unknown batch'), ...commonErrors },
        },
      },
      '/healthz': { get: { summary: 'The process answers', security: [], responses: { '200': { description: 'ok' } } } },
      '/readyz': {
        get: { summary: 'Temporal and storage answer', security: [], responses: { '200': { description: 'ready' }, '503': { description: 'not ready' } } },
      },
    },
  };
  return cached;
}
