// One task of a runner job: skipped when an earlier run already uploaded its output, otherwise
// rendered (retried after a retryable failure, once ComfyUI answers again) and its output uploaded.
import { stripRenderMetadata } from '../imaging/strip-metadata';
import type { ComfyUiClient, RunProgress } from '../render/comfyui/client';
import { fillGraph, type ApiGraph, type GraphEntry } from '../render/comfyui/graph';
import type { RunnerTask, TaskReport } from './contract';
import { errorInfo, type JobRun, type TaskError } from './job-run';

export interface TaskSetting {
  client: ComfyUiClient;
  graph: ApiGraph;
  entry: GraphEntry;
  /** Asked before the first task that needs the server: why no task can run on it (null: they can). */
  preflight: () => Promise<TaskError | null>;
}

export async function runTask(run: JobRun, setting: TaskSetting, task: RunnerTask, report: TaskReport): Promise<void> {
  const { opts } = run;
  const { job, store, emit } = opts;
  try {
    // A retried Job resumes: outputs already uploaded by an earlier run are kept.
    if (await run.durable('output check', () => store.head(task.outputKey))) {
      report.status = 'skipped';
      emit({ event: 'task_skipped', taskId: task.taskId, reason: 'output exists' });
      return;
    }
  } catch (err) {
    report.status = 'failed';
    report.error = errorInfo(err);
    return;
  }
  const verdict = await setting.preflight();
  if (verdict) {
    report.status = 'failed';
    report.error = verdict;
    emit({ event: 'task_error', taskId: task.taskId, attempt: report.attempts, error: report.error });
    return;
  }
  const filled = fillGraph(setting.graph, setting.entry, {
    ...task.spec,
    positive: task.spec.prompt,
    negative: task.spec.negativePrompt,
    filenamePrefix: `cubcanvas/${job.runId}/${task.taskId}`,
  });
  await renderWithRetries(run, setting.client, filled, task, report);
}

/** Tries until the task is done, fails for good, or the job is interrupted. */
async function renderWithRetries(run: JobRun, client: ComfyUiClient, filled: ApiGraph, task: RunnerTask, report: TaskReport): Promise<void> {
  const { opts } = run;
  const { job, store, signal, emit } = opts;
  for (;;) {
    report.attempts++;
    emit({ event: 'task_start', taskId: task.taskId, attempt: report.attempts });
    try {
      const result = await client.run(filled, {
        signal,
        onProgress: (p: RunProgress) => emit({ event: 'progress', taskId: task.taskId, ...p }),
      });
      // ComfyUI's SaveImage wrote the graph (prompt included) into the PNG: it never leaves the pod.
      const image = await stripRenderMetadata(result.images[0]!);
      await run.durable('output', () =>
        store.put(task.outputKey, image, {
          contentType: 'image/png',
          metadata: { 'run-id': job.runId, 'task-id': task.taskId, graph: run.manifest.graph },
        }),
      );
      report.status = 'done';
      report.timings = result.timings;
      report.modelLoad = result.cachedNodes.length === 0;
      report.error = undefined;
      emit({ event: 'task_done', taskId: task.taskId, timings: result.timings, modelLoad: report.modelLoad });
      return;
    } catch (err) {
      if (signal.aborted) {
        report.status = 'interrupted';
        return;
      }
      report.error = errorInfo(err);
      emit({ event: 'task_error', taskId: task.taskId, attempt: report.attempts, error: report.error });
      if (!report.error.retryable || report.attempts > opts.taskRetries) {
        report.status = 'failed';
        return;
      }
      try {
        await client.waitUntilReady(opts.readyTimeoutMs, signal);
      } catch {
        // the next attempt reports it
      }
    }
  }
}
