// bin/cubcanvas: generate, screen, check-image, dev, worker, config. `cubcanvas help` lists them.
import { quietKnownWarnings } from '../config/node-warnings';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ConfigError, CubcanvasError, InvalidRequestError } from '../domain/errors';
import { imageWorkflowId } from '../domain/naming';
import type { RequestProgress } from '../domain/pipeline';
import { judgeQuality } from '../domain/quality';
import { SA_OUTCOME, SA_STEP } from '../domain/search-attributes';
import { parseSize, validateRequest, type GenerateImageInput } from '../domain/request';
import { loadLexicon } from '../domain/screening/lexicon';
import { screenPrompt } from '../domain/screening/screen';
import { loadConfig, SETTINGS, type Config } from '../config/settings';
import { RequestFailedError } from '../client/cubcanvas-client';
import { measureQuality } from '../imaging/quality-metrics';
import { startEmbeddedServer } from '../temporal/embedded-server';
import { createWorker } from '../worker/create-worker';
import { installSdkLogging } from '../worker/logging';
import { runWorker } from '../worker/main';
import { runDoctor } from './doctor';
import { ProgressPrinter } from './progress-printer';
import { withRuntime } from './runtime';
import { readServerRecord, removeServerRecord, writeServerRecord } from './server-lock';

const USAGE = `cubcanvas — safe, cute cartoon-animal pictures for children's content

Usage:
  cubcanvas generate "<prompt>" [--size WxH|preset] [--seed N] [--style S] [--request-id ID] [--json]
      Runs one request through the pipeline and prints the image path (or URL).
      Without TEMPORAL_ADDRESS it uses the embedded server of the data folder.
      Exit: 0 done, 3 prompt rejected, 1 failed, 2 bad input.
  cubcanvas screen "<prompt>" [--style S] [--json]
      Screens a prompt without generating: allowed, category, reasons, final and negative prompt. Exit 0 either way.
  cubcanvas check-image <file> [--size WxH] [--json]
      Measures an image as the validate step does: ok, reasons, metrics. Exit 0 if ok, 1 if not.
  cubcanvas status <requestId> [--json]
      Where a request is: step, render progress, outcome (from the server, or its result when done).
  cubcanvas cancel <requestId>
      Cancels a request; its render stops unless another request shares it.
  cubcanvas dev
      Starts the embedded Temporal server with its Web UI, and a worker; stays up until Ctrl-C.
  cubcanvas worker
      Runs a worker against TEMPORAL_ADDRESS.
  cubcanvas doctor [--json]
      Checks Temporal, storage (write/read/delete a probe), Kubernetes and ComfyUI where configured.
      Exit 0 if everything configured works, 1 if not.
  cubcanvas config
      Prints every setting with its value (environment variables, see README).

Size presets: square (1328x1328, default), landscape, portrait, book, book-portrait, small (512x512).
Styles: storybook (default), flat, watercolor, crayon.`;

class UsageError extends Error {}

const err = (line: string) => process.stderr.write(`${line}\n`);

function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

function onePositional(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(`expected exactly one ${what}, got ${positionals.length} (quote the prompt)`);
  return positionals[0]!;
}

async function generate(args: string[], config: Config): Promise<number> {
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

function screen(args: string[]): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { style: { type: 'string' }, json: { type: 'boolean' } } });
  const request = validateRequest({ prompt: onePositional(positionals, 'prompt'), ...(values.style ? { style: values.style } : {}) }, 'screen');
  const v = screenPrompt(request.prompt, request.style, loadLexicon());
  const out = { allowed: v.allowed, category: v.category, reasons: v.reasons, finalPrompt: v.finalPrompt, negativePrompt: v.negativePrompt };
  if (values.json) printJson(out);
  else process.stdout.write(v.allowed ? `allowed\nprompt: ${v.finalPrompt}\nnegative: ${v.negativePrompt}\n` : `rejected (${v.category}): ${v.reasons.join('; ')}\n`);
  return 0;
}

async function checkImage(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { size: { type: 'string' }, json: { type: 'boolean' } } });
  const file = onePositional(positionals, 'image file');
  let expected: { width: number; height: number } | undefined;
  if (values.size) {
    const parsed = parseSize(values.size);
    if (typeof parsed === 'string') throw new UsageError(parsed);
    expected = parsed;
  }
  const bytes = await readFile(file).catch((e: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  });
  let out: { ok: boolean; reasons: string[]; metrics: unknown };
  try {
    const metrics = await measureQuality(bytes);
    const verdict = judgeQuality(metrics, expected);
    out = { ok: verdict.ok, reasons: verdict.reasons, metrics };
  } catch (e) {
    if (!(e instanceof CubcanvasError)) throw e;
    out = { ok: false, reasons: [`undecodable: ${e.message}`], metrics: null };
  }
  if (values.json) printJson(out);
  else process.stdout.write(out.ok ? `ok\n${JSON.stringify(out.metrics)}\n` : `not ok: ${out.reasons.join('; ')}\n`);
  return out.ok ? 0 : 1;
}

