// The shapes of ComfyUI's HTTP answers that cubcanvas reads, as ComfyUI's server.py writes them
// (DESIGN.md "External contracts"; the official server's routes, also under /api). Only the fields
// the client uses are checked; the rest is dropped, so a newer ComfyUI that adds fields still passes.
//
// Which error a wrong answer is: a 2xx answer of the wrong shape is RenderFailed (not retried). The
// server at that URL answered, so it is up, but it is not a ComfyUI this client can talk to (another
// service behind the URL, an API change): trying again asks the same server the same question and
// keeps the GPU rented while it does. An answer that is not JSON at all is RenderUnavailable
// (retried): a body cut short by a restarting server or a proxy's error page is a passing state.
import { z } from 'zod';
import { RenderFailedError, RenderUnavailableError } from '../../domain/errors';
import { parsePayload } from '../../domain/payload-schemas';
import type { ApiGraph, ObjectInfo } from './graph';

/** The value of a ComfyUI answer: `schema`'s output, or RenderFailed naming the route and the problem. */
export function parseComfyUiAnswer<S extends z.ZodType>(schema: S, value: unknown, route: string): z.output<S> {
  return parsePayload(schema, value, `ComfyUI ${route} answer`, (what, problem) => new RenderFailedError(`${what} is not what ComfyUI sends: ${problem}`));
}

/** The JSON body of a ComfyUI answer, checked; a body that is not JSON is RenderUnavailable. */
export async function readComfyUiAnswer<S extends z.ZodType>(schema: S, res: Response, route: string): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = await res.json();
  } catch (err) {
    throw new RenderUnavailableError(`ComfyUI ${route} answered ${res.status} with a body that is not JSON: ${(err as Error).message}`);
  }
  return parseComfyUiAnswer(schema, body, route);
}

/** execution_error's data (a WebSocket event, and a /history status message). */
export const executionErrorSchema = z.object({
  node_id: z.string().optional(),
  node_type: z.string().optional(),
  exception_message: z.string().optional(),
  exception_type: z.string().optional(),
});
export type ExecutionError = z.output<typeof executionErrorSchema>;

/** One picture a node saved: GET /view?filename&subfolder&type fetches it. */
const outputImageSchema = z.object({ filename: z.string(), subfolder: z.string().default(''), type: z.string() });

/**
 * One prompt's entry in GET /history/{prompt_id}: `outputs` per node (SaveImage puts `images`;
 * other nodes put other keys, which are dropped), and `status` with its event messages
 * ([event name, data] pairs such as ["execution_start", {prompt_id, timestamp}]).
 */
export const historyEntrySchema = z.object({
  outputs: z.record(z.string(), z.object({ images: z.array(outputImageSchema).optional() })).optional(),
  status: z
    .object({
      status_str: z.string().optional(),
      completed: z.boolean().optional(),
      messages: z.array(z.tuple([z.string(), z.record(z.string(), z.unknown())])).optional(),
    })
    .optional(),
});
export type HistoryEntry = z.output<typeof historyEntrySchema>;

/** GET /history/{prompt_id}: `{}` until the prompt is done, then `{[prompt_id]: entry}`. */
export const historySchema = z.record(z.string(), historyEntrySchema);

/** GET /queue: rows [number, prompt_id, prompt, extra_data, outputs_to_execute]. */
export const queueSchema = z.object({
  queue_running: z.array(z.array(z.unknown())).optional(),
  queue_pending: z.array(z.array(z.unknown())).optional(),
});

/** GET /system_stats: versions and devices (vram in bytes). */
export const systemStatsSchema = z.object({
  system: z.object({ comfyui_version: z.string().optional() }).optional(),
  devices: z.array(z.object({ name: z.string().optional(), type: z.string().optional(), vram_total: z.number().optional() })).optional(),
});

/**
 * POST /prompt's 400 answer: `error` {type, message, details, extra_info} and `node_errors` per
 * node id. server.py answers `node_errors: []` rather than `{}` on some paths (no prompt at all).
 */
export const promptRejectionSchema = z.object({
  error: z.object({ type: z.string().optional(), message: z.string().optional(), details: z.string().optional() }).optional(),
  node_errors: z
    .preprocess(
      (v) => (Array.isArray(v) && v.length === 0 ? {} : v),
      z.record(
        z.string(),
        z.object({
          class_type: z.string().optional(),
          errors: z
            .array(
              z.object({
                message: z.string().optional(),
                details: z.string().optional(),
                extra_info: z.object({ input_name: z.string().optional() }).optional(),
              }),
            )
            .optional(),
        }),
      ),
    )
    .optional(),
});

const inputTypeSchema = z.union([z.string(), z.array(z.union([z.string(), z.number()]))]);
const inputOptionsSchema = z.looseObject({
  min: z.number().optional(),
  max: z.number().optional(),
  options: z.array(z.union([z.string(), z.number()])).optional(),
});
const inputSpecSchema = z.union([z.tuple([inputTypeSchema, inputOptionsSchema]), z.tuple([inputTypeSchema])]);

/** One node of GET /object_info (graph.ts CoreNodeSchema); unknown fields are kept, as graph.ts expects. */
const nodeSchema = z.looseObject({
  input: z.looseObject({
    required: z.record(z.string(), inputSpecSchema).optional(),
    optional: z.record(z.string(), inputSpecSchema).optional(),
    hidden: z.record(z.string(), z.unknown()).optional(),
  }),
  output: z.array(inputTypeSchema),
  output_node: z.boolean().optional(),
});

/** An API-format graph (comfy-workflows/*.json, graph.ts ApiGraph): node id -> class and inputs (a link is [node id, output]). */
export const apiGraphSchema: z.ZodType<ApiGraph> = z.record(
  z.string(),
  z.object({
    class_type: z.string(),
    inputs: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.tuple([z.string(), z.number()])])),
    _meta: z.object({ title: z.string().optional() }).optional(),
  }),
);

/** GET /object_info and /object_info/{class}: node class name -> node. */
export const objectInfoSchema: z.ZodType<ObjectInfo> = z.record(z.string(), nodeSchema);
