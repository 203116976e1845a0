// `cubcanvas schedule create|list|describe|pause|unpause|trigger|backfill|delete`: daily batches on
// Temporal Schedules (client/batch-schedules.ts). They live in the Temporal server: with the
// embedded one, keep `cubcanvas dev` running so that a worker is there when a run is due.
import { parseArgs } from 'node:util';
import { BatchSchedules, OVERLAP_POLICIES, type BatchScheduleSummary, type OverlapName } from '../../client/batch-schedules';
import type { Config } from '../../config/settings';
import { err, onePositional, printJson, UsageError } from '../common';
import { withRuntime } from '../runtime';

const SUBCOMMANDS = ['create', 'list', 'describe', 'pause', 'unpause', 'trigger', 'backfill', 'delete'] as const;

function int(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 100) throw new UsageError(`--${name} must be an integer in 1..100, got "${raw}"`);
  return Number(raw);
}

function date(name: string, raw: string | undefined): Date {
  const d = raw === undefined ? undefined : new Date(raw);
  if (!d || Number.isNaN(d.getTime()))
    throw new UsageError(`--${name} must be a date-time such as 2026-11-20T00:00:00Z, got ${raw === undefined ? 'nothing' : `"${raw}"`}`);
  return d;
}

function show(s: BatchScheduleSummary): string {
  const manifest = s.input?.manifestKey ? `manifest ${s.input.manifestKey}` : `newest manifest under ${s.input?.manifestPrefix ?? '?'}`;
  const lines = [
    `${s.name}${s.paused ? ' (paused)' : ''}: ${s.when}; ${manifest}; ${s.input?.groupSize ?? '?'} per GPU run, ${s.input?.maxConcurrentJobs ?? '?'} runs at once`,
  ];
  if (s.note) lines.push(`  note: ${s.note}`);
  if (s.nextRuns.length) lines.push(`  next: ${s.nextRuns.slice(0, 3).join(', ')}`);
  for (const r of s.recentRuns.slice(-5)) lines.push(`  ran: ${r.scheduledAt} -> ${r.workflowId}`);
  return lines.join('\n');
}

export async function schedule(args: string[], config: Config): Promise<number> {
  const [sub, ...rest] = args;
  if (!(SUBCOMMANDS as readonly string[]).includes(sub ?? ''))
    throw new UsageError(sub ? `unknown schedule command "${sub}" (${SUBCOMMANDS.join(', ')})` : `schedule needs a command: ${SUBCOMMANDS.join(', ')}`);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      cron: { type: 'string', multiple: true },
      every: { type: 'string' },
      timezone: { type: 'string' },
      manifest: { type: 'string' },
      'manifest-prefix': { type: 'string' },
      'group-size': { type: 'string' },
      'max-jobs': { type: 'string' },
      overlap: { type: 'string' },
      catchup: { type: 'string' },
      note: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (values.overlap && !(values.overlap in OVERLAP_POLICIES)) throw new UsageError(`--overlap must be one of ${Object.keys(OVERLAP_POLICIES).join(', ')}`);
  return withRuntime(config, err, async ({ client }) => {
    const schedules = new BatchSchedules(client.temporal, config.taskQueue);
    const done = (what: string, value: unknown = { ok: true }) => {
      if (values.json) printJson(value);
      else process.stdout.write(`${what}\n`);
      return 0;
    };
    if (sub === 'list') {
      const all = await schedules.list();
      return values.json ? done('', all) : done(all.length ? all.map(show).join('\n') : 'no batch schedules');
    }
    const name = onePositional(positionals, 'schedule name');
    switch (sub) {
      case 'create': {
        const id = await schedules.create({
          name,
          cron: values.cron,
          every: values.every,
          timezone: values.timezone,
          manifestKey: values.manifest,
          manifestPrefix: values['manifest-prefix'],
          groupSize: int('group-size', values['group-size']),
          maxConcurrentJobs: int('max-jobs', values['max-jobs']),
          overlap: values.overlap as OverlapName | undefined,
          catchupWindow: values.catchup,
          note: values.note,
        });
        const s = await schedules.describe(name);
        return done(`created ${id}\n${show(s)}`, s);
      }
      case 'describe': {
        const s = await schedules.describe(name);
        return done(show(s), s);
      }
      case 'pause':
        await schedules.pause(name, values.note);
        return done(`paused ${name}`);
      case 'unpause':
        await schedules.unpause(name, values.note);
        return done(`unpaused ${name}`);
      case 'trigger':
        await schedules.trigger(name);
        return done(`triggered ${name}: a run starts now (cubcanvas schedule describe ${name} shows it)`);
      case 'backfill':
        await schedules.backfill(name, date('from', values.from), date('to', values.to));
        return done(`backfilled ${name} from ${values.from} to ${values.to}`);
      default:
        await schedules.delete(name);
        return done(`deleted ${name}`);
    }
  });
}
