// One pod as the node agent holds it (the kubelet's pod worker state in small), and its status
// writer (the kubelet's status manager): the newest state goes to pods/{name}/status as a strategic
// merge patch, one write at a time per pod, conditional on the pod's uid.
import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { PatchStrategy, setHeaderOptions, type CoreV1Api, type V1Container, type V1Pod } from '@kubernetes/client-node';
import { apiCode } from './node-agent-env';
import type { ContainerLog } from './node-agent-logs';
import { LOOPBACK, normalizeImage, podConditions, rfc3339, waiting, type ContainerState } from './node-agent-status';

/** One container process the agent started. */
export interface AgentRun {
  namespace: string;
  pod: string;
  node: string;
  command: string[];
  exitCode?: number;
  startedAt?: Date;
  finishedAt?: Date;
}

export type Phase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';
export type KillReason = 'oom' | 'delete' | 'shutdown' | 'deadline';

export interface Proc {
  child: ChildProcess;
  run: AgentRun;
  log: ContainerLog;
  startedAt: Date;
  killReason?: KillReason;
  exited: boolean;
  closed: Promise<void>;
}

const strategicMerge = setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch);

/** What the agent knows of one pod, and the status it reports for it. */
export class PodRecord {
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly container: V1Container;
  readonly startTime = new Date();
  readonly conditionTimes = new Map<string, { status: string; time: string }>();
  readonly timers = new Set<NodeJS.Timeout>();
  pod: V1Pod;
  phase: Phase = 'Pending';
  state: ContainerState = waiting('ContainerCreating');
  lastState: ContainerState | undefined;
  containerID: string | undefined;
  imageID = '';
  ready = false;
  started = false;
  restartCount = 0;
  sandboxReady = true;
  /** Pod-level status.reason / status.message. */
  reason: string | undefined;
  message: string | undefined;
  /** Refused at admission: status without containers or IPs, as the kubelet writes for a rejected pod. */
  rejected = false;
  disruption = false;
  deadlineExceeded = false;
  proc: Proc | undefined;
  log: ContainerLog | undefined;
  previousLog: ContainerLog | undefined;
  /** Resolving env: deletion and shutdown leave the ending to launch(). */
  launching = false;
  deleting = false;
  finalizing = false;
  gone = false;
  dirty = false;
  flushing = false;
  flushed: Promise<void> = Promise.resolve();
  readonly ended: Promise<void>;
  markEnded!: () => void;

  constructor(
    pod: V1Pod,
    readonly node: string,
  ) {
    this.pod = pod;
    this.namespace = pod.metadata?.namespace ?? 'default';
    this.name = pod.metadata?.name ?? '';
    this.uid = pod.metadata?.uid ?? '';
    this.key = `${this.namespace}/${this.name}`;
    this.container = pod.spec?.containers[0] ?? { name: '' };
    this.ended = new Promise((resolve) => (this.markEnded = resolve));
  }

  get terminal(): boolean {
    return this.phase === 'Succeeded' || this.phase === 'Failed';
  }
}

export class PodStatusWriter {
  constructor(
    private readonly core: CoreV1Api,
    private readonly log: (line: string) => void,
    private readonly isStopped: () => boolean,
    /** Called when the pod turns out to be gone (404, or its name now holds another uid). */
    private readonly forget: (rec: PodRecord) => void,
  ) {}

  /** Marks the status dirty and returns when the newest state has been written (or given up). */
  request(rec: PodRecord): Promise<void> {
    rec.dirty = true;
    if (!rec.flushing) {
      rec.flushing = true;
      rec.flushed = this.flush(rec);
    }
    return rec.flushed;
  }

  private async flush(rec: PodRecord): Promise<void> {
    try {
      while (rec.dirty && !rec.gone && !this.isStopped()) {
        rec.dirty = false;
        await this.send(rec).catch((err: unknown) => this.log(`status of ${rec.key} not written: ${(err as Error).message}`));
      }
    } finally {
      rec.flushing = false;
    }
  }

  private body(rec: PodRecord): object {
    const generation = rec.pod.metadata?.generation;
    const status: Record<string, unknown> = { phase: rec.phase, reason: rec.reason ?? null, message: rec.message ?? null };
    if (generation !== undefined) status.observedGeneration = generation;
    if (!rec.rejected) {
      Object.assign(status, {
        startTime: rfc3339(rec.startTime),
        hostIP: LOOPBACK,
        hostIPs: [{ ip: LOOPBACK }],
        podIP: LOOPBACK,
        podIPs: [{ ip: LOOPBACK }],
        conditions: podConditions({
          containerName: rec.container.name,
          phase: rec.phase,
          containerReady: rec.ready,
          sandboxReady: rec.sandboxReady,
          disruption: rec.disruption,
          generation,
          times: rec.conditionTimes,
          now: new Date(),
        }),
        containerStatuses: [
          {
            name: rec.container.name,
            image: normalizeImage(rec.container.image ?? ''),
            imageID: rec.imageID,
            containerID: rec.containerID,
            ready: rec.ready,
            started: rec.started,
            restartCount: rec.restartCount,
            state: rec.state,
            lastState: rec.lastState ?? {},
          },
        ],
      });
    }
    // The uid makes the patch conditional on this being the same pod, as the kubelet's status manager does.
    return { metadata: { uid: rec.uid }, status };
  }

  /** One status write through pods/{name}/status, retried on conflicts after re-reading the pod. */
  private async send(rec: PodRecord): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      if (rec.gone || this.isStopped()) return;
      try {
        await this.core.patchNamespacedPodStatus({ name: rec.name, namespace: rec.namespace, body: this.body(rec) }, strategicMerge);
        return;
      } catch (err) {
        if (rec.gone || this.isStopped()) return;
        const code = apiCode(err);
        if (code === 404) {
          this.forget(rec);
          return;
        }
        if (code === 409 || code === 422) {
          let current: V1Pod | undefined;
          let readFailed = false;
          try {
            current = await this.core.readNamespacedPod({ name: rec.name, namespace: rec.namespace });
          } catch (readErr) {
            readFailed = apiCode(readErr) !== 404;
          }
          if (!readFailed && (!current || current.metadata?.uid !== rec.uid)) {
            this.forget(rec);
            return;
          }
          if (current) rec.pod = current;
        }
        if (code === 422 || attempt >= 5) {
          this.log(`status of ${rec.key} not written: ${(err as Error).message}`);
          return;
        }
        await sleep(100 * attempt);
      }
    }
  }
}
