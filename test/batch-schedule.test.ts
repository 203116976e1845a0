// Daily batches on Temporal Schedules, on the real dev server: created, triggered, the run visible
// from the schedule and its report written, on the newest manifest under a prefix; and the CLI.
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { inject } from 'vitest';
import { BatchSchedules } from '../client/batch-schedules';
import type { BatchResult } from '../domain/batch';
import { projectRoot } from '../toolchain/pypi-binary';
import { startPipeline, uniqueTag, type TestPipeline } from './support/pipeline';
import { until } from './support/until';

let p: TestPipeline | undefined;
afterEach(async () => {
  await p?.stop();
  p = undefined;
});

describe('batch schedules', () => {
  it('runs a triggered schedule on the newest manifest under its prefix and writes the report', async () => {
    p = await startPipeline();
    const store = p.worker.deps.store;
    const tag = uniqueTag(4);
    await store.put(`incoming/${tag}/monday.csv`, Buffer.from('id,prompt,size\nold,a cute old goat,small\n'));
    await new Promise((r) => setTimeout(r, 1100));
    await store.put(`incoming/${tag}/tuesday.csv`, Buffer.from(`id,prompt,size\na,a cute yak ${tag},small\nb,a cute emu ${tag},small\n`));
    const schedules = new BatchSchedules(p.temporal, p.config.taskQueue);
    const name = `daily-${tag}`;
    await schedules.create({ name, cron: ['0 8 * * *'], timezone: 'Asia/Shanghai', manifestPrefix: `incoming/${tag}/`, groupSize: 5, overlap: 'skip' });
    try {
      const created = await schedules.describe(name);
      expect(created.spec.timezone).toBe('Asia/Shanghai');
      expect(created.nextRuns.length).toBeGreaterThan(0);
      // 08:00 in Shanghai is 00:00 UTC.
      expect(created.nextRuns[0]).toMatch(/T00:00:00\.000Z$/);
      await schedules.trigger(name);
      const run = await until('the triggered run', async () => (await schedules.describe(name)).recentRuns[0], 15_000);
      expect(run.workflowId).toMatch(new RegExp(`^batch-${name}-`));
      const result = (await p.temporal.workflow.getHandle(run.workflowId).result()) as BatchResult;
      expect(result.total).toBe(2);
      expect(result.counts.completed).toBe(2);
      expect(await store.head(result.report.csv)).toBeTruthy();

      // The CLI sees it, pauses and unpauses it.
      const env = {
        ...process.env,
        TEMPORAL_ADDRESS: inject('temporalAddress'),
        CUBCANVAS_TASK_QUEUE: p.config.taskQueue,
        CUBCANVAS_DATA_DIR: p.config.dataDir,
      };
      const cli = (...args: string[]) => spawnSync(join(projectRoot, 'bin', 'cubcanvas'), ['schedule', ...args], { env, encoding: 'utf8' });
      const described = JSON.parse(
        execFileSync(join(projectRoot, 'bin', 'cubcanvas'), ['schedule', 'describe', name, '--json'], { env, encoding: 'utf8' }),
      ) as { recentRuns: { workflowId: string }[]; input: { manifestPrefix: string } };
      expect(described.recentRuns.map((r) => r.workflowId)).toContain(run.workflowId);
      expect(described.input.manifestPrefix).toBe(`incoming/${tag}/`);
      expect(cli('pause', name, '--note', 'holiday').status).toBe(0);
      expect((await schedules.describe(name)).paused).toBe(true);
      expect(cli('unpause', name).status).toBe(0);
      expect(cli('list').stdout).toContain(`${name}: cron 0 8 * * * (Asia/Shanghai)`);
      const bad = cli('create', `bad-${tag}`, '--cron', 'every tuesday', '--manifest', 'x.csv');
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain(`schedule bad-${tag}:`);
      const unknown = cli('describe', 'no-such-schedule');
      expect(unknown.status).toBe(2);
      expect(unknown.stderr).toContain('no batch schedule named "no-such-schedule"');
    } finally {
      await schedules.delete(name).catch(() => undefined);
    }
  });
});
