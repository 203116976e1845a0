// Reads a render Job and its pods the way an operator would: is it still working, what is it doing,
// and if it ended badly, which failure class is it. Pure: the watcher feeds it snapshots.
import type { V1ContainerStatus, V1Job, V1Pod } from '@kubernetes/client-node';
import { EXIT } from '../../runner/contract';
import { RUNNER_CONTAINER } from './naming';

export type FailureClass =
  /** Image cannot be pulled, bad container config, exit 20, OOMKilled again: trying again will not help. */
  | 'not-retryable'
  /** Exit 10 past the Job's own retries, Job deleted under us: a new launch may succeed. */
  | 'retryable'
  /** activeDeadlineSeconds passed. */
  | 'timeout'
  /** No node can take the pod for longer than the setting allows. */
  | 'unavailable';

export type JobVerdict =
  | { state: 'running'; phase: string; pod?: string }
  | { state: 'succeeded'; pod?: string }
  | { state: 'failed'; class: FailureClass; message: string; pod?: string };

/** Container waiting reasons that no amount of waiting fixes. */
const FATAL_WAITING = new Set([
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
  'ErrImageNeverPull',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
]);

export const runnerStatus = (pod: V1Pod): V1ContainerStatus | undefined =>
  pod.status?.containerStatuses?.find((c) => c.name === RUNNER_CONTAINER) ?? pod.status?.containerStatuses?.[0];

const condition = (job: V1Job, type: string) => job.status?.conditions?.find((c) => c.type === type && c.status === 'True');

const time = (t: Date | string | undefined): number | undefined => (t === undefined ? undefined : new Date(t).getTime());

/** The pod that tells the most: the newest one (a replacement after a failure or disruption). */
export function newestPod(pods: readonly V1Pod[]): V1Pod | undefined {
  return [...pods].sort((a, b) => (time(b.metadata?.creationTimestamp) ?? 0) - (time(a.metadata?.creationTimestamp) ?? 0))[0];
}

function oomKills(pods: readonly V1Pod[]): number {
  return pods.filter((p) => runnerStatus(p)?.state?.terminated?.reason === 'OOMKilled' || runnerStatus(p)?.lastState?.terminated?.reason === 'OOMKilled')
    .length;
}

function exitSummary(pod: V1Pod | undefined): string {
  const t = pod && runnerStatus(pod)?.state?.terminated;
  if (!t) return '';
  return ` (pod ${pod.metadata?.name}: exit ${t.exitCode}${t.reason ? `, ${t.reason}` : ''}${t.message ? `: ${t.message.trim().split('\n').slice(-1)[0]}` : ''})`;
}

export interface VerdictOptions {
  now: number;
  unschedulableTimeoutSeconds: number;
  memoryLimit: string;
  backoffLimit: number;
}

