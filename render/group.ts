// A group of pictures on any backend: in one GPU run where the backend can (kubernetes: one Job,
// one model load), otherwise one render after another, so a batch runs on every backend.
import type { RenderBackend, RenderContext, RenderGroup, RenderGroupOutput } from './backend';
import { rendersGroups } from './backend';

export async function renderGroupOn(backend: RenderBackend, group: RenderGroup, ctx: RenderContext): Promise<RenderGroupOutput> {
  if (rendersGroups(backend)) return backend.renderGroup(group, ctx);
  const out: RenderGroupOutput = {
    gpuSeconds: 0,
    gpuType: '',
    model: '',
    workflowVersion: backend.workflowVersion,
    preview: false,
    pendingSeconds: 0,
    tasks: [],
  };
  for (const [i, task] of group.tasks.entries()) {
    const prefix = `${task.taskId} (${i + 1}/${group.tasks.length})`;
    const r = await backend.render(
      { ...task.spec, outputKey: task.outputKey, attempt: group.attempt, renderId: `${group.groupId}/${task.taskId}` },
      // A checkpoint names one picture's GPU work; a group rendered one by one cannot resume from it.
      { ...ctx, checkpoint: undefined, resumeFrom: undefined, onProgress: (p) => ctx.onProgress({ ...p, phase: `${prefix}: ${p.phase}` }) },
    );
    out.gpuSeconds += r.gpuSeconds;
    out.gpuType = r.gpuType;
    out.model = r.model;
    out.preview = r.preview;
    out.pendingSeconds += r.timings?.pendingSeconds ?? 0;
    out.tasks.push({ taskId: task.taskId, outputKey: task.outputKey, modelLoad: i === 0, loadMs: r.timings?.modelLoadMs, inferenceMs: r.timings?.inferenceMs });
  }
  out.gpuSeconds = Math.round(out.gpuSeconds * 100) / 100;
  return out;
}
