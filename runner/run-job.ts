// Renders a job's tasks one after another in one ComfyUI process, so the model loads once,
// uploading each output as it finishes and keeping a manifest of what happened.
import { rideOutStorageOutage } from '../storage/ride-out';
import { CubcanvasError, ErrorType, StorageMisconfiguredError } from '../domain/errors';
import { stripRenderMetadata } from '../imaging/strip-metadata';
import { lockedModelFiles, type ModelLock } from '../render/comfyui/environment-lock';
import { ComfyUiClient, type RunProgress, type SystemInfo } from '../render/comfyui/client';
import { checkGraph, fillGraph, loadCatalog, loadGraph, type ObjectInfo } from '../render/comfyui/graph';
import type { BlobStore } from '../storage/blob-store';
import { EXIT, type RunManifest, type RunnerJob, type TaskReport } from './contract';

export interface RunJobOptions {
  job: RunnerJob;
  store: BlobStore;
  comfyuiUrl: string;
  readyTimeoutMs: number;
  /** Extra tries per task after a retryable failure (OOM, lost prompt). */
  taskRetries: number;
  /** How long a storage outage is ridden out before an upload gives up (default 10 minutes). */
  storageOutageMs?: number;
  signal: AbortSignal;
  /** One JSON object per line on stdout: what `kubectl logs -f` shows. */
  emit: (event: Record<string, unknown>) => void;
  pollIntervalMs?: number;
  /** How often /history is asked while the WebSocket is quiet (ComfyUiClientOptions.historyPollMs). */
  historyPollMs?: number;
  /** Model folders and hash cache for the environment lock; absent: no model file is hashed. */
  modelLock?: ModelLock;
  /** The ComfyUI checkout's commit (RUNNER_COMFYUI_DIR/REVISION), for the provenance. */
  comfyuiRevision?: string;
}

const errorInfo = (err: unknown) => ({
  type: err instanceof CubcanvasError ? err.type : (err as Error).name,
  message: (err as Error).message,
  retryable: err instanceof CubcanvasError ? err.retryable : true,
});

