// The `kubernetes` render backend: each render is a Job that runs the runner (runner/) on a GPU
// node with 1..N tasks and one model load, renting the GPU only while it works. Launch is
// idempotent (a deterministic name; 409 adopts), waiting is a watch on the Job and its pods, the
// runner's JSON log lines become progress, and the cost is the pod's container running time.
import type { PictureSafetyLimits } from '../../domain/picture-safety';
import { pictureSafetyLimits } from '../../domain/picture-safety-limits';
import { qualityLimits, type QualityLimits } from '../../domain/quality';
import { rideOutStorageOutage, type RideOutOptions } from '../../storage/ride-out';
import { BatchV1Api, CoreV1Api, type KubeConfig, type V1Job, type V1Pod } from '@kubernetes/client-node';
import type { KubernetesSettings } from '../../config/kubernetes-settings';
import {
  ConfigError,
  CubcanvasError,
  RenderFailedError,
  RenderStoppedError,
  RenderTimedOutError,
  RenderUnavailableError,
  type GpuUsage,
} from '../../domain/errors';
import type { RunManifest, RunnerJob, RunnerTaskSpec } from '../../runner/contract';
import type { BlobStore } from '../../storage/blob-store';
import type { GroupRenderBackend, RenderContext, RenderGroup, RenderGroupOutput, RenderOutput, RenderTask } from '../backend';
import { configuredGraph, loadCatalog, type GraphCatalog, type GraphEntry } from '../comfyui/graph';
import { buildRenderJob, type StorageEnv } from './job-builder';
import { judgeJob, podUsage, type JobVerdict } from './job-status';
import { listWatch, type ListWatchHandle } from './list-watch';
import { ANNOTATION, renderJobName } from './naming';
import { followRunnerLog, logTail, phaseOf } from './pod-log';
import { z } from 'zod';
import { parseJsonPayload, tryParsePayload } from '../../domain/payload-schemas';
import { runManifestSchema } from '../../runner/manifest-schema';

export interface KubernetesBackendOptions {
  settings: KubernetesSettings;
  kubeConfig: KubeConfig;
  storageEnv: StorageEnv;
  taskQueue: string;
  /** The GPU pool's type, for the price table. */
  gpuType: string;
  /** Graph name from comfy-workflows/manifest.json; default: the manifest's default. */
  graph?: string;
  catalog?: GraphCatalog;
  /** How often the wait re-judges without news (the unschedulable timeout); default 1 s. */
  tickMs?: number;
  /** How a store outage after a finished Job is waited out (tests shorten it). */
  storageOutage?: Pick<RideOutOptions, 'deadlineMs' | 'initialDelayMs' | 'maxDelayMs'>;
}

export interface BatchTask {
  taskId: string;
  outputKey: string;
  spec: RunnerTaskSpec;
}

export interface RenderBatch {
  renderId: string;
  attempt: number;
  requestId?: string;
  tasks: BatchTask[];
}

export interface BatchTaskResult {
  taskId: string;
  outputKey: string;
  modelLoad: boolean;
  timings: { loadMs: number; inferenceMs: number } | undefined;
}

export interface BatchRun {
  job: string;
  usage: GpuUsage & { pendingSeconds: number };
  manifest: RunManifest;
  tasks: BatchTaskResult[];
}

/** What a try leaves in its heartbeat so that the next one waits on the same Job. */
export interface JobCheckpoint {
  job: string;
  namespace: string;
}

const isCheckpoint = (v: unknown): v is JobCheckpoint =>
  typeof (v as JobCheckpoint | undefined)?.job === 'string' && typeof (v as JobCheckpoint).namespace === 'string';
const status = (err: unknown): number | undefined => (err as { code?: number }).code;

export const runKey = (job: string, file: 'job.json' | 'manifest.json') => `staging/runs/${job}/${file}`;

export class KubernetesBackend implements GroupRenderBackend {
  readonly name = 'kubernetes';
  readonly workflowVersion: string;
  readonly qualityLimits: QualityLimits;
  readonly safetyLimits: PictureSafetyLimits;
  private readonly entry: GraphEntry;
  private readonly batch: BatchV1Api;
  private readonly core: CoreV1Api;