export function judgeJob(job: V1Job, pods: readonly V1Pod[], opts: VerdictOptions): JobVerdict {
  const newest = newestPod(pods);
  const podName = newest?.metadata?.name;
  if (condition(job, 'Complete') || condition(job, 'SuccessCriteriaMet')) return { state: 'succeeded', pod: podName };
  // One completion is all a render Job needs: its pod exiting 0 decides it. The Job controller
  // says so too, but only after its pod-update batching (~0.5 s measured here), which the request
  // would otherwise wait for.
  if (newest?.status?.phase === 'Succeeded' && (job.spec?.completions ?? 1) === 1 && !condition(job, 'Failed') && !condition(job, 'FailureTarget'))
    return { state: 'succeeded', pod: podName };
  const failed = condition(job, 'Failed') ?? condition(job, 'FailureTarget');
  if (failed) {
    const failedPods = pods.filter((p) => p.status?.phase === 'Failed');
    const lastFailed = newestPod(failedPods) ?? newest;
    const detail = exitSummary(lastFailed);
    switch (failed.reason) {
      case 'DeadlineExceeded':
        return {
          state: 'failed',
          class: 'timeout',
          message: `render Job ran past its deadline of ${job.spec?.activeDeadlineSeconds} s (CUBCANVAS_K8S_DEADLINE_SECONDS)${detail}`,
          pod: lastFailed?.metadata?.name,
        };
      case 'PodFailurePolicy':
        return {
          state: 'failed',
          class: 'not-retryable',
          message: `the runner exited with ${EXIT.nonRetryable} (running again will not help)${detail}`,
          pod: lastFailed?.metadata?.name,
        };
      default: {
        const ooms = oomKills(failedPods);
        if (ooms > 0) {
          return {
            state: 'failed',
            class: 'not-retryable',
            message: `the runner was OOMKilled ${ooms === 1 ? 'once' : `${ooms} times`} (memory limit ${opts.memoryLimit}, CUBCANVAS_K8S_MEMORY; the Job retries a pod ${opts.backoffLimit} time(s), CUBCANVAS_K8S_BACKOFF_LIMIT)${detail}`,
            pod: lastFailed?.metadata?.name,
          };
        }
        return {
          state: 'failed',
          class: 'retryable',
          message: `render Job failed: ${failed.reason ?? 'unknown reason'}${failed.message ? ` (${failed.message})` : ''}${detail}`,
          pod: lastFailed?.metadata?.name,
        };
      }
    }
  }
  if (!newest) return { state: 'running', phase: 'creating pod' };
  const status = runnerStatus(newest);
  const waiting = status?.state?.waiting;
  if (waiting?.reason && FATAL_WAITING.has(waiting.reason)) {
    return {
      state: 'failed',
      class: 'not-retryable',
      message: `pod ${podName} cannot start: ${waiting.reason}${waiting.message ? `: ${waiting.message}` : ''}`,
      pod: podName,
    };
  }
  const phase = newest.status?.phase;
  if (phase === 'Pending') {
    const scheduled = newest.status?.conditions?.find((c) => c.type === 'PodScheduled');
    if (scheduled?.status === 'False') {
      const since = time(scheduled.lastTransitionTime) ?? time(newest.metadata?.creationTimestamp) ?? opts.now;
      const waited = (opts.now - since) / 1000;
      if (scheduled.reason === 'Unschedulable' && waited > opts.unschedulableTimeoutSeconds) {
        return {
          state: 'failed',
          class: 'unavailable',
          message: `no node could take render pod ${podName} for ${Math.round(waited)} s (CUBCANVAS_K8S_UNSCHEDULABLE_SECONDS=${opts.unschedulableTimeoutSeconds}): ${scheduled.message ?? 'unschedulable'}`,
          pod: podName,
        };
      }
      return { state: 'running', phase: 'waiting for a GPU node', pod: podName };
    }
    if (!newest.spec?.nodeName) return { state: 'running', phase: 'scheduling', pod: podName };
    return { state: 'running', phase: 'pulling image', pod: podName };
  }
  if (phase === 'Running') return { state: 'running', phase: 'starting runner', pod: podName };
  // A pod that ended while the Job has not decided yet: it will make a replacement or fail.
  return { state: 'running', phase: phase === 'Succeeded' ? 'finishing' : 'restarting', pod: podName };
}

/** Seconds of container running time (what a GPU node is paid for) and of pending time, summed over pods. */
export function podUsage(pods: readonly V1Pod[], now: number): { runningSeconds: number; pendingSeconds: number } {
  let running = 0;
  let pending = 0;
  for (const pod of pods) {
    const s = runnerStatus(pod);
    const created = time(pod.metadata?.creationTimestamp);
    const startedAt = time(s?.state?.running?.startedAt ?? s?.state?.terminated?.startedAt);
    const finishedAt = time(s?.state?.terminated?.finishedAt);
    if (startedAt !== undefined) running += Math.max(0, (finishedAt ?? now) - startedAt);
    if (created !== undefined) pending += Math.max(0, (startedAt ?? finishedAt ?? now) - created);
  }
  return { runningSeconds: Math.round(running / 10) / 100, pendingSeconds: Math.round(pending / 10) / 100 };
}
