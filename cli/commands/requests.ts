// Commands about requests, run on a Temporal server (the embedded one, or TEMPORAL_ADDRESS):
// generate, status, cancel.
import { parseArgs } from 'node:util';
import { WorkflowNotFoundError, type WorkflowExecutionDescription, type WorkflowHandle } from '@temporalio/client';
import { RequestFailedError } from '../../client/cubcanvas-client';
import type { Config } from '../../config/settings';
import { InvalidRequestError } from '../../domain/errors';
import { imageWorkflowId } from '../../domain/naming';
import type { RequestProgress } from '../../domain/pipeline';
import { validateRequest, type GenerateImageInput } from '../../domain/request';
import { SA_CACHE_HIT, SA_COST, SA_GPU_SECONDS, SA_OUTCOME, SA_STEP } from '../../domain/search-attributes';
import { CliError, err, onePositional, printJson, printJsonError } from '../common';
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
        .then(
          (p) => printer.update(p),
          () => undefined,
        )
        .finally(() => (inflight = undefined));
    }, 150);
    try {
      const result = await client.result(requestId);
      // The last line comes from the result, not one more query: a query that reaches the worker
      // as the workflow closes can be dropped and held by the server for its 30 s query timeout.
      const outcome = result.status === 'rejected' ? ('rejected' as const) : ('completed' as const);
      printer.update({ requestId, step: 'done', outcome, stepsDone: result.timings.map((t) => t.step), timings: result.timings });
      printer.finish();
      if (values.json) printJson(result);
      if (result.status === 'rejected') {
        if (!values.json) err(`rejected (${result.category}): ${result.reasons.join('; ')}`);
        return 3;
      }
      if (!values.json) {
        const total = result.timings.reduce((s, t) => s + t.ms, 0);
        err(
          `${result.cacheHit ? 'cache hit' : result.sharedRender ? 'shared render' : `rendered in ${result.attempts.length} attempt(s)`}${result.preview ? ' (PREVIEW renderer: no model)' : ''}; ${result.cost.gpuSeconds} GPU-s = ${result.cost.amount} ${result.cost.currency}; steps ${total} ms`,
        );
        process.stdout.write(`${result.imageUrl}\n`);
      }
      return 0;
    } catch (e) {
      printer.finish();
      if (e instanceof RequestFailedError) {
        // The same {"error": …} shape as every other --json error, with what a caller acts on.
        if (values.json) printJsonError(e.type, e.message, { requestId, details: e.details });
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
    const description = await describeRequest(handle, requestId);
    const state = description.status.name;
    const attributes = description.typedSearchAttributes;
    let progress: RequestProgress | undefined;
    if (state === 'RUNNING') progress = await client.progress(requestId).catch(() => undefined);
    // A finished request's picture, for whoever lost the output of `generate`: a URL minted now,
    // valid for the full CUBCANVAS_S3_URL_EXPIRY_SECONDS however old the request is.
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
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
  const requestId = onePositional(positionals, 'request id');
  return withRuntime(config, err, async ({ client }) => {
    const handle = client.temporal.workflow.getHandle(imageWorkflowId(requestId));
    const alreadyFinished = (state: string) =>
      new CliError('AlreadyFinished', `request ${requestId} already finished (${state.toLowerCase()}); nothing to cancel`, 3);
    const before = await describeRequest(handle, requestId);
    if (before.status.name !== 'RUNNING') throw alreadyFinished(before.status.name);
    try {
      await client.cancel(requestId);
    } catch (e) {
      // It may have finished between the two calls: say so rather than a server error.
      const after = await describeRequest(handle, requestId);
      if (after.status.name !== 'RUNNING') throw alreadyFinished(after.status.name);
      throw e;
    }
    if (values.json) printJson({ requestId, cancelRequested: true });
    else process.stdout.write(`cancellation of ${requestId} requested\n`);
    return 0;
  });
}

/** The request's latest run, or exit 2 for an id the server does not know. */
async function describeRequest(handle: WorkflowHandle, requestId: string): Promise<WorkflowExecutionDescription> {
  try {
    return await handle.describe();
  } catch (e) {
    if (e instanceof WorkflowNotFoundError) throw new CliError('NotFound', `no request ${requestId}: ${e.message}`);
    throw e;
  }
}