  constructor(
    private readonly store: BlobStore,
    private readonly opts: KubernetesBackendOptions,
  ) {
    // Checked here, once: a graph the runner would reject must not cost a GPU Job per render.
    this.entry = configuredGraph(opts.catalog ?? loadCatalog(), opts.graph).entry;
    this.workflowVersion = this.entry.version;
    this.qualityLimits = qualityLimits(this.entry.quality, `comfy-workflows/manifest.json graph ${this.entry.name}`);
    this.safetyLimits = pictureSafetyLimits(this.entry.safety, `comfy-workflows/manifest.json graph ${this.entry.name}`);
    this.batch = opts.kubeConfig.makeApiClient(BatchV1Api);
    this.core = opts.kubeConfig.makeApiClient(CoreV1Api);
  }

  async render(task: RenderTask, ctx: RenderContext): Promise<RenderOutput> {
    const run = await this.runBatch(
      {
        renderId: task.renderId ?? task.cacheKey,
        attempt: task.attempt,
        requestId: task.requestId,
        tasks: [{ taskId: 'image', outputKey: task.outputKey, spec: task }],
      },
      ctx,
    );
    const only = run.tasks[0];
    return {
      outputKey: task.outputKey,
      gpuSeconds: run.usage.gpuSeconds,
      gpuType: run.usage.gpuType,
      model: this.entry.model,
      workflowVersion: this.workflowVersion,
      preview: false,
      timings: { pendingSeconds: run.usage.pendingSeconds, modelLoadMs: only?.timings?.loadMs, inferenceMs: only?.timings?.inferenceMs, job: run.job },
      // What the runner loaded, as it hashed it: into the picture's provenance.
      ...(run.manifest.environment ? { environment: run.manifest.environment } : {}),
    };
  }

  async renderGroup(group: RenderGroup, ctx: RenderContext): Promise<RenderGroupOutput> {
    const run = await this.runBatch(
      { renderId: group.groupId, attempt: group.attempt, tasks: group.tasks.map((t) => ({ taskId: t.taskId, outputKey: t.outputKey, spec: t.spec })) },
      ctx,
    );
    return {
      gpuSeconds: run.usage.gpuSeconds,
      gpuType: run.usage.gpuType,
      model: this.entry.model,
      workflowVersion: this.workflowVersion,
      preview: false,
      pendingSeconds: run.usage.pendingSeconds,
      job: run.job,
      ...(run.manifest.environment ? { environment: run.manifest.environment } : {}),
      tasks: run.tasks.map((t) => ({
        taskId: t.taskId,
        outputKey: t.outputKey,
        modelLoad: t.modelLoad,
        loadMs: t.timings?.loadMs,
        inferenceMs: t.timings?.inferenceMs,
      })),
    };
  }

  /** One Job for all the tasks: the model loads once, every output lands at its key. */
  async runBatch(batch: RenderBatch, ctx: RenderContext): Promise<BatchRun> {
    if (batch.tasks.length === 0) throw new RenderFailedError('a render Job needs at least one task');
    const ns = this.opts.settings.namespace;
    const resume = isCheckpoint(ctx.resumeFrom) && ctx.resumeFrom.namespace === ns ? ctx.resumeFrom : undefined;
    const name = resume?.job ?? renderJobName(batch.renderId, batch.attempt, ctx.failedLaunches ?? 0);
    ctx.onProgress({ value: 0, max: 1, phase: resume ? 'adopting Job' : 'creating Job' });
    const job = resume ? await this.adopt(name) : await this.launch(name, ctx.failedLaunches ?? 0, batch);
    if (!job) {
      // The Job is gone (TTL, sweeper) since the last try: its manifest says whether it finished.
      const manifest = await this.readManifest(name);
      if (manifest?.status === 'completed') return this.finished(name, batch, manifest, []);
      throw new RenderUnavailableError(`render Job ${name} disappeared before it finished; launching another`);
    }
    ctx.checkpoint?.({ job: name, namespace: ns } satisfies JobCheckpoint);
    return this.waitFor(name, job, batch, ctx);
  }

