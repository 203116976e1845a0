// `cubcanvas purge (--request ID | --older-than 30d) [--dry-run] [--json]`: deletes a request's
// published picture, staging leftovers, prompt text in its ledger record (cost figures stay) and
// the cache entries only it used, through the purge workflow (workflows/purge.ts), the same path
// the retention Schedule takes. Exit 0 done (or nothing left to do), 2 bad input or unknown request.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { Config } from '../../config/settings';
import { InvalidDurationError, parseRetentionDuration, type PurgeSelector } from '../../domain/retention';
import { purgeWorkflowId, type PurgeInput, type PurgeReport } from '../../workflows/purge';
import { CliError, err, printJson, UsageError } from '../common';
import { withRuntime } from '../runtime';

function selectorOf(values: { request?: string; 'older-than'?: string }): PurgeSelector {
  const request = values.request;
  const olderThan = values['older-than'];
  if ((request === undefined) === (olderThan === undefined)) throw new UsageError('purge needs exactly one of --request <id> and --older-than <duration>');
  if (request !== undefined) {
    if (!request.trim()) throw new UsageError('--request needs a request id');
    return { requestId: request };
  }
  try {
    return { olderThanMs: parseRetentionDuration(olderThan!) };
  } catch (e) {
    if (e instanceof InvalidDurationError) throw new CliError(e.type, e.message, 2);
    throw e;
  }
}

export async function purge(args: string[], config: Config): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { request: { type: 'string' }, 'older-than': { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
  });
  const selector = selectorOf(values);
  const dryRun = values['dry-run'] ?? false;
  const input: PurgeInput = { ...selector, dryRun };
  // A real purge of a selector has one id, so two at once cannot both run; a dry run changes nothing and may.
  const workflowId = dryRun ? `${purgeWorkflowId(selector)}-dry-run-${randomUUID().slice(0, 8)}` : purgeWorkflowId(selector);
  const report = await withRuntime(config, err, ({ client }) =>
    client.temporal.workflow.execute<(input: PurgeInput) => Promise<PurgeReport>>('purge', { taskQueue: config.taskQueue, workflowId, args: [input] }),
  );
  if (report.unknownRequestIds.length > 0) {
    throw new CliError('UnknownRequest', `unknown request "${report.unknownRequestIds.join('", "')}": the ledger has no record of it; nothing purged`, 2);
  }
  if (values.json) printJson(report);
  else process.stdout.write(formatReport(report));
  return 0;
}

function formatReport(r: PurgeReport): string {
  const verb = r.dryRun ? 'would purge' : 'purged';
  const lines = [`${verb} ${r.totals.requests} request(s)${r.totals.requests ? `: ${r.requestIds.join(', ')}` : ' (nothing left to purge)'}`];
  if (r.truncated) lines.push(`(lists cut at ${r.requestIds.length} entries each; totals: ${JSON.stringify(r.totals)})`);
  if (r.cacheKeys.length) lines.push(`cache entries no request left uses: ${r.cacheKeys.join(', ')}`);
  if (r.batchIds.length) lines.push(`batch reports: ${r.batchIds.join(', ')}`);
  const objects = [...r.deleteKeys, ...r.deletePrefixes.map((p) => `${p}*`)];
  if (r.dryRun) for (const key of objects) lines.push(`  ${key}`);
  else lines.push(`deleted ${r.deletedObjects} object(s); ${r.markedRecords} ledger record(s) lost their prompt text (cost figures kept)`);
  return `${lines.join('\n')}\n`;
}
