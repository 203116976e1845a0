// A group of pictures rendered in one GPU run: on the kubernetes backend one Job with one model
// load for all of them, so the cold start is paid once; elsewhere one render after another. Each
// picture gets its share of the group's GPU time (domain/cost.ts groupShares). The batch path
// groups cache misses into these; validation, regeneration and publishing stay per picture.
import { ActivityFailure, ApplicationFailure, proxyActivities, setCurrentDetails, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { groupShares } from '../domain/cost';
import { ErrorType } from '../domain/errors';
import type { FailedRun, RenderEnvironment, RenderProgress } from '../domain/pipeline';
import { renderGroupProblems, type RenderGroupRequest } from '../domain/render-group';
import { groupProgressQuery, renderProgressSignal } from './definitions';
import { GPU_ACTIVITY } from './retry-policies';

const { renderGroupAttempt } = proxyActivities<Activities>({ ...GPU_ACTIVITY, summary: 'render a group on the GPU backend' });

export interface RenderGroupResult {
  groupId: string;
  backend: string;
  gpuType: string;
  /** The whole group's GPU time; the tasks' shares sum to it. */
  gpuSeconds: number;
  pendingSeconds: number;
  model: string;
  workflowVersion: string;
  preview: boolean;
  job?: string;
  renderMs: number;
  tasks: { taskId: string; outputKey: string; gpuSeconds: number; modelLoad: boolean; loadMs?: number; inferenceMs?: number }[];
  /** Tries that failed after using the GPU (charged to the group too). */
  failedRuns: FailedRun[];
  /** What the GPU run loaded: ComfyUI version and revision, model file hashes (GPU backends). */
  environment?: RenderEnvironment;
}

export async function renderGroup(req: RenderGroupRequest): Promise<RenderGroupResult> {
  const problems = renderGroupProblems(req);
  if (problems.length) throw ApplicationFailure.nonRetryable(`invalid render group: ${problems.join('; ')}`, ErrorType.InvalidRequest, { problems });
  let progress: RenderProgress | undefined;
  setHandler(renderProgressSignal, (p) => {
    progress = p;
    setCurrentDetails(`${req.tasks.length} pictures: ${p.phase} ${p.value}/${p.max}`);
  });
  setHandler(groupProgressQuery, () => progress);
  try {
    const out = await renderGroupAttempt({ attempt: 0, tasks: req.tasks });
    const shares = groupShares(
      out.gpuSeconds,
      out.tasks.map((t) => t.inferenceMs),
    );
    return {
      groupId: req.groupId,
      backend: out.backend,
      gpuType: out.gpuType,
      gpuSeconds: out.gpuSeconds,
      pendingSeconds: out.pendingSeconds,
      model: out.model,
      workflowVersion: out.workflowVersion,
      preview: out.preview,
      ...(out.job ? { job: out.job } : {}),
      renderMs: out.renderMs,
      tasks: out.tasks.map((t, i) => ({ ...t, gpuSeconds: shares[i]! })),
      failedRuns: out.failedRuns,
      ...(out.environment ? { environment: out.environment } : {}),
    };
  } catch (err) {
    // The activity's typed failure is the group's: callers branch on its type.
    if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure) throw err.cause;
    throw err;
  }
}
