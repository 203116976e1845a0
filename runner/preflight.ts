// Checks made once, before the first prompt, that can fail every task of a job before the GPU
// samples anything: the graph against the server's own /object_info, and the environment lock.
import { ErrorType } from '../domain/errors';
import { lockedModelFiles } from '../render/comfyui/environment-lock';
import type { ComfyUiClient, SystemInfo } from '../render/comfyui/client';
import { checkGraph, type ApiGraph, type GraphCatalog, type ObjectInfo } from '../render/comfyui/graph';
import { errorInfo, type JobRun, type TaskError } from './job-run';

/** Why no task of the job can run on this server (null: they can). */
export async function preflight(run: JobRun, client: ComfyUiClient, info: SystemInfo, catalog: GraphCatalog, graph: ApiGraph): Promise<TaskError | null> {
  return (await checkOnServer(run, client, graph)) ?? (await lockEnvironment(run, info, catalog, graph));
}

/**
 * The graph against this server's own /object_info, model files included (core-nodes.json cannot
 * know which weights this pod mounted). A missing file then fails the run at once with ComfyUI's
 * reason instead of one rejected prompt per task.
 */
async function checkOnServer(run: JobRun, client: ComfyUiClient, graph: ApiGraph): Promise<TaskError | null> {
  const { opts, manifest } = run;
  let live: ObjectInfo;
  try {
    live = await client.objectInfo(Object.values(graph).map((n) => n.class_type));
  } catch (err) {
    // The server still validates each prompt itself; this check only makes it earlier.
    opts.emit({ event: 'object_info_unavailable', error: (err as Error).message });
    return null;
  }
  const rejected = checkGraph(graph, live, { modelFiles: true }).filter((i) => i.severity === 'error');
  if (rejected.length === 0) return null;
  return {
    type: 'GraphRejected',
    message: `ComfyUI at ${opts.comfyuiUrl} cannot run graph "${manifest.graph}": ${rejected.map((i) => i.text).join('; ')}`,
    retryable: false,
  };
}

/** The hash of every model file the graph loads, held to the pins in manifest.json. */
async function lockEnvironment(run: JobRun, info: SystemInfo, catalog: GraphCatalog, graph: ApiGraph): Promise<TaskError | null> {
  const { opts, manifest } = run;
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
    opts.emit({ event: 'environment', environment: manifest.environment, hashed: opts.modelLock.hashes.hashed });
    if (opts.modelLock.hashes.saveError) opts.emit({ event: 'model_hash_cache_unwritable', error: opts.modelLock.hashes.saveError });
    return null;
  } catch (err) {
    return errorInfo(err);
  }
}
