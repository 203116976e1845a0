// Commands about requests, run on a Temporal server (the embedded one, or TEMPORAL_ADDRESS):
// generate, status, cancel.
import { parseArgs } from 'node:util';
import { RequestFailedError } from '../../client/cubcanvas-client';
import type { Config } from '../../config/settings';
import { InvalidRequestError } from '../../domain/errors';
import { imageWorkflowId } from '../../domain/naming';
import type { RequestProgress } from '../../domain/pipeline';
import { validateRequest, type GenerateImageInput } from '../../domain/request';
import { SA_CACHE_HIT, SA_COST, SA_GPU_SECONDS, SA_OUTCOME, SA_STEP } from '../../domain/search-attributes';
import { err, onePositional, printJson, UsageError } from '../common';
import { ProgressPrinter } from '../progress-printer';
import { withRuntime } from '../runtime';

export async function generate(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { size: { type: 'string' }, seed: { type: 'string' }, style: { type: 'string' }, 'request-id': { type: 'string' }, json: { type: 'boolean' } },
  });
  const input: GenerateImageInput = { prompt: onePositional(positionals, 'prompt') };
  if (values.size !== undefined) input.size = values.size;
  if (values.style !== undefined) input.style = values.style;
  if (values['request-id'] !== undefined) input.requestId = values['request-id'];
  if (values.seed !== undefined) {
    if (!/^\d+$/.test(values.seed)) throw new InvalidRequestError([`seed must be a non-negative integer, got "${values.seed}"`]);
    input.seed = Number(values.seed);
  }
  validateRequest(input, 'check');
  return withRuntime(config, err, async ({ client, where }) => {
    const { requestId, started } = await client.start(input);
    err(`request ${requestId} ${started ? 'started' : 'already exists; following it'} on ${where}`);
    const printer = new ProgressPrinter(process.stderr);
    // One query at a time, and none left running when the connection closes (a query still
    // retrying after close would throw from a timer and crash the process).
    let inflight: Promise<void> | undefined;
    const poll = setInterval(() => {
      inflight ??= client
        .progress(requestId)
        .then((p) => printer.update(p), () => undefined)
        .finally(() => (inflight = undefined));
    }, 150);
    try {
      const result = await client.result(requestId);
      printer.update(await client.progress(requestId).catch(() => ({ requestId, step: 'done' as const, outcome: 'completed' as const, stepsDone: [], timings: result.timings })));
      printer.finish();
      if (values.json) printJson(result);
      if (result.status === 'rejected') {
        if (!values.json) err(`rejected (${result.category}): ${result.reasons.join('; ')}`);
        return 3;
      }
      if (!values.json) {
        const total = result.timings.reduce((s, t) => s + t.ms, 0);
        err(`${result.cacheHit ? 'cache hit' : result.sharedRender ? 'shared render' : `rendered in ${result.attempts.length} attempt(s)`}${result.preview ? ' (PREVIEW renderer: no model)' : ''}; ${result.cost.gpuSeconds} GPU-s = ${result.cost.amount} ${result.cost.currency}; steps ${total} ms`);
        process.stdout.write(`${result.imageUrl}\n`);
      }
      return 0;
    } catch (e) {
      printer.finish();
      if (e instanceof RequestFailedError) {
        if (values.json) printJson({ status: 'failed', requestId, type: e.type, message: e.message, details: e.details });
        else err(`failed (${e.type}): ${e.message}`);
        return 1;
      }
      throw e;
    } finally {
      clearInterval(poll);
      await inflight;
    }
  });
}

export async function status(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
  const requestId = onePositional(positionals, 'request id');
  return withRuntime(config, err, async ({ client }) => {
    const handle = client.temporal.workflow.getHandle(imageWorkflowId(requestId));
    const description = await handle.describe().catch((e: Error) => {
      throw new UsageError(`no request ${requestId}: ${e.message}`);
    });
    const state = description.status.name;
    const attributes = description.typedSearchAttributes;
    let progress: RequestProgress | undefined;
    if (state === 'RUNNING') progress = await client.progress(requestId).catch(() => undefined);
    // A finished request's picture, for whoever lost the output of `generate`.
    const result = state === 'COMPLETED' ? await client.result(requestId).catch(() => undefined) : undefined;
    const out = {
      requestId,
      state,
      step: progress?.step ?? attributes.get(SA_STEP) ?? null,
      outcome: attributes.get(SA_OUTCOME) ?? null,
      render: progress?.render ?? null,
      cacheHit: attributes.get(SA_CACHE_HIT) ?? null,
      gpuSeconds: attributes.get(SA_GPU_SECONDS) ?? null,
      cost: attributes.get(SA_COST) ?? null,
      imageUrl: result?.status === 'completed' ? result.imageUrl : null,
      startedAt: description.startTime.toISOString(),
      closedAt: description.closeTime?.toISOString() ?? null,
    };
    if (values.json) printJson(out);
    else {
      const parts = [`${requestId}: ${state.toLowerCase()}`, `step ${out.step ?? '?'}`];
      if (out.render) parts.push(`render ${out.render.value}/${out.render.max} ${out.render.phase}`);
      if (out.outcome) parts.push(`outcome ${out.outcome}`);
      if (out.gpuSeconds !== null) parts.push(`${out.gpuSeconds} GPU-s, cost ${out.cost}`);
      if (out.imageUrl) parts.push(out.imageUrl);
      process.stdout.write(`${parts.join(', ')}\n`);
    }
    return 0;
  });
}

export async function cancel(args: string[], config: Config): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const requestId = onePositional(positionals, 'request id');
  return withRuntime(config, err, async ({ client }) => {
    await client.cancel(requestId).catch((e: Error) => {
      throw new UsageError(`cannot cancel ${requestId}: ${e.message}`);
    });
    process.stdout.write(`cancellation of ${requestId} requested\n`);
    return 0;
  });
}
