// A group of pictures in one GPU run (kubernetes: one Job, one model load; other backends one
// after another), run inside the group workflow. Thin: the GPU harness is runOnGpu.
import { stagingGroupKey } from '../domain/storage-layout';
import type { RenderSpec } from '../domain/pipeline';
import type { RenderGroupOutput } from '../render/backend';
import { renderGroupOn } from '../render/group';
import type { ActivityDeps } from './deps';
import type { FailedRun } from '../domain/pipeline';
import { runOnGpu } from './gpu-run';

export interface RenderGroupAttemptInput {
  attempt: number;
  tasks: { taskId: string; spec: RenderSpec }[];
}

export interface RenderGroupAttemptOutput extends RenderGroupOutput {
  backend: string;
  renderMs: number;
  failedRuns: FailedRun[];
}

export function renderGroupActivities(deps: ActivityDeps) {
  return {
    async renderGroupAttempt({ attempt, tasks }: RenderGroupAttemptInput): Promise<RenderGroupAttemptOutput> {
      const run = await runOnGpu(deps, attempt, (ctx, workflowId) =>
        renderGroupOn(
          deps.backend,
          { groupId: workflowId, attempt, tasks: tasks.map((t) => ({ ...t, outputKey: stagingGroupKey(workflowId, attempt, t.taskId) })) },
          ctx,
        ),
      );
      return { ...run.value, backend: run.backend, renderMs: run.renderMs, failedRuns: run.failedRuns };
    },
  };
}