  private async launch(name: string, launch: number, batch: RenderBatch): Promise<V1Job> {
    const jobKey = runKey(name, 'job.json');
    const runnerJob: RunnerJob = { runId: name, graph: this.entry.name, manifestKey: runKey(name, 'manifest.json'), tasks: batch.tasks };
    // Same name, same content: writing it again for an adopted Job changes nothing.
    await this.store.put(jobKey, Buffer.from(JSON.stringify(runnerJob)), { contentType: 'application/json' });
    const body = buildRenderJob(
      this.opts.settings,
      {
        name,
        renderId: batch.renderId,
        attempt: batch.attempt,
        launch,
        requestId: batch.requestId,
        taskQueue: this.opts.taskQueue,
        jobKey,
        manifestKey: runnerJob.manifestKey,
      },
      this.opts.storageEnv,
    );
    try {
      return await this.batch.createNamespacedJob({ namespace: this.opts.settings.namespace, body });
    } catch (err) {
      if (status(err) !== 409) throw this.apiError(err, `create Job ${name}`);
      const existing = await this.adopt(name);
      if (!existing) throw new RenderUnavailableError(`render Job ${name} existed and is being deleted; try again`);
      if (existing.metadata?.annotations?.[ANNOTATION.renderId] !== batch.renderId) {
        throw new RenderFailedError(
          `a Job named ${name} exists in namespace ${this.opts.settings.namespace} for another render (${existing.metadata?.annotations?.[ANNOTATION.renderId] ?? 'unknown'})`,
        );
      }
      return existing;
    }
  }

  /** The Job of that name, or undefined when it is gone or going. */
  private async adopt(name: string): Promise<V1Job | undefined> {
    try {
      const job = await this.batch.readNamespacedJob({ name, namespace: this.opts.settings.namespace });
      return job.metadata?.deletionTimestamp ? undefined : job;
    } catch (err) {
      if (status(err) === 404) return undefined;
      throw this.apiError(err, `read Job ${name}`);
    }
  }

