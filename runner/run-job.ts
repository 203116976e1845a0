// Renders a job's tasks one after another in one ComfyUI process, so the model loads once,
// uploading each output as it finishes and keeping a manifest of what happened.
import type { ModelLock } from '../render/comfyui/environment-lock';
import { ComfyUiClient, type SystemInfo } from '../render/comfyui/client';
import { checkGraph, loadCatalog, loadGraph, type ApiGraph, type GraphCatalog } from '../render/comfyui/graph';
import type { BlobStore } from '../storage/blob-store';
import { EXIT, type RunManifest, type RunnerJob } from './contract';
import { errorInfo, failAll, finishByTasks, finishJob, startJobRun, type JobRun, type TaskError } from './job-run';
import { preflight } from './preflight';
import { runTask } from './run-task';

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

export async function runJob(opts: RunJobOptions): Promise<RunManifest> {
  const { job, signal } = opts;
  const started = Date.now();
  const catalog = loadCatalog();
  const graphName = job.graph ?? catalog.defaultGraph;
  const entry = catalog.graphs[graphName];
  const run = startJobRun(opts, graphName, entry?.version ?? 'unknown', started);
  if (!entry) {
    failAll(run, { type: 'InvalidJob', message: `unknown graph "${graphName}"`, retryable: false });
    return finishJob(run, 'failed', EXIT.nonRetryable);
  }
  const graph = loadGraph(catalog, graphName);
  const problems = graphProblems(run, catalog, graph);
  if (problems.length) {
    failAll(run, { type: 'InvalidGraph', message: problems.join('; '), retryable: false });
    return finishJob(run, 'failed', EXIT.nonRetryable);
  }

  const client = new ComfyUiClient(opts.comfyuiUrl, { pollIntervalMs: opts.pollIntervalMs, historyPollMs: opts.historyPollMs });
  let info: SystemInfo;
  try {
    info = await waitForComfyUi(run, client, started);
  } catch (err) {
    if (signal.aborted) return finishJob(run, 'interrupted', EXIT.retryable);
    failAll(run, errorInfo(err));
    return finishJob(run, 'failed', EXIT.retryable);
  }

  // Asked once, before the first task that needs the server (none when every output exists).
  let verdict: Promise<TaskError | null> | undefined;
  const setting = { client, graph, entry, preflight: () => (verdict ??= preflight(run, client, info, catalog, graph)) };
  for (const [i, task] of job.tasks.entries()) {
    if (signal.aborted) break;
    await runTask(run, setting, task, run.manifest.tasks[i]!);
  }
  return finishByTasks(run);
}

/** The graph's errors against the core nodes; its warnings (inputs ComfyUI ignores) are logged, not failed. */
function graphProblems(run: JobRun, catalog: GraphCatalog, graph: ApiGraph): string[] {
  const issues = checkGraph(graph, catalog.coreNodes);
  for (const w of issues.filter((i) => i.severity === 'warning')) run.opts.emit({ event: 'graph_warning', graph: run.manifest.graph, warning: w.text });
  return issues.filter((i) => i.severity === 'error').map((i) => i.text);
}

/** Waits until ComfyUI answers, and writes what it said into the manifest. */
async function waitForComfyUi(run: JobRun, client: ComfyUiClient, started: number): Promise<SystemInfo> {
  const { opts, manifest } = run;
  opts.emit({ event: 'waiting_for_comfyui', url: opts.comfyuiUrl });
  const info = await client.waitUntilReady(opts.readyTimeoutMs, opts.signal);
  manifest.readyMs = Date.now() - started;
  manifest.gpu = { name: info.gpuName, vramTotalBytes: info.vramTotalBytes };
  manifest.comfyuiVersion = info.comfyuiVersion;
  opts.emit({ event: 'ready', gpu: info.gpuName, comfyuiVersion: info.comfyuiVersion, readyMs: manifest.readyMs });
  return info;
}
