// Shapes and words of what a kubelet writes into pod status, for the node agent (node-agent.ts).
// Status is sent as a strategic merge patch of plain JSON, so timestamps are RFC3339 strings here:
// the API server keeps whole seconds, and sending whole seconds keeps what we send equal to what
// a later read returns.
import { createHash, randomBytes } from 'node:crypto';

/** RFC3339 with second precision, as metav1.Time serialises. */
export function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The one address every pod and node of the agent has: everything runs on this machine. */
export const LOOPBACK = '127.0.0.1';

/** Optional strings are null, not absent: status goes out as a merge patch (see ContainerState). */
export interface WaitingState {
  reason: string;
  message: string | null;
}
export interface TerminatedState {
  exitCode: number;
  reason: string;
  message: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  containerID?: string;
}
/** Exactly one member is set; the others are sent as null so a merge patch clears them. */
export interface ContainerState {
  waiting: WaitingState | null;
  running: { startedAt: string } | null;
  terminated: TerminatedState | null;
}

export const waiting = (reason: string, message?: string): ContainerState => ({
  waiting: { reason, message: message ?? null },
  running: null,
  terminated: null,
});
export const running = (startedAt: Date): ContainerState => ({ waiting: null, running: { startedAt: rfc3339(startedAt) }, terminated: null });
export const terminated = (t: TerminatedState): ContainerState => ({ waiting: null, running: null, terminated: t });

/** What kubelet_pods.go reports for a container that never ran (or vanished) when its pod ends. */
export function unknownTermination(): TerminatedState {
  return {
    exitCode: 137,
    reason: 'ContainerStatusUnknown',
    message: 'The container could not be located when the pod was terminated',
    startedAt: null,
    finishedAt: null,
  };
}

/**
 * The reference containerd reports for an image: "busybox" → "docker.io/library/busybox:latest".
 * Status shows this form, not the one written in the spec.
 */
export function normalizeImage(image: string): string {
  let name = image;
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  if (slash < 0) name = `docker.io/library/${name}`;
  else if (!first.includes('.') && !first.includes(':') && first !== 'localhost') name = `docker.io/${name}`;
  const lastPart = name.slice(name.lastIndexOf('/') + 1);
  if (!name.includes('@') && !lastPart.includes(':')) name = `${name}:latest`;
  return name;
}

/** A stable fake digest: the same image always gets the same imageID, as on a real node. */
export function imageIdFor(image: string): string {
  const ref = normalizeImage(image);
  const repo = ref.includes('@') ? ref.slice(0, ref.indexOf('@')) : ref.slice(0, ref.lastIndexOf(':'));
  return `${repo}@sha256:${createHash('sha256').update(ref).digest('hex')}`;
}

export function newContainerId(): string {
  return `containerd://${randomBytes(32).toString('hex')}`;
}

export const NODE_SHUTDOWN_REASON = 'Terminated';
export const NODE_SHUTDOWN_MESSAGE = 'Pod was terminated in response to imminent node shutdown.';
export const NODE_SHUTDOWN_NOT_ADMITTED_REASON = 'NodeShutdown';
export const NODE_SHUTDOWN_NOT_ADMITTED_MESSAGE = 'Pod was rejected as the node is shutting down.';

export interface PodConditionJson {
  type: string;
  status: 'True' | 'False';
  /** null, not absent: the status is a merge patch, and an absent field would keep the old value. */
  reason: string | null;
  message: string | null;
  lastProbeTime: null;
  lastTransitionTime: string;
  observedGeneration?: number;
}

type ConditionValue = { status: 'True' | 'False'; reason?: string; message?: string };

/**
 * Pod conditions as pkg/kubelet/status/generate.go words them for a pod with one container and no
 * init containers. lastTransitionTime moves only when a condition's status changes, so the
 * previous times are kept in `times`.
 */
export function podConditions(args: {
  containerName: string;
  phase: string;
  containerReady: boolean;
  sandboxReady: boolean;
  disruption: boolean;
  generation: number | undefined;
  times: Map<string, { status: string; time: string }>;
  now: Date;
}): PodConditionJson[] {
  const { containerName, phase, containerReady } = args;
  let ready: ConditionValue;
  if (containerReady) ready = { status: 'True' };
  else if (phase === 'Succeeded') ready = { status: 'False', reason: 'PodCompleted' };
  else ready = { status: 'False', reason: 'ContainersNotReady', message: `containers with unready status: [${containerName}]` };
  const wanted: [string, ConditionValue][] = [
    ['PodReadyToStartContainers', { status: args.sandboxReady ? 'True' : 'False' }],
    ['Initialized', { status: 'True' }],
    ['Ready', ready],
    ['ContainersReady', ready],
  ];
  if (args.disruption) wanted.push(['DisruptionTarget', { status: 'True', reason: 'TerminationByKubelet', message: NODE_SHUTDOWN_MESSAGE }]);
  return wanted.map(([type, v]) => {
    const before = args.times.get(type);
    const time = before && before.status === v.status ? before.time : rfc3339(args.now);
    args.times.set(type, { status: v.status, time });
    const c: PodConditionJson = { type, status: v.status, reason: v.reason ?? null, message: v.message ?? null, lastProbeTime: null, lastTransitionTime: time };
    if (args.generation !== undefined) c.observedGeneration = args.generation;
    return c;
  });
}

/** The kubelet's FallbackToLogsOnError message: the last 80 lines, at most 2048 bytes. */
export function terminationMessageFromLog(text: string): string {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let msg = lines.slice(-80).join('\n');
  const bytes = Buffer.from(msg);
  if (bytes.length > 2048) msg = bytes.subarray(bytes.length - 2048).toString('utf8');
  return msg;
}
