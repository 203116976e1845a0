// Replay of recorded histories: every closed workflow of a task queue, run again against the
// workflow bundle of this test run (the global setup's), must make the same decisions. This is the
// check that a change to workflow code has not broken workflows already in flight.
import { expect, inject } from 'vitest';
import { Worker } from '@temporalio/worker';
import type { Client } from '@temporalio/client';

/**
 * Replays every closed workflow of `taskQueue`; fails the test on any nondeterminism, naming the
 * workflow. Returns the workflow types replayed (sorted, once each) and how many histories.
 */
export async function replayClosedHistories(temporal: Client, taskQueue: string): Promise<{ types: string[]; replayed: number }> {
  const runs: { workflowId: string; runId: string; type: string }[] = [];
  for await (const wf of temporal.workflow.list({ query: `TaskQueue = '${taskQueue}' AND ExecutionStatus != 'Running'` }))
    runs.push({ workflowId: wf.workflowId, runId: wf.runId, type: wf.type });
  const histories = (async function* () {
    for (const r of runs) yield { workflowId: r.workflowId, history: await temporal.workflow.getHandle(r.workflowId, r.runId).fetchHistory() };
  })();
  const failures: string[] = [];
  let replayed = 0;
  for await (const result of Worker.runReplayHistories({ workflowBundle: { codePath: inject('workflowBundlePath') } }, histories)) {
    replayed++;
    if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
  }
  expect(failures).toEqual([]);
  expect(replayed).toBe(runs.length);
  return { types: [...new Set(runs.map((r) => r.type))].sort(), replayed };
}