export async function runJob(opts: RunJobOptions): Promise<RunManifest> {
  const { job, store, signal, emit } = opts;
  const started = Date.now();
  // The store may be down for a while: what the GPU already made waits for it instead of being
  // rendered again by a retried task or Job. A SIGTERM ends the wait (the pod has ~30 s left).
  const durable = <T>(what: string, op: () => Promise<T>, opSignal: AbortSignal | undefined = signal) =>
    rideOutStorageOutage(op, {
      deadlineMs: opts.storageOutageMs ?? 10 * 60_000,
      ...(opSignal ? { signal: opSignal } : {}),
      onRetry: (attempt, err, delayMs) => emit({ event: 'storage_retry', what, attempt, error: err.message, retryInMs: delayMs }),
    });
  const catalog = loadCatalog();
  const graphName = job.graph ?? catalog.defaultGraph;
  const entry = catalog.graphs[graphName];
  const tasks: TaskReport[] = job.tasks.map((t) => ({ taskId: t.taskId, status: 'pending', outputKey: t.outputKey, attempts: 0 }));
  const manifest: RunManifest = {
    runId: job.runId,
    status: 'failed',
    exitCode: EXIT.nonRetryable,
    graph: graphName,
    graphVersion: entry?.version ?? 'unknown',
    gpu: null,
    comfyuiVersion: null,
    startedAt: new Date(started).toISOString(),
    finishedAt: '',
    readyMs: null,
    tasks,
  };
  const finish = async (status: RunManifest['status'], exitCode: number): Promise<RunManifest> => {
    manifest.status = status;
    manifest.exitCode = exitCode;
    manifest.finishedAt = new Date().toISOString();
    try {
      // Not cancelled by SIGTERM (the manifest is what the worker reads), but bounded by then.
      await durable(
        'manifest',
        () => store.put(job.manifestKey, Buffer.from(JSON.stringify(manifest, null, 2)), { contentType: 'application/json' }),
        signal.aborted ? AbortSignal.timeout(15_000) : undefined,
      );
    } catch (err) {
      emit({ event: 'manifest_upload_failed', error: errorInfo(err) });
      if (exitCode === EXIT.ok) manifest.exitCode = err instanceof StorageMisconfiguredError ? EXIT.nonRetryable : EXIT.retryable;
    }
    emit({ event: 'manifest', manifest });
    return manifest;
  };

  if (!entry) {
    tasks.forEach((t) => (t.error = { type: 'InvalidJob', message: `unknown graph "${graphName}"`, retryable: false }));
    return finish('failed', EXIT.nonRetryable);
  }
  const graph = loadGraph(catalog, graphName);
  const issues = checkGraph(graph, catalog.coreNodes);
  // Inputs ComfyUI ignores are worth a line in the log, not a failed run.
  for (const w of issues.filter((i) => i.severity === 'warning')) emit({ event: 'graph_warning', graph: graphName, warning: w.text });
  const problems = issues.filter((i) => i.severity === 'error').map((i) => i.text);
  if (problems.length) {
    tasks.forEach((t) => (t.error = { type: 'InvalidGraph', message: problems.join('; '), retryable: false }));
    return finish('failed', EXIT.nonRetryable);
  }

  const client = new ComfyUiClient(opts.comfyuiUrl, { pollIntervalMs: opts.pollIntervalMs, historyPollMs: opts.historyPollMs });
  let info: SystemInfo;
  try {
    emit({ event: 'waiting_for_comfyui', url: opts.comfyuiUrl });
    info = await client.waitUntilReady(opts.readyTimeoutMs, signal);
  } catch (err) {
    if (signal.aborted) return finish('interrupted', EXIT.retryable);
    tasks.forEach((t) => (t.error = errorInfo(err)));
    return finish('failed', EXIT.retryable);
  }
  manifest.readyMs = Date.now() - started;
  manifest.gpu = { name: info.gpuName, vramTotalBytes: info.vramTotalBytes };
  manifest.comfyuiVersion = info.comfyuiVersion;
  emit({ event: 'ready', gpu: info.gpuName, comfyuiVersion: info.comfyuiVersion, readyMs: manifest.readyMs });

  // The graph against this server's own /object_info, model files included (core-nodes.json cannot
  // know which weights this pod mounted): asked once, before the first prompt. A missing file then
  // fails the run at once with ComfyUI's reason instead of one rejected prompt per task.
  let serverChecked = false;
  let serverVerdict: TaskReport['error'] | null = null;
  const checkOnServer = async (): Promise<TaskReport['error'] | null> => {
    let live: ObjectInfo;
    try {
      live = await client.objectInfo(Object.values(graph).map((n) => n.class_type));
    } catch (err) {
      // The server still validates each prompt itself; this check only makes it earlier.
      emit({ event: 'object_info_unavailable', error: (err as Error).message });
      return null;
    }
    const rejected = checkGraph(graph, live, { modelFiles: true }).filter((i) => i.severity === 'error');
    if (rejected.length === 0) return null;
    return {
      type: 'GraphRejected',
      message: `ComfyUI at ${opts.comfyuiUrl} cannot run graph "${graphName}": ${rejected.map((i) => i.text).join('; ')}`,
      retryable: false,
    };
  };

  // Before the first prompt: the hash of every model file the graph loads, held to the pins in
  // manifest.json. A mismatch fails every task before the GPU samples anything.
  const lockEnvironment = async (): Promise<TaskReport['error'] | null> => {
    const revision = opts.comfyuiRevision ? { comfyuiRevision: opts.comfyuiRevision } : {};
    manifest.environment = { comfyuiVersion: info.comfyuiVersion, ...revision, models: [] };
    const pinned = catalog.models.filter((m) => m.sha256);
    if (!opts.modelLock) {
      if (pinned.length === 0) return null;
      return {
        type: ErrorType.RenderFailed,
        message: `model files ${pinned.map((m) => m.file).join(', ')} are pinned but the runner has no model paths file to find them (RUNNER_EXTRA_MODEL_PATHS)`,
        retryable: false,
      };
    }
    try {
      manifest.environment.models = await lockedModelFiles(graph, opts.modelLock);
      emit({ event: 'environment', environment: manifest.environment, hashed: opts.modelLock.hashes.hashed });
      if (opts.modelLock.hashes.saveError) emit({ event: 'model_hash_cache_unwritable', error: opts.modelLock.hashes.saveError });
      return null;
    } catch (err) {
      return errorInfo(err);
    }
  };

  for (const [i, task] of job.tasks.entries()) {
    const report = tasks[i]!;
    if (signal.aborted) break;
    try {
      // A retried Job resumes: outputs already uploaded by an earlier run are kept.
      if (await durable('output check', () => store.head(task.outputKey))) {
        report.status = 'skipped';
        emit({ event: 'task_skipped', taskId: task.taskId, reason: 'output exists' });
        continue;
      }
    } catch (err) {
      report.status = 'failed';
      report.error = errorInfo(err);
      continue;
    }
    if (!serverChecked) {
      serverVerdict = (await checkOnServer()) ?? (await lockEnvironment());
      serverChecked = true;
    }
    if (serverVerdict) {
      report.status = 'failed';
      report.error = serverVerdict;
      emit({ event: 'task_error', taskId: task.taskId, attempt: report.attempts, error: report.error });
      continue;
    }
    const filled = fillGraph(graph, entry, {
      ...task.spec,
      positive: task.spec.prompt,
      negative: task.spec.negativePrompt,
      filenamePrefix: `cubcanvas/${job.runId}/${task.taskId}`,
    });
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
        await durable('output', () =>
          store.put(task.outputKey, image, {
            contentType: 'image/png',
            metadata: { 'run-id': job.runId, 'task-id': task.taskId, graph: graphName },
          }),
        );
        report.status = 'done';
        report.timings = result.timings;
        report.modelLoad = result.cachedNodes.length === 0;
        report.error = undefined;
        emit({ event: 'task_done', taskId: task.taskId, timings: result.timings, modelLoad: report.modelLoad });
        break;
      } catch (err) {
        if (signal.aborted) {
          report.status = 'interrupted';
          break;
        }
        report.error = errorInfo(err);
        emit({ event: 'task_error', taskId: task.taskId, attempt: report.attempts, error: report.error });
        if (!report.error.retryable || report.attempts > opts.taskRetries) {
          report.status = 'failed';
          break;
        }
        try {
          await client.waitUntilReady(opts.readyTimeoutMs, signal);
        } catch {
          // the next attempt reports it
        }
      }
    }
  }

  if (signal.aborted) return finish('interrupted', EXIT.retryable);
  const failed = tasks.filter((t) => t.status === 'failed');
  if (failed.length === 0) return finish('completed', EXIT.ok);
  return finish('failed', failed.some((t) => t.error?.retryable) ? EXIT.retryable : EXIT.nonRetryable);
}