async function status(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
  const requestId = onePositional(positionals, 'request id');
  return withRuntime(config, err, async ({ client }) => {
    const handle = client.temporal.workflow.getHandle(imageWorkflowId(requestId));
    const description = await handle.describe().catch((e: Error) => {
      throw new UsageError(`no request ${requestId}: ${e.message}`);
    });
    const state = description.status.name;
    let progress: RequestProgress | undefined;
    if (state === 'RUNNING') progress = await client.progress(requestId).catch(() => undefined);
    const out = {
      requestId,
      state,
      step: progress?.step ?? description.typedSearchAttributes.get(SA_STEP) ?? null,
      outcome: description.typedSearchAttributes.get(SA_OUTCOME) ?? null,
      render: progress?.render ?? null,
      startedAt: description.startTime.toISOString(),
      closedAt: description.closeTime?.toISOString() ?? null,
    };
    if (values.json) printJson(out);
    else process.stdout.write(`${requestId}: ${state.toLowerCase()}, step ${out.step ?? '?'}${out.render ? `, render ${out.render.value}/${out.render.max} ${out.render.phase}` : ''}${out.outcome ? `, outcome ${out.outcome}` : ''}\n`);
    return 0;
  });
}

async function cancel(args: string[], config: Config): Promise<number> {
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

async function dev(config: Config): Promise<number> {
  if (config.temporalAddress) throw new UsageError('dev starts its own server; unset TEMPORAL_ADDRESS (or run `cubcanvas worker` against that cluster)');
  const existing = readServerRecord(config.dataDir);
  if (existing) throw new UsageError(`a server for ${config.dataDir} is already running (pid ${existing.pid}, ${existing.address}${existing.uiUrl ? `, UI ${existing.uiUrl}` : ''})`);
  const server = await startEmbeddedServer({ dataDir: config.dataDir, namespace: config.namespace, uiPort: config.uiPort });
  writeServerRecord(config.dataDir, { pid: process.pid, address: server.address, uiUrl: server.uiUrl, kind: 'dev' });
  const worker = await createWorker({ config, address: server.address });
  err(`Temporal server: ${server.address} (namespace ${config.namespace}, database ${config.dataDir}/temporal.db)`);
  err(`Web UI:          ${server.uiUrl}`);
  err(`worker:          task queue ${config.taskQueue}, backend ${config.backend}, store ${worker.deps.store.description}`);
  err('other cubcanvas commands on this data folder now use this server. Ctrl-C stops.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  err('stopping…');
  await worker.shutdown();
  removeServerRecord(config.dataDir);
  await server.stop();
  return 0;
}

async function doctor(args: string[], config: Config): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
  const results = await runDoctor(config);
  if (values.json) printJson(results);
  else for (const r of results) process.stdout.write(`${r.checked ? (r.ok ? '✓' : '✗') : '-'} ${r.name.padEnd(11)} ${r.detail}\n`);
  return results.every((r) => r.ok) ? 0 : 1;
}

function showConfig(config: Config): number {
  for (const s of SETTINGS) process.stdout.write(`${s.name}=${process.env[s.name] ?? ''}${process.env[s.name] === undefined ? `   (default: ${s.default})` : ''}\n`);
  process.stdout.write(`\nresolved: ${JSON.stringify(config, null, 2)}\n`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  quietKnownWarnings();
  const [command, ...rest] = argv;
  try {
    installSdkLogging();
    switch (command) {
      case 'generate':
        return await generate(rest, loadConfig());
      case 'screen':
        return screen(rest);
      case 'check-image':
        return await checkImage(rest);
      case 'status':
        return await status(rest, loadConfig());
      case 'cancel':
        return await cancel(rest, loadConfig());
      case 'dev':
        return await dev(loadConfig());
      case 'worker': {
        const config = loadConfig();
        if (!config.temporalAddress) throw new UsageError('worker needs TEMPORAL_ADDRESS; `cubcanvas dev` runs a server and a worker together');
        await runWorker(config.temporalAddress);
        return 0;
      }
      case 'config':
        return showConfig(loadConfig());
      case 'doctor':
        return await doctor(rest, loadConfig());
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError || (e instanceof TypeError && (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))) {
      err(`cubcanvas: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof InvalidRequestError || e instanceof ConfigError) {
      err(`cubcanvas: ${e.message}`);
      return 2;
    }
    err(`cubcanvas: ${(e as Error).message}`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
