// The runner's result manifest as the worker reads it back from the store (runner/contract.ts
// RunManifest). The runner in the pod may be another image version than the worker: a manifest of
// another shape is refused with the field named, rather than read as undefined further on.
import { z } from 'zod';
import { renderEnvironmentSchema } from '../domain/payload-schemas';
import type { RunManifest } from './contract';

const taskReportSchema = z.object({
  taskId: z.string(),
  status: z.enum(['done', 'skipped', 'failed', 'interrupted', 'pending']),
  outputKey: z.string(),
  attempts: z.number(),
  modelLoad: z.boolean().optional(),
  timings: z.object({ queueMs: z.number(), loadMs: z.number(), inferenceMs: z.number(), totalMs: z.number() }).optional(),
  error: z.object({ type: z.string(), message: z.string(), retryable: z.boolean() }).optional(),
});

export const runManifestSchema: z.ZodType<RunManifest> = z.object({
  runId: z.string(),
  status: z.enum(['completed', 'failed', 'interrupted']),
  exitCode: z.number(),
  graph: z.string(),
  graphVersion: z.string(),
  gpu: z.object({ name: z.string(), vramTotalBytes: z.number() }).nullable(),
  comfyuiVersion: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string(),
  readyMs: z.number().nullable(),
  environment: renderEnvironmentSchema.optional(),
  tasks: z.array(taskReportSchema),
});
