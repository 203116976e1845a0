// Daily batches on Temporal Schedules: each run starts the dailyBatch workflow on a manifest key or
// on the newest manifest under a prefix. Every schedule shows on the Web UI's Schedules page; its
// runs are workflows `batch-<name>-<scheduled time>`.
import { ScheduleNotFoundError, ScheduleOverlapPolicy, type Client, type ScheduleDescription, type ScheduleSpec } from '@temporalio/client';
import { DEFAULT_GROUP_SIZE, DEFAULT_MAX_CONCURRENT_JOBS, type BatchInput } from '../domain/batch';
import { InvalidRequestError } from '../domain/errors';

export const OVERLAP_POLICIES = {
  skip: ScheduleOverlapPolicy.SKIP,
  'buffer-one': ScheduleOverlapPolicy.BUFFER_ONE,
  'buffer-all': ScheduleOverlapPolicy.BUFFER_ALL,
  'cancel-other': ScheduleOverlapPolicy.CANCEL_OTHER,
  'terminate-other': ScheduleOverlapPolicy.TERMINATE_OTHER,
  'allow-all': ScheduleOverlapPolicy.ALLOW_ALL,
} as const;
export type OverlapName = keyof typeof OVERLAP_POLICIES;

const NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;
export const batchScheduleId = (name: string) => `cubcanvas-batch-${name}`;

export interface BatchScheduleOptions {
  name: string;
  /** Cron lines ("0 8 * * *"); or `every`. */
  cron?: string[];
  /** An interval: "24h", "1d", "30m". */
  every?: string;
  /** IANA time zone of the cron lines, e.g. Asia/Shanghai (default UTC). */
  timezone?: string;
  manifestKey?: string;
  manifestPrefix?: string;
  groupSize?: number;
  maxConcurrentJobs?: number;
  overlap?: OverlapName;
  /** How late a missed run (server down) may still start, e.g. "1h". */
  catchupWindow?: string;
  note?: string;
}

export interface BatchScheduleSummary {
  name: string;
  scheduleId: string;
  paused: boolean;
  note?: string;
  spec: ScheduleSpec;
  /** When it runs, as it was given: "cron 0 8 * * * (Asia/Shanghai)", "every 24h". */
  when: string;
  nextRuns: string[];
  recentRuns: { scheduledAt: string; workflowId: string }[];
  input: BatchInput | undefined;
}

export class BatchSchedules {
  constructor(
    private readonly temporal: Client,
    private readonly taskQueue: string,
  ) {}

  async create(opts: BatchScheduleOptions): Promise<string> {
    const problems: string[] = [];
    if (!NAME.test(opts.name)) problems.push(`schedule name "${opts.name}" must be 1..40 lower-case letters, digits and "-"`);
    if (!opts.cron?.length === !opts.every) problems.push('give exactly one of --cron or --every');
    if (!opts.manifestKey === !opts.manifestPrefix) problems.push('give exactly one of --manifest (a key) or --manifest-prefix');
    if (opts.overlap && !(opts.overlap in OVERLAP_POLICIES)) problems.push(`--overlap must be one of ${Object.keys(OVERLAP_POLICIES).join(', ')}`);
    if (problems.length) throw new InvalidRequestError(problems);
    const input: BatchInput = {
      ...(opts.manifestKey ? { manifestKey: opts.manifestKey } : { manifestPrefix: opts.manifestPrefix }),
      groupSize: opts.groupSize ?? DEFAULT_GROUP_SIZE,
      maxConcurrentJobs: opts.maxConcurrentJobs ?? DEFAULT_MAX_CONCURRENT_JOBS,
    };
    const scheduleId = batchScheduleId(opts.name);
    await this.temporal.schedule
      .create({
        scheduleId,
        spec: opts.every
          ? { intervals: [{ every: opts.every as `${number}h` }] }
          : { cronExpressions: opts.cron!, ...(opts.timezone ? { timezone: opts.timezone } : {}) },
        action: { type: 'startWorkflow', workflowType: 'dailyBatch', workflowId: `batch-${opts.name}`, taskQueue: this.taskQueue, args: [input] },
        policies: { overlap: OVERLAP_POLICIES[opts.overlap ?? 'skip'], ...(opts.catchupWindow ? { catchupWindow: opts.catchupWindow as `${number}h` } : {}) },
        state: opts.note ? { note: opts.note } : undefined,
        // The server keeps cron lines as calendar specs: the words as given are kept for display.
        memo: { when: opts.every ? `every ${opts.every}` : `cron ${opts.cron!.join(' | ')}${opts.timezone ? ` (${opts.timezone})` : ''}` },
      })
      .catch((err: unknown) => {
        // The server judges cron lines and time zones: its message says which part is wrong.
        throw new InvalidRequestError([`schedule ${opts.name}: ${(err as Error).message}`]);
      });
    return scheduleId;
  }

  async list(): Promise<BatchScheduleSummary[]> {
    const out: BatchScheduleSummary[] = [];
    for await (const s of this.temporal.schedule.list()) {
      if (s.scheduleId.startsWith(batchScheduleId(''))) out.push(await this.describe(s.scheduleId.slice(batchScheduleId('').length)));
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  async describe(name: string): Promise<BatchScheduleSummary> {
    const d = await this.handle(name).describe().catch(notFound(name));
    return summary(name, d);
  }

  pause(name: string, note?: string): Promise<void> {
    return this.handle(name).pause(note).catch(notFound(name));
  }

  unpause(name: string, note?: string): Promise<void> {
    return this.handle(name).unpause(note).catch(notFound(name));
  }

  /** Starts a run now (the overlap policy still applies). */
  trigger(name: string): Promise<void> {
    return this.handle(name).trigger().catch(notFound(name));
  }

  /** Runs the schedule's actions for the times it would have taken between from and to. */
  backfill(name: string, from: Date, to: Date): Promise<void> {
    if (!(from < to)) throw new InvalidRequestError([`backfill: --from (${from.toISOString()}) must be before --to (${to.toISOString()})`]);
    return this.handle(name).backfill({ start: from, end: to }).catch(notFound(name));
  }

  delete(name: string): Promise<void> {
    return this.handle(name).delete().catch(notFound(name));
  }

  private handle(name: string) {
    return this.temporal.schedule.getHandle(batchScheduleId(name));
  }
}

function notFound(name: string) {
  return (err: unknown): never => {
    if (err instanceof ScheduleNotFoundError) throw new InvalidRequestError([`no batch schedule named "${name}" (cubcanvas schedule list shows them)`]);
    throw err;
  };
}

function summary(name: string, d: ScheduleDescription): BatchScheduleSummary {
  const action = d.action.type === 'startWorkflow' ? d.action : undefined;
  return {
    name,
    scheduleId: d.scheduleId,
    paused: d.state.paused,
    note: d.state.note,
    spec: d.spec,
    when: typeof d.memo?.when === 'string' ? d.memo.when : 'calendar spec',
    nextRuns: d.info.nextActionTimes.map((t) => t.toISOString()),
    recentRuns: d.info.recentActions.map((a) => ({
      scheduledAt: a.scheduledAt.toISOString(),
      workflowId: a.action.type === 'startWorkflow' ? a.action.workflow.workflowId : '',
    })),
    input: (action?.args?.[0] as BatchInput | undefined) ?? undefined,
  };
}