  private async waitFor(name: string, initial: V1Job, batch: RenderBatch, ctx: RenderContext): Promise<BatchRun> {
    const { settings, kubeConfig } = this.opts;
    const ns = settings.namespace;
    const uid = initial.metadata?.uid ?? '';
    let job: V1Job | undefined = initial;
    let jobGone = false;
    const pods = new Map<string, V1Pod>();
    const followed = new Map<string, () => void>();
    let runnerPhase: { phase: string; value: number; max: number } | undefined;
    let lastShown = '';

    return new Promise<BatchRun>((resolve, reject) => {
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const watches: ListWatchHandle[] = [];
      const cleanup = () => {
        clearInterval(timer);
        for (const w of watches) w.stop();
        for (const stop of followed.values()) stop();
        ctx.signal.removeEventListener('abort', onAbort);
      };
      const finish = (work: () => Promise<BatchRun>) => {
        if (settled) return;
        settled = true;
        cleanup();
        work().then(resolve, reject);
      };
      const usage = () => ({
        gpuType: this.opts.gpuType,
        ...(({ runningSeconds, pendingSeconds }) => ({ gpuSeconds: runningSeconds, pendingSeconds }))(podUsage([...pods.values()], Date.now())),
      });

      const judge = () => {
        if (settled) return;
        if (jobGone || !job) {
          finish(async () => {
            const manifest = await this.readManifest(name);
            if (manifest?.status === 'completed') return this.finished(name, batch, manifest, [...pods.values()]);
            throw withUsage(new RenderUnavailableError(`render Job ${name} was deleted before it finished`), usage());
          });
          return;
        }
        const verdict: JobVerdict = judgeJob(job, [...pods.values()], {
          now: Date.now(),
          unschedulableTimeoutSeconds: settings.unschedulableTimeoutSeconds,
          memoryLimit: settings.memoryLimit,
          backoffLimit: settings.backoffLimit,
        });
        if (verdict.state === 'succeeded') {
          finish(async () => {
            const manifest = await this.readManifest(name);
            if (!manifest)
              throw withUsage(new RenderUnavailableError(`render Job ${name} completed but left no manifest at ${runKey(name, 'manifest.json')}`), usage());
            const run = await this.finished(name, batch, manifest, [...pods.values()]);
            // Its work is in the store and its cost in hand: nothing of it is left behind. Best
            // effort: the TTL and the sweeper remove it should the API not answer right now.
            await this.deleteJob(name).catch(() => undefined);
            return run;
          });
          return;
        }
        if (verdict.state === 'failed') {
          finish(async () => {
            const tail = verdict.pod ? await logTail(kubeConfig, ns, verdict.pod) : '(no pod)';
            await this.deleteJob(name);
            const message = `${verdict.message}\n--- last lines of the runner's log ---\n${tail}`;
            const details = { job: name, namespace: ns, pod: verdict.pod };
            const err =
              verdict.class === 'timeout'
                ? new RenderTimedOutError(message, details)
                : verdict.class === 'not-retryable'
                  ? new RenderFailedError(message, details)
                  : new RenderUnavailableError(message, details);
            throw withUsage(err, usage());
          });
          return;
        }
        // Follow the runner's log of each pod once it runs: its JSON lines are the fine progress.
        for (const pod of pods.values()) {
          const podName = pod.metadata?.name;
          if (podName && pod.status?.phase === 'Running' && !followed.has(podName)) {
            followed.set(
              podName,
              followRunnerLog(kubeConfig, ns, podName, (e) => {
                const p = phaseOf(e, batch.tasks.length);
                if (p) {
                  runnerPhase = p;
                  judge();
                }
              }),
            );
          }
        }
        const shown = verdict.phase === 'starting runner' && runnerPhase ? runnerPhase : { phase: verdict.phase, value: 0, max: 1 };
        const text = `${shown.phase} ${shown.value}/${shown.max}`;
        if (text !== lastShown) {
          lastShown = text;
          ctx.onProgress(shown);
        }
      };

      const onAbort = () => {
        if (settled) return;
        if (ctx.leaveRunning?.()) {
          // This worker is going away: the Job keeps its GPU and the next try adopts it from the checkpoint.
          finish(async () => {
            throw new RenderUnavailableError(`worker stopped while waiting; render Job ${name} left running for the next try`);
          });
          return;
        }
        finish(async () => {
          await this.deleteJob(name);
          const u = usage();
          throw new RenderStoppedError(`render Job ${name} deleted on cancellation after ${u.gpuSeconds} GPU-s`, {
            gpuSeconds: u.gpuSeconds,
            gpuType: u.gpuType,
          });
        });
      };
      ctx.signal.addEventListener('abort', onAbort);
      const onWatchError = (err: Error) => finish(async () => Promise.reject(this.apiError(err, `watch render Job ${name}`)));

      watches.push(
        listWatch<V1Job>({
          kubeConfig,
          path: `/apis/batch/v1/namespaces/${ns}/jobs`,
          query: { fieldSelector: `metadata.name=${name}` },
          list: async () => {
            const list = await this.batch.listNamespacedJob({ namespace: ns, fieldSelector: `metadata.name=${name}` });
            return { items: list.items, resourceVersion: list.metadata?.resourceVersion ?? '' };
          },
          onChange: (current) => {
            job = [...current.values()].find((j) => j.metadata?.uid === uid);
            jobGone = job === undefined || Boolean(job.metadata?.deletionTimestamp);
            judge();
          },
          onError: onWatchError,
        }),
        listWatch<V1Pod>({
          kubeConfig,
          path: `/api/v1/namespaces/${ns}/pods`,
          query: { labelSelector: `batch.kubernetes.io/controller-uid=${uid}` },
          list: async () => {
            const list = await this.core.listNamespacedPod({ namespace: ns, labelSelector: `batch.kubernetes.io/controller-uid=${uid}` });
            return { items: list.items, resourceVersion: list.metadata?.resourceVersion ?? '' };
          },
          onChange: (current, deleted) => {
            // Deleted pods stay in the sum: their running time was paid for.
            for (const [k, p] of deleted) pods.set(k, p);
            for (const [k, p] of current) pods.set(k, p);
            judge();
          },
          onError: onWatchError,
        }),
      );
      // Time passes without events too: the unschedulable timeout must fire on its own.
      timer = setInterval(judge, this.opts.tickMs ?? 1000);
      if (ctx.signal.aborted) onAbort();
    });
  }

