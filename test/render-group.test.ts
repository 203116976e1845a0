// A group of pictures rendered in one GPU run: the cost shares, the input checks, and the group
// workflow on the preview backend (one render after another), on the real Temporal dev server.
// The kubernetes backend's one-Job group is in test/k8s-workflow.test.ts.
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { WorkflowFailedError } from '@temporalio/client';
import { groupShares } from '../domain/cost';
import type { RenderSpec } from '../domain/pipeline';
import { groupWorkflowId, renderGroupProblems, type RenderGroupRequest } from '../domain/render-group';
import type { RenderGroupResult } from '../workflows/render-group';
import { startPipeline } from './support/pipeline';

const spec = (i: number): RenderSpec => ({
  cacheKey: `k${i}`,
  prompt: `a cute baby panda number ${i}`,
  negativePrompt: 'scary',
  width: 512,
  height: 512,
  seed: i,
  style: 'storybook',
});

describe('group cost shares', () => {
  it("splits what no picture used alone equally and adds each picture's own inference", () => {
    // 30 s in all; inference 4, 5 and 6 s: 15 s shared, 5 s each.
    expect(groupShares(30, [4000, 5000, 6000])).toEqual([9, 10, 11]);
  });
  it('gives equal shares without every inference time, and the shares always sum to the total', () => {
    expect(groupShares(10, [1000, undefined, 2000])).toEqual([3.34, 3.33, 3.33]);
    for (const [total, inf] of [
      [7.77, [1, 2, 3, 4]],
      [0.05, [10, 20, 30]],
      [100, [90_000, 90_000]],
    ] as const) {
      const shares = groupShares(total, inf);
      expect(Math.round(shares.reduce((s, x) => s + x, 0) * 100)).toBe(Math.round(total * 100));
      expect(shares.every((x) => x >= 0)).toBe(true);
    }
  });
  it('scales inference reported above the total (runner and cluster clocks) instead of going negative', () => {
    expect(groupShares(10, [8000, 8000])).toEqual([5, 5]);
  });
});

describe('group input checks', () => {
  it('names every problem', () => {
    const problems = renderGroupProblems({
      groupId: '../x',
      tasks: [
        { taskId: 'a', spec: spec(1) },
        { taskId: 'a', spec: spec(2) },
        { taskId: 'b c', spec: { ...spec(3), width: 1.5 } },
      ],
    });
    expect(problems).toEqual([
      'groupId must be 1..128 letters, digits, ".", "_" or "-", starting with a letter or digit',
      'tasks[1].taskId "a" is used twice',
      'tasks[2].taskId must be 1..64 letters, digits, "_" or "-"',
      'tasks[2].spec needs prompt, width, height and seed',
    ]);
    expect(renderGroupProblems({ groupId: 'g', tasks: [] })).toEqual(['tasks must be a non-empty list']);
  });
});

describe('the renderGroup workflow on the preview backend', () => {
  it('renders every picture, one after another, and rejects a bad group without rendering', async () => {
    const p = await startPipeline();
    try {
      const req: RenderGroupRequest = { groupId: `g-${randomUUID().slice(0, 8)}`, tasks: [1, 2, 3].map((i) => ({ taskId: `item-${i}`, spec: spec(i) })) };
      const result: RenderGroupResult = await p.temporal.workflow.execute('renderGroup', {
        workflowId: groupWorkflowId(req.groupId),
        taskQueue: p.config.taskQueue,
        args: [req],
      });
      expect(result.backend).toBe('preview');
      expect(result.tasks.map((t) => t.taskId)).toEqual(['item-1', 'item-2', 'item-3']);
      for (const t of result.tasks) expect(await p.worker.deps.store.head(t.outputKey)).toBeTruthy();
      expect(new Set(result.tasks.map((t) => t.outputKey)).size).toBe(3);
      expect(result.gpuSeconds).toBe(0);

      const bad = p.temporal.workflow.execute('renderGroup', {
        workflowId: `group-bad-${randomUUID()}`,
        taskQueue: p.config.taskQueue,
        args: [{ groupId: 'ok', tasks: [] }],
      });
      const err = (await bad.catch((e: unknown) => e)) as WorkflowFailedError;
      expect(err).toBeInstanceOf(WorkflowFailedError);
      expect((err.cause as { type?: string }).type).toBe('InvalidRequest');
      expect(err.cause?.message).toContain('tasks must be a non-empty list');
    } finally {
      await p.stop();
    }
  });
});
