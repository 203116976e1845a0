// `cubcanvas batch <manifest>`: a day's prompts as one batch, its misses rendered N per GPU run.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { BatchClient } from '../../client/batch-client';
import type { Config } from '../../config/settings';
import { InvalidRequestError } from '../../domain/errors';
import { createStore } from '../../worker/dependencies';
import { err, onePositional, printJson, UsageError } from '../common';
import { withRuntime } from '../runtime';

function positiveInt(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 100) throw new UsageError(`--${name} must be an integer in 1..100, got "${raw}"`);
  return Number(raw);
}

export async function batch(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { wait: { type: 'boolean' }, json: { type: 'boolean' }, id: { type: 'string' }, 'group-size': { type: 'string' }, 'max-jobs': { type: 'string' } },
  });
  const path = onePositional(positionals, 'manifest file');
  let manifest: Buffer;
  try {
    manifest = await readFile(path);
  } catch (e) {
    throw new InvalidRequestError([`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`]);
  }
  const groupSize = positiveInt('group-size', values['group-size']);
  const maxConcurrentJobs = positiveInt('max-jobs', values['max-jobs']);
  // On a server of this command alone the worker stops with it: the batch must be waited for.
  const wait = values.wait || !config.temporalAddress;
  const store = createStore(config);
  return withRuntime(config, err, async ({ client, where }) => {
    const batches = new BatchClient(client.temporal, config.taskQueue, store);
    const { batchId, total } = await batches.start(manifest, { batchId: values.id, groupSize, maxConcurrentJobs, fileName: basename(path) });
    err(`batch ${batchId}: ${total} pictures started on ${where}`);
    if (!wait) {
      if (values.json) printJson({ batchId, total, status: 'started' });
      else process.stdout.write(`${batchId}\n`);
      return 0;
    }
    let last = '';
    let inflight: Promise<void> | undefined;
    const poll = setInterval(() => {
      inflight ??= batches
        .progress(batchId)
        .then(
          (p) => {
            const line = `${p.counts.done}/${p.total} done (${p.counts.completed} pictures, ${p.counts.cacheHits} from cache, ${p.counts.rejected} rejected, ${p.counts.failed} failed); GPU runs ${p.runningJobs}, waiting ${p.waitingRenders}`;
            if (line !== last) err((last = line));
          },
          () => undefined,
        )
        .finally(() => (inflight = undefined));
    }, 1000);
    try {
      const result = await batches.result(batchId);
      clearInterval(poll);
      await inflight;
      if (values.json) printJson(result);
      else {
        const c = result.counts;
        err(
          `batch ${batchId} done: ${c.completed} pictures (${c.cacheHits} from cache), ${c.rejected} rejected, ${c.failed} failed, ${c.cancelled} cancelled; ${c.gpuSeconds} GPU-s = ${c.cost} ${result.currency}`,
        );
        process.stdout.write(`${result.reportLocations.csv}\n${result.reportLocations.json}\n${result.reportLocations.contactSheets.join('\n')}\n`);
      }
      return result.counts.failed > 0 ? 1 : 0;
    } finally {
      clearInterval(poll);
    }
  });
}
