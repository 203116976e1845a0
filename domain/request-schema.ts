// The image request as a zod schema: the shape the HTTP API accepts and the OpenAPI document shows.
// Built from the same constants as validateRequest (domain/request.ts) and refined by it, so that
// both accept exactly the same requests with the same messages. validateRequest itself stays free
// of zod because the workflow bundle imports it and runs it in Temporal's sandbox on every replay.
import { z } from 'zod';
import { InvalidRequestError } from './errors';
import {
  DIMENSION_MAX,
  DIMENSION_MIN,
  DIMENSION_STEP,
  PROMPT_MAX_CHARS,
  REQUEST_ID_PATTERN,
  REQUEST_ID_RULE,
  SEED_MAX,
  SIZE_PRESETS,
  STYLES,
  validateRequest,
  type ImageRequest,
} from './request';
import { DEFAULT_WEBHOOK_EVENTS, WEBHOOK_EVENT_TYPES } from '../webhooks/events';

const dimension = (name: string) =>
  z
    .int()
    .min(DIMENSION_MIN)
    .max(DIMENSION_MAX)
    .multipleOf(DIMENSION_STEP)
    .optional()
    .meta({ description: `${name} in pixels; give width and height together instead of size.` });

/** The fields, as documented. Their checks are the ones validateRequest applies (a test holds them together). */
export const imageRequestFields = {
  prompt: z
    .string()
    .min(1)
    .meta({
      description: `What to draw, 1..${PROMPT_MAX_CHARS} characters after whitespace is folded; screened for child safety.`,
      maxLength: PROMPT_MAX_CHARS,
    }),
  size: z
    .string()
    .optional()
    .meta({
      description: `A preset (${Object.keys(SIZE_PRESETS).join(', ')}) or "WIDTHxHEIGHT"; default square (1328x1328).`,
      examples: ['square', '1024x768'],
    }),
  width: dimension('Width'),
  height: dimension('Height'),
  seed: z
    .int()
    .min(0)
    .max(SEED_MAX)
    .optional()
    .meta({ description: 'Fixed seed; omitted, it is derived from the prompt so that equal prompts share the cache.' }),
  style: z.enum(STYLES).optional().meta({ description: 'Drawing style; default storybook.' }),
  requestId: z
    .string()
    .regex(REQUEST_ID_PATTERN)
    .optional()
    .meta({ description: `The request's id (idempotency key): ${REQUEST_ID_RULE}.` }),
};

/**
 * The request schema. Parsing runs validateRequest over the input (which also checks what JSON
 * Schema cannot say, such as size XOR width/height), so its issues carry validateRequest's messages.
 */
export const imageRequestSchema = z
  .unknown()
  .transform((input, ctx): ImageRequest => {
    try {
      return validateRequest(input, 'unset');
    } catch (err) {
      if (!(err instanceof InvalidRequestError)) throw err;
      for (const message of err.problems) ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
  })
  .pipe(z.custom<ImageRequest>());

/**
 * Fields of the HTTP API beside the request (api/routes/images.ts apiFields): where to send the
 * outcome. Not part of the request: they enter neither validateRequest nor the cache key.
 */
export const callbackFields = {
  callbackUrl: z
    .string()
    .optional()
    .meta({
      description:
        'Webhook: https URL the outcome is POSTed to, signed the Standard Webhooks way (README "Webhooks"). Its host must be in CUBCANVAS_WEBHOOK_ALLOWED_HOSTS (http only for hosts marked +http); otherwise 400.',
      examples: ['https://hooks.example.com/cubcanvas'],
    }),
  callbackEvents: z
    .array(z.enum(WEBHOOK_EVENT_TYPES))
    .min(1)
    .optional()
    .meta({ description: `Events to send; default ${DEFAULT_WEBHOOK_EVENTS.join(', ')}. image.progress is sent only when listed (throttled, best effort).` }),
};

/** The schema as the OpenAPI document shows it (the refinement above has no JSON Schema form). */
export const imageRequestDocSchema = z
  .strictObject({ ...imageRequestFields, ...callbackFields })
  .meta({ id: 'ImageRequest', description: 'One picture to make.' });

/**
 * Parses a request body. Throws InvalidRequestError with every problem, in validateRequest's order.
 * The request id must be given (the API always has one: the Idempotency-Key or a fresh UUID).
 */
export function parseImageRequest(input: unknown): ImageRequest {
  const result = imageRequestSchema.safeParse(input);
  if (!result.success) throw new InvalidRequestError(result.error.issues.map((i) => i.message));
  return result.data;
}
