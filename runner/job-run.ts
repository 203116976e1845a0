// What every part of one runner job shares: its options, its manifest (filled in as the job goes),
// storage calls that ride out an outage, and how an error is written into a task's report.
import { rideOutStorageOutage } from '../storage/ride-out';
import { CubcanvasError, StorageMisconfiguredError } from '../domain/errors';
import type { RunJobOptions } from './run-job';
import { EXIT, type RunManifest, type TaskReport } from './contract';

export type TaskError = NonNullable<TaskReport['error']>;

export const errorInfo = (err: unknown): TaskError => ({
  type: err instanceof CubcanvasError ? err.type : (err as Error).name,
  message: (err as Error).message,
  retryable: err instanceof CubcanvasError ? err.retryable : true,
});

export interface JobRun {
  opts: RunJobOptions;
  manifest: RunManifest;
  /**
   * A storage call that rides out an outage: what the GPU already made waits for the store instead
   * of being rendered again by a retried task or Job. A SIGTERM (the job's signal, unless another is
   * given) ends the wait: the pod has ~30 s left.
   */
  durable<T>(what: string, op: () => Promise<T>, opSignal?: AbortSignal): Promise<T>;
}

export function startJobRun(opts: RunJobOptions, graphName: string, graphVersion: string, started: number): JobRun {
  const { job, signal, emit } = opts;
  const manifest: RunManifest = {
    runId: job.runId,
    status: 'failed',
    exitCode: EXIT.nonRetryable,
    graph: graphName,
    graphVersion,
    gpu: null,
    comfyuiVersion: null,
    startedAt: new Date(started).toISOString(),
    finishedAt: '',
    readyMs: null,
    tasks: job.tasks.map((t) => ({ taskId: t.taskId, status: 'pending', outputKey: t.outputKey, attempts: 0 })),
  };
  const durable = <T>(what: string, op: () => Promise<T>, opSignal: AbortSignal | undefined = signal) =>
    rideOutStorageOutage(op, {
      deadlineMs: opts.storageOutageMs ?? 10 * 60_000,
      ...(opSignal ? { signal: opSignal } : {}),
      onRetry: (attempt, err, delayMs) => emit({ event: 'storage_retry', what, attempt, error: err.message, retryInMs: delayMs }),
    });
  return { opts, manifest, durable };
}

/** Every task failed with the same error. */
export function failAll(run: JobRun, error: TaskError): void {
  run.manifest.tasks.forEach((t) => (t.error = error));
}

/** Ends the job: the manifest written to the store (what the worker reads) and logged. */
export async function finishJob(run: JobRun, status: RunManifest['status'], exitCode: number): Promise<RunManifest> {
  const { manifest, opts } = run;
  const { job, store, signal, emit } = opts;
  manifest.status = status;
  manifest.exitCode = exitCode;
  manifest.finishedAt = new Date().toISOString();
  try {
    // Not cancelled by SIGTERM (the manifest is what the worker reads), but bounded by then.
    await run.durable(
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
}

/** How the tasks went, as the job's status and exit code. */
export function finishByTasks(run: JobRun): Promise<RunManifest> {
  if (run.opts.signal.aborted) return finishJob(run, 'interrupted', EXIT.retryable);
  const failed = run.manifest.tasks.filter((t) => t.status === 'failed');
  if (failed.length === 0) return finishJob(run, 'completed', EXIT.ok);
  return finishJob(run, 'failed', failed.some((t) => t.error?.retryable) ? EXIT.retryable : EXIT.nonRetryable);
}