  private async finished(name: string, batch: RenderBatch, manifest: RunManifest, pods: V1Pod[]): Promise<BatchRun> {
    const byId = new Map(manifest.tasks.map((t) => [t.taskId, t]));
    const missing = batch.tasks.filter((t) => !['done', 'skipped'].includes(byId.get(t.taskId)?.status ?? ''));
    let { runningSeconds, pendingSeconds } = podUsage(pods, Date.now());
    if (pods.length === 0 && manifest.startedAt && manifest.finishedAt) {
      // Adopted after the Job was removed: the runner's own clock is the best record left.
      runningSeconds = Math.round((Date.parse(manifest.finishedAt) - Date.parse(manifest.startedAt)) / 10) / 100;
      pendingSeconds = 0;
    }
    const usage = { gpuType: this.opts.gpuType, gpuSeconds: runningSeconds, pendingSeconds };
    if (missing.length)
      throw withUsage(new RenderUnavailableError(`render Job ${name} completed without tasks ${missing.map((t) => t.taskId).join(', ')}`), usage);
    return {
      job: name,
      usage,
      manifest,
      tasks: batch.tasks.map((t) => {
        const report = byId.get(t.taskId)!;
        return {
          taskId: t.taskId,
          outputKey: t.outputKey,
          modelLoad: report.modelLoad ?? false,
          timings: report.timings ? { loadMs: report.timings.loadMs, inferenceMs: report.timings.inferenceMs } : undefined,
        };
      }),
    };
  }

  /** The runner's manifest; a store outage is waited out: the Job's work is done and paid for. */
  private async readManifest(name: string): Promise<RunManifest | undefined> {
    const key = runKey(name, 'manifest.json');
    return rideOutStorageOutage(async () => {
      if (!(await this.store.head(key))) return undefined;
      // A runner of another version may write another shape: not retried, the same Job's manifest stays the same.
      return parseJsonPayload(
        runManifestSchema,
        await this.store.get(key),
        `runner manifest ${key}`,
        (what, problem) => new RenderFailedError(`${what}: ${problem}`),
      );
    }, this.opts.storageOutage);
  }

  /** Deletes a Job and, through background propagation, its pods. Gone already is fine. */
  async deleteJob(name: string): Promise<void> {
    try {
      await this.batch.deleteNamespacedJob({ name, namespace: this.opts.settings.namespace, propagationPolicy: 'Background' });
    } catch (err) {
      if (status(err) !== 404) throw this.apiError(err, `delete Job ${name}`);
    }
  }

  /** API errors as the error contract: forbidden and invalid are configuration, the rest may pass. */
  private apiError(err: unknown, what: string): CubcanvasError {
    if (err instanceof CubcanvasError) return err;
    const code = status(err);
    const body = (err as { body?: unknown }).body;
    const reason = typeof body === 'string' ? (safeMessage(body) ?? (err as Error).message) : (err as Error).message;
    const where = `namespace ${this.opts.settings.namespace}`;
    if (code === 401 || code === 403)
      return new ConfigError(
        'CUBCANVAS_K8S_NAMESPACE',
        `${what} in ${where} was refused (${code}): ${reason}. The worker's ServiceAccount needs the Role in k8s/base/worker-role.yaml; \`cubcanvas doctor\` lists what is missing`,
      );
    if (code === 422 || code === 400) return new RenderFailedError(`${what}: the API server rejected it (${code}): ${reason}`);
    if (code === 404) return new ConfigError('CUBCANVAS_K8S_NAMESPACE', `${what}: ${where} not found (${reason})`);
    return new RenderUnavailableError(`${what}: ${code ? `${code} ` : ''}${reason}`);
  }
}

function withUsage<E extends CubcanvasError>(err: E, usage: GpuUsage): E {
  if (usage.gpuSeconds > 0) err.usage = { gpuSeconds: usage.gpuSeconds, gpuType: usage.gpuType };
  return err;
}

/** A Kubernetes Status object's message, the one field of an API error body quoted. */
const statusMessageSchema = z.object({ message: z.string() });

function safeMessage(body: string): string | undefined {
  try {
    return tryParsePayload(statusMessageSchema, JSON.parse(body))?.message;
  } catch {
    return undefined;
  }
}
