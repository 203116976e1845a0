// The batch's side of the shared-render protocol: requests of the batch send their cache misses
// here (renderRequestSignal) instead of starting a render workflow each; the pool groups them N at
// a time into renderGroup child workflows (one GPU run, one model load each), at most M at once,
// validates every picture, regenerates the bad ones together in a follow-up group, stores cache
// entries, and tells each waiting request how its picture ended (renderDone), exactly as the
// per-key render workflow does. Deterministic workflow code.
import {
  ApplicationFailure,
  CancellationScope,
  ChildWorkflowFailure,
  condition,
  executeChild,
  isCancellation,
  proxyLocalActivities,
  setHandler,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { ErrorType } from '../domain/errors';
import { failedRunsDetailsSchema, tryParsePayload } from '../domain/payload-schemas';
import { MAX_REGENERATIONS, type FailedRun, type RenderAttempt, type RenderSpec, type SharedRenderResult } from '../domain/pipeline';
import { groupWorkflowId } from '../domain/render-group';
import { regenerationSeed } from '../domain/seeds';
import { validationFailure } from '../domain/validation-failure';
import { detachSignal, renderRequestSignal, type Waiter } from './definitions';
import type { renderGroup, RenderGroupResult } from './render-group';
import { STORAGE_RETRY } from './retry-policies';

const { validateImage, storeCacheEntry, notifyWaiters } = proxyLocalActivities<Activities>({ startToCloseTimeout: '1 minute', retry: STORAGE_RETRY });

interface PendingRender {
  spec: RenderSpec;
  waiters: Waiter[];
  /** Regeneration round: 0 for the first render. */
  attempt: number;
  seed: number;
  attempts: RenderAttempt[];
  /** Its group failed as a whole: it is rendered alone, so one bad picture cannot fail the others. */
  alone?: boolean;
}

export interface RenderPoolOptions {
  /** Names the groups: `<prefix>-g<n>`. */
  groupPrefix: string;
  groupSize: number;
  maxConcurrentJobs: number;
}

export class BatchRenderPool {
  private readonly queue: PendingRender[] = [];
  /** Requests that sent a render request, by request id. */
  readonly attached = new Set<string>();
  private running = 0;
  private groups = 0;
  /** The first group that failed past its own handling (storage gone for good): fails the drive. */
  private broken: { error: unknown } | undefined;

  constructor(private readonly opts: RenderPoolOptions) {
    setHandler(renderRequestSignal, ({ spec, waiter }) => {
      this.attached.add(waiter.requestId);
      // Two items of the batch with the same picture: one render, both told.
      const same = this.queue.find((p) => p.spec.cacheKey === spec.cacheKey && p.attempt === 0);
      if (same) same.waiters.push(waiter);
      else this.queue.push({ spec, waiters: [waiter], attempt: 0, seed: spec.seed, attempts: [] });
    });
    setHandler(detachSignal, (requestId) => {
      // A cancelled request leaves: a picture nobody waits for any more is not rendered.
      for (const p of this.queue) p.waiters = p.waiters.filter((w) => w.requestId !== requestId);
      for (let i = this.queue.length - 1; i >= 0; i--) if (this.queue[i]!.waiters.length === 0) this.queue.splice(i, 1);
    });
  }

  get runningJobs(): number {
    return this.running;
  }

  get waitingRenders(): number {
    return this.queue.length;
  }

  /**
   * Renders what arrives until `finished()` says no more will and all is rendered. `settled()`
   * says every request still running has sent what it needs: a group smaller than N may then go.
   */
  async drive(settled: () => boolean, finished: () => boolean): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    const canStart = () => this.running < this.opts.maxConcurrentJobs && this.queue.length > 0 && (this.queue.length >= this.opts.groupSize || settled());
    for (;;) {
      await condition(() => this.broken !== undefined || canStart() || (finished() && this.running === 0 && this.queue.length === 0));
      if (this.broken) throw this.broken.error;
      if (!canStart()) return;
      while (canStart()) {
        const group = this.queue[0]!.alone ? this.queue.splice(0, 1) : this.takeGroup();
        this.running++;
        // Never left unhandled: a rejected promise nobody awaits fails every workflow task of the
        // batch, which then hangs instead of ending (the drive may already have been cancelled).
        const run = this.renderGroup(group)
          .catch((error: unknown) => {
            this.broken ??= { error };
          })
          .finally(() => {
            this.running--;
            inFlight.delete(run);
          });
        inFlight.add(run);
      }
    }
  }

  /** Up to N from the front, leaving the ones that must render alone for later. */
  private takeGroup(): PendingRender[] {
    const group: PendingRender[] = [];
    for (let i = 0; i < this.queue.length && group.length < this.opts.groupSize;) {
      if (this.queue[i]!.alone) i++;
      else group.push(...this.queue.splice(i, 1));
    }
    return group;
  }

  private async renderGroup(group: PendingRender[]): Promise<void> {
    const groupId = `${this.opts.groupPrefix}-g${this.groups++}`;
    let result: RenderGroupResult;
    try {
      result = await executeChild<typeof renderGroup>('renderGroup', {
        workflowId: groupWorkflowId(groupId),
        args: [{ groupId, tasks: group.map((p, i) => ({ taskId: `t${i}`, spec: { ...p.spec, seed: p.seed } })) }],
        staticSummary: `${group.length} pictures in one GPU run`,
      });
    } catch (err) {
      // The batch itself is being cancelled, and its requests with it: there is nobody to tell.
      if (isCancellation(err) && CancellationScope.current().consideredCancelled) return;
      const failure = err instanceof ChildWorkflowFailure && err.cause instanceof ApplicationFailure ? err.cause : undefined;
      const type = failure?.type ?? (isCancellation(err) ? ErrorType.RenderCancelled : ErrorType.RenderUnavailable);
      const failedRuns = tryParsePayload(failedRunsDetailsSchema, failure?.details?.[0])?.failedRuns ?? [];
      if (group.length > 1 && !isCancellation(err)) {
        // One bad picture (a prompt the graph rejects, a node that fails) fails the whole GPU run:
        // each is tried again alone, so only the bad one fails. The failed run is charged to all.
        for (const p of group) {
          p.attempts.push(...shareOfFailedRuns(failedRuns, group.length, p));
          p.alone = true;
        }
        this.queue.unshift(...group);
        return;
      }
      await Promise.all(
        group.map((p) => {
          p.attempts.push(...shareOfFailedRuns(failedRuns, group.length, p));
          return this.tell(p, {
            status: 'failed',
            failure: { type, message: failure?.message ?? (err as Error).message, attempts: p.attempts, ownerRequestId: p.waiters[0]?.requestId ?? 'none' },
          });
        }),
      );
      return;
    }
    const extra = shareOfFailedRunsByTask(result.failedRuns, group);
    for (const [i, p] of group.entries()) {
      const task = result.tasks[i]!;
      p.attempts.push(...extra[i]!);
      const verdict = await validateImage({ key: task.outputKey, width: p.spec.width, height: p.spec.height, cacheKey: p.spec.cacheKey });
      const record: RenderAttempt = {
        attempt: p.attempt,
        seed: p.seed,
        backend: result.backend,
        gpuType: result.gpuType,
        gpuSeconds: task.gpuSeconds,
        preview: result.preview,
        ok: verdict.ok,
        reasons: verdict.reasons,
        metrics: verdict.metrics,
        ...(verdict.safety ? { safety: verdict.safety } : {}),
        renderMs: result.renderMs,
        timings: { pendingSeconds: result.pendingSeconds, modelLoadMs: task.loadMs, inferenceMs: task.inferenceMs, job: result.job },
      };
      p.attempts.push(record);
      if (verdict.ok) {
        const ownerRequestId = p.waiters[0]?.requestId ?? 'none';
        const entry = await storeCacheEntry({
          spec: p.spec,
          stagingKey: task.outputKey,
          attempt: record,
          model: result.model,
          workflowVersion: result.workflowVersion,
          ownerRequestId,
          ...(result.environment ? { environment: result.environment } : {}),
        });
        await this.tell(p, {
          status: 'done',
          outcome: {
            cacheKey: p.spec.cacheKey,
            imageKey: entry.imageKey,
            ownerRequestId,
            model: result.model,
            workflowVersion: result.workflowVersion,
            preview: result.preview,
            seed: p.seed,
            attempts: p.attempts,
            metrics: verdict.metrics!,
            ...(verdict.safety ? { safety: verdict.safety } : {}),
            // What the group's GPU run loaded (one model load for all of them): into each picture's credentials.
            ...(result.environment ? { environment: result.environment } : {}),
          },
        });
      } else if (p.attempt < MAX_REGENERATIONS) {
        // Regenerated with a new seed, together with the group's other failures in one follow-up run.
        p.attempt++;
        p.seed = regenerationSeed(p.spec.seed, p.attempt);
        this.queue.unshift(p);
      } else {
        // Unsafe (UnsafeImage, with the scores) or not good enough (ImageQualityFailed).
        await this.tell(p, { status: 'failed', failure: validationFailure(p.attempts, p.waiters[0]?.requestId ?? 'none') });
      }
    }
  }

  private async tell(p: PendingRender, result: SharedRenderResult): Promise<void> {
    if (p.waiters.length) await notifyWaiters({ waiters: p.waiters, result });
  }
}

/** Tries of a group that failed after using the GPU, charged in equal parts to its pictures. */
function shareOfFailedRuns(runs: readonly FailedRun[], n: number, p: PendingRender): RenderAttempt[] {
  return runs.map((r) => ({
    attempt: p.attempt,
    seed: p.seed,
    backend: r.backend,
    gpuType: r.gpuType,
    gpuSeconds: Math.round((r.gpuSeconds / n) * 100) / 100,
    renderMs: r.renderMs,
    preview: false,
    ok: false,
    reasons: [`failed: ${r.error}`],
  }));
}

function shareOfFailedRunsByTask(runs: readonly FailedRun[], group: PendingRender[]): RenderAttempt[][] {
  return group.map((p) => shareOfFailedRuns(runs, group.length, p));
}
