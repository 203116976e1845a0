// `cubcanvas k8s sweep`: deletes render Jobs whose render workflow has closed, now, without
// waiting for the worker's sweeper Schedule.
import { parseArgs } from 'node:util';
import type { Config } from '../../config/settings';
import { renderIsOpen } from '../../temporal/render-is-open';
import { createJobSweeper } from '../../render/kubernetes/factory';
import { err, printJson, UsageError } from '../common';
import { withRuntime } from '../runtime';

export async function k8s(args: string[], config: Config): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'sweep') throw new UsageError(sub ? `unknown k8s command "${sub}" (known: sweep)` : 'k8s needs a command: sweep');
  const { values } = parseArgs({ args: rest, options: { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } } });
  const sweeper = createJobSweeper(config);
  const report = await withRuntime(config, err, ({ client }) => sweeper.sweep(renderIsOpen(client.temporal), { dryRun: values['dry-run'] }));
  if (values.json) printJson(report);
  else {
    const verb = report.dryRun ? 'would delete' : 'deleted';
    for (const d of report.deleted) process.stdout.write(`${verb} ${d.job} (${d.reason}: ${d.renderId || 'no render id'})\n`);
    process.stdout.write(
      `namespace ${report.namespace}: ${report.checked} render Job(s) checked, ${report.deleted.length} ${verb}, ${report.kept.length} kept (render still running)\n`,
    );
  }
  return 0;
}
