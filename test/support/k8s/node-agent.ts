// A test double that plays only the kubelet's part for a real control plane on loopback: it
// registers Nodes, renews their Leases, runs each pod bound to them as a local child process
// (the container's command and args; the image is not pulled), reports pod status as a kubelet
// words it, serves container logs to the API server, and finishes pod deletion. Everything else
// (Job controller, scheduler, garbage collector, TTL, RBAC) is the real Kubernetes code.
// Only single-container pods without init containers are supported.
import { statSync } from 'node:fs';
import { CoreV1Api, type KubeConfig, type V1Pod } from '@kubernetes/client-node';
import { apiCode, ConfigError, resolveContainer } from './node-agent-env';
import { startLogServer, type LogLookup, type LogServer } from './node-agent-logs';
import { NodeRegistry, type NodeSpec } from './node-agent-nodes';
import { PodRecord, PodStatusWriter, type AgentRun, type KillReason, type Proc } from './node-agent-pod';
import { signal, spawnContainer, startError } from './node-agent-process';
import {
  imageIdFor,
  newContainerId,
  NODE_SHUTDOWN_MESSAGE,
  NODE_SHUTDOWN_NOT_ADMITTED_MESSAGE,
  NODE_SHUTDOWN_NOT_ADMITTED_REASON,
  NODE_SHUTDOWN_REASON,
  normalizeImage,
  rfc3339,
  running,
  terminated,
  terminationMessageFromLog,
  unknownTermination,
  waiting,
  type TerminatedState,
} from './node-agent-status';
import { NodePodWatch } from './node-agent-watch';

export type { NodeSpec } from './node-agent-nodes';
export type { AgentRun } from './node-agent-pod';

export type Fault =
  /** The container waits: ErrImagePull, then ImagePullBackOff, and never starts; the pod stays Pending. */
  | { kind: 'imagePull' }
  /** The container waits: CreateContainerConfigError. */
  | { kind: 'configError'; message?: string }
  /** The process is SIGKILLed after afterMs: terminated reason OOMKilled, exit code 137. */
  | { kind: 'oomKill'; afterMs: number }
  /** Graceful node shutdown of this pod after afterMs: DisruptionTarget, SIGTERM, SIGKILL after a short grace, phase Failed. */
  | { kind: 'nodeShutdown'; afterMs: number };

export interface NodeAgentOptions {
  /** Admin credentials. */
  kubeConfig: KubeConfig;
  nodes: NodeSpec[];
  /** Only pods in these namespaces are run (others scheduled here are left alone). Undefined = all. */
  namespaces?: string[];
  /** Where each pod's process runs when its container's workingDir does not exist locally. */
  defaultCwd: string;
  /** Extra environment every process gets (PATH, HOME are inherited from the agent's process already). */
  env?: Record<string, string>;
  log?: (line: string) => void;
}

/** Longest a node-shutdown kill waits between SIGTERM and SIGKILL. */
const SHUTDOWN_GRACE_SECONDS = 2;
/** The kubelet backs off 10 s, doubling; tests have no time for that. */
const RESTART_BACKOFF_MS = 1000;
const CONFIG_RETRY_MS = 1000;
const IMAGE_PULL_BACKOFF_MS = 1000;

function isDirectory(path: string | undefined): path is string {
  if (!path) return false;
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export class NodeAgent {
  private readonly core: CoreV1Api;
  private readonly log: (line: string) => void;
  private readonly pods = new Map<string, PodRecord>();
  private readonly runList: AgentRun[] = [];
  private readonly watches: NodePodWatch[] = [];
  private readonly status: PodStatusWriter;
  private decide: (pod: V1Pod) => Fault | undefined = () => undefined;
  private registry: NodeRegistry | undefined;
  private logServer: LogServer | undefined;
  private stopped = false;
  private stopping: Promise<void> | undefined;

  constructor(private readonly opts: NodeAgentOptions) {
    this.core = opts.kubeConfig.makeApiClient(CoreV1Api);
    const sink = opts.log ?? (() => undefined);
    this.log = (line) => sink(`node-agent: ${line}`);
    this.status = new PodStatusWriter(
      this.core,
      this.log,
      () => this.stopped,
      (rec) => this.forget(rec),
    );
  }

  /** What it ran: one record per container process it started. */
  get runs(): ReadonlyArray<AgentRun> {
    return this.runList;
  }

  async start(): Promise<void> {
    try {
      this.logServer = await startLogServer((ns, pod, container, previous) => this.lookupLog(ns, pod, container, previous));
      this.registry = new NodeRegistry(this.opts.kubeConfig, this.logServer.port, this.log);
      for (const node of this.opts.nodes) await this.registry.register(node);
      for (const { name } of this.opts.nodes) {
        this.watches.push(
          new NodePodWatch({
            kubeConfig: this.opts.kubeConfig,
            core: this.core,
            node: name,
            onPod: (pod) => this.onPod(pod, name),
            onDeleted: (pod) => this.onPodDeleted(pod),
            onListed: (keys) => {
              for (const rec of [...this.pods.values()]) if (rec.node === name && !keys.has(rec.key)) this.forget(rec);
            },
            log: this.log,
          }),
        );
      }
      await Promise.all(this.watches.map((w) => w.start()));
      this.log(`running nodes ${this.opts.nodes.map((n) => n.name).join(', ')} (logs on port ${this.logServer.port})`);
    } catch (err) {
      await this.stop();
      throw err;
    }
  }

  stop(): Promise<void> {
    this.stopping ??= this.doStop();
    return this.stopping;
  }

  /** Decides a fault for each pod it starts (undefined = run normally). Replaces the previous decider. */
  injectFaults(decide: (pod: V1Pod) => Fault | undefined): void {
    this.decide = decide;
  }

  /** Graceful node shutdown of one node now: its running pods end as with { kind: 'nodeShutdown' } and the node is marked unschedulable/NotReady. */
  async shutdownNode(name: string): Promise<void> {
    if (!this.registry?.has(name)) throw new Error(`node agent does not run node ${name}`);
    this.log(`node ${name}: graceful shutdown`);
    await this.registry.markShuttingDown(name);
    await Promise.all([...this.pods.values()].filter((r) => r.node === name).map((r) => this.shutdownPod(r)));
  }

  /**
   * Brings every node shut down by shutdownNode back: schedulable and Ready, as a node that has
   * rebooted. Lets one test file share its nodes between tests.
   */
  async restoreNodes(): Promise<void> {
    for (const n of this.opts.nodes) if (this.registry?.isShuttingDown(n.name)) await this.registry.restore(n.name);
  }

  // ---- pods bound to our nodes -------------------------------------------------------------

  /** A timer of one pod: cleared when the pod ends, is forgotten, or the agent stops. */
  private after(rec: PodRecord, ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      rec.timers.delete(t);
      if (!this.stopped) fn();
    }, ms);
    rec.timers.add(t);
  }

  private onPod(pod: V1Pod, node: string): void {
    if (this.stopped) return;
    const meta = pod.metadata ?? {};
    const namespace = meta.namespace ?? 'default';
    if (this.opts.namespaces && !this.opts.namespaces.includes(namespace)) return;
    const key = `${namespace}/${meta.name}`;
    let rec = this.pods.get(key);
    if (rec && rec.uid !== meta.uid) {
      this.forget(rec);
      rec = undefined;
    }
    if (!rec) {
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') {
        // Ended before this agent saw it (an earlier run); only its deletion is left to finish.
        if (meta.deletionTimestamp) void this.deleteForGood(namespace, meta.name ?? '', meta.uid ?? '');
        return;
      }
      rec = new PodRecord(pod, node);
      this.pods.set(key, rec);
      this.admit(rec);
    } else {
      rec.pod = pod;
    }
    if (meta.deletionTimestamp && !rec.deleting) this.beginDeletion(rec);
  }

  private onPodDeleted(pod: V1Pod): void {
    const rec = this.pods.get(`${pod.metadata?.namespace}/${pod.metadata?.name}`);
    if (rec && rec.uid === pod.metadata?.uid) this.forget(rec);
  }

  /** The pod is gone from the API server: nothing more to report, and nothing of it may keep running. */
  private forget(rec: PodRecord): void {
    rec.gone = true;
    for (const t of rec.timers) clearTimeout(t);
    rec.timers.clear();
    if (rec.proc) signal(rec.proc, 'SIGKILL');
    rec.log?.end();
    if (this.pods.get(rec.key) === rec) this.pods.delete(rec.key);
    rec.markEnded();
  }

  private admit(rec: PodRecord): void {
    const spec = rec.pod.spec;
    const containers = spec?.containers.length ?? 0;
    const inits = spec?.initContainers?.length ?? 0;
    if (this.registry?.isShuttingDown(rec.node)) {
      this.reject(rec, NODE_SHUTDOWN_NOT_ADMITTED_REASON, NODE_SHUTDOWN_NOT_ADMITTED_MESSAGE);
      return;
    }
    if (containers !== 1 || inits > 0) {
      const msg = `pod ${rec.key} has ${containers} containers and ${inits} init containers; the node agent runs only single-container pods without init containers`;
      this.log(`REJECTED: ${msg}`);
      this.reject(rec, 'UnsupportedByNodeAgent', msg);
      return;
    }
    let fault: Fault | undefined;
    try {
      fault = this.decide(rec.pod);
    } catch (err) {
      this.log(`fault decider threw for ${rec.key}: ${(err as Error).message}`);
    }
    void this.status.request(rec);
    const deadline = spec?.activeDeadlineSeconds;
    if (deadline !== undefined) this.after(rec, deadline * 1000, () => this.deadlineExceeded(rec));
    if (fault?.kind === 'imagePull') {
      const image = rec.container.image ?? '';
      const ref = normalizeImage(image);
      this.log(`${rec.key}: fault imagePull`);
      rec.state = waiting('ErrImagePull', `failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`);
      void this.status.request(rec);
      this.after(rec, IMAGE_PULL_BACKOFF_MS, () => {
        if (rec.terminal) return;
        rec.state = waiting('ImagePullBackOff', `Back-off pulling image "${image}"`);
        void this.status.request(rec);
      });
      return;
    }
    if (fault?.kind === 'configError') {
      this.log(`${rec.key}: fault configError`);
      rec.state = waiting('CreateContainerConfigError', fault.message ?? 'secret "injected-fault" not found');
      void this.status.request(rec);
      return;
    }
    void this.launch(rec, fault);
  }

  private reject(rec: PodRecord, reason: string, message: string): void {
    rec.rejected = true;
    rec.phase = 'Failed';
    rec.reason = reason;
    rec.message = message;
    void this.status.request(rec).then(() => rec.markEnded());
  }

  /** Resolves the environment and starts the process; a config error waits and tries again, as the kubelet does. */
  private async launch(rec: PodRecord, fault?: Fault): Promise<void> {
    try {
      await this.launchOnce(rec, fault);
    } catch (err) {
      this.log(`${rec.key}: starting failed: ${(err as Error).stack ?? err}`);
    }
  }

  private async launchOnce(rec: PodRecord, fault?: Fault): Promise<void> {
    rec.launching = true;
    let resolved: Awaited<ReturnType<typeof resolveContainer>> | undefined;
    let problem: string | undefined;
    try {
      resolved = await resolveContainer({ core: this.core, pod: rec.pod, container: rec.container, allocatable: this.registry?.allocatable(rec.node) ?? {} });
    } catch (err) {
      problem = err instanceof ConfigError ? err.message : `${(err as Error).message}`;
    } finally {
      rec.launching = false;
    }
    if (rec.gone || this.stopped) return;
    if (rec.deleting || rec.disruption || rec.deadlineExceeded || rec.terminal) {
      this.endWithoutProcess(rec);
      return;
    }
    if (!resolved) {
      this.log(`${rec.key}: CreateContainerConfigError: ${problem}`);
      rec.state = waiting('CreateContainerConfigError', problem);
      void this.status.request(rec);
      this.after(rec, CONFIG_RETRY_MS, () => void this.launch(rec, fault));
      return;
    }
    const { command } = resolved;
    const startedAt = new Date();
    rec.containerID = newContainerId();
    rec.imageID = imageIdFor(rec.container.image ?? '');
    if (command.length === 0) {
      this.log(`${rec.key}: container has no command or args; the node agent cannot know an image's entrypoint`);
      this.containerEnded(rec, {
        exitCode: 128,
        reason: 'StartError',
        message: 'node agent: the container has no command or args (image entrypoints are not run here)',
        startedAt: '1970-01-01T00:00:00Z',
        finishedAt: rfc3339(startedAt),
        containerID: rec.containerID,
      });
      return;
    }
    const env: Record<string, string> = {};
    for (const k of ['PATH', 'HOME'] as const) if (process.env[k] !== undefined) env[k] = process.env[k]!;
    Object.assign(env, { HOSTNAME: rec.name }, this.opts.env, resolved.env);
    const cwd = isDirectory(rec.container.workingDir) ? rec.container.workingDir : this.opts.defaultCwd;
    const run: AgentRun = { namespace: rec.namespace, pod: rec.name, node: rec.node, command, startedAt };
    const outcome = spawnContainer({ run, cwd, env, onClosed: (p, exitCode, sig) => this.processClosed(rec, p, exitCode, sig) });
    if ('failed' in outcome) {
      const err = await outcome.failed;
      this.log(`${rec.key}: cannot start ${JSON.stringify(command[0])}: ${err.message}`);
      this.containerEnded(rec, startError(command[0]!, err, rec.containerID));
      return;
    }
    const { proc } = outcome;
    this.runList.push(run);
    if (rec.log) rec.previousLog = rec.log;
    rec.log = proc.log;
    rec.proc = proc;
    rec.state = running(startedAt);
    rec.ready = true;
    rec.started = true;
    rec.phase = 'Running';
    this.log(`${rec.key} on ${rec.node}: started pid ${proc.child.pid}: ${command.join(' ')}`);
    void this.status.request(rec);
    if (fault?.kind === 'oomKill') {
      this.after(rec, fault.afterMs, () => {
        if (proc.exited) return;
        this.log(`${rec.key}: fault oomKill`);
        proc.killReason ??= 'oom';
        signal(proc, 'SIGKILL');
      });
    } else if (fault?.kind === 'nodeShutdown') {
      this.after(rec, fault.afterMs, () => void this.shutdownPod(rec));
    }
  }

  private processClosed(rec: PodRecord, proc: Proc, exitCode: number, sig: NodeJS.Signals | null): void {
    if (rec.proc === proc) rec.proc = undefined;
    this.log(`${rec.key}: exited with ${exitCode}${sig ? ` (${sig})` : ''}`);
    if (rec.gone || this.stopped) return;
    const finishedAt = proc.run.finishedAt ?? new Date();
    const reason = proc.killReason === 'oom' ? 'OOMKilled' : exitCode === 0 ? 'Completed' : 'Error';
    const t: TerminatedState = {
      exitCode,
      reason,
      message: null,
      startedAt: rfc3339(proc.startedAt),
      finishedAt: rfc3339(finishedAt),
      containerID: rec.containerID,
    };
    if (exitCode !== 0 && rec.container.terminationMessagePolicy === 'FallbackToLogsOnError') {
      const message = terminationMessageFromLog(proc.log.text());
      if (message) t.message = message;
    }
    this.containerEnded(rec, t);
  }

  /** The container stopped: restart it as the restart policy says, or end the pod. */
  private containerEnded(rec: PodRecord, t: TerminatedState): void {
    rec.ready = false;
    rec.started = false;
    const policy = rec.pod.spec?.restartPolicy ?? 'Always';
    const ending = rec.deleting || rec.disruption || rec.deadlineExceeded || rec.terminal || (this.registry?.isShuttingDown(rec.node) ?? false);
    if (!ending && (policy === 'Always' || (policy === 'OnFailure' && t.exitCode !== 0))) {
      rec.lastState = terminated(t);
      rec.restartCount++;
      rec.state = waiting('CrashLoopBackOff', `back-off 10s restarting failed container=${rec.container.name} pod=${rec.name}_${rec.namespace}(${rec.uid})`);
      void this.status.request(rec);
      this.after(rec, RESTART_BACKOFF_MS, () => {
        if (!rec.deleting && !rec.disruption && !rec.terminal && !rec.gone) void this.launch(rec);
      });
      return;
    }
    rec.state = terminated(t);
    if (!rec.terminal) rec.phase = rec.disruption || rec.deadlineExceeded || t.exitCode !== 0 ? 'Failed' : 'Succeeded';
    this.finish(rec);
  }

  /** Ends a pod whose container is not running (waiting, backing off or never started). */
  private endWithoutProcess(rec: PodRecord): void {
    if (rec.terminal) return;
    rec.ready = false;
    rec.started = false;
    if (!rec.state.terminated) rec.state = terminated(unknownTermination());
    rec.phase = 'Failed';
    this.finish(rec);
  }

  /** The pod reached its terminal phase: sandbox gone, status written, and deletion finished if asked. */
  private finish(rec: PodRecord): void {
    for (const t of rec.timers) clearTimeout(t);
    rec.timers.clear();
    rec.sandboxReady = false;
    void this.status.request(rec).then(() => {
      rec.markEnded();
      if (rec.deleting) void this.finalize(rec);
    });
  }

  private terminate(rec: PodRecord, proc: Proc, graceSeconds: number, reason: KillReason): void {
    proc.killReason ??= reason;
    if (graceSeconds <= 0) {
      signal(proc, 'SIGKILL');
      return;
    }
    signal(proc, 'SIGTERM');
    this.after(rec, graceSeconds * 1000, () => signal(proc, 'SIGKILL'));
  }

  private beginDeletion(rec: PodRecord): void {
    rec.deleting = true;
    if (rec.terminal) {
      void this.finalize(rec);
    } else if (rec.proc && !rec.proc.exited) {
      const grace = rec.pod.metadata?.deletionGracePeriodSeconds ?? rec.pod.spec?.terminationGracePeriodSeconds ?? 30;
      this.log(`${rec.key}: deleted; stopping its process (grace ${grace} s)`);
      this.terminate(rec, rec.proc, grace, 'delete');
    } else if (!rec.launching) {
      this.endWithoutProcess(rec);
    }
  }

  /** As the kubelet's shutdown manager kills a pod (pkg/kubelet/nodeshutdown). */
  private async shutdownPod(rec: PodRecord): Promise<void> {
    if (rec.terminal || rec.gone) return rec.ended;
    if (!rec.disruption) {
      this.log(`${rec.key}: terminating for node shutdown`);
      rec.disruption = true;
      rec.reason = NODE_SHUTDOWN_REASON;
      rec.message = NODE_SHUTDOWN_MESSAGE;
      // The condition is reported first; the terminal phase only once the container has stopped.
      void this.status.request(rec);
      if (rec.proc && !rec.proc.exited) {
        const grace = Math.min(rec.pod.spec?.terminationGracePeriodSeconds ?? 30, SHUTDOWN_GRACE_SECONDS);
        this.terminate(rec, rec.proc, grace, 'shutdown');
      } else if (!rec.launching) {
        this.endWithoutProcess(rec);
      }
    }
    return rec.ended;
  }

  /** spec.activeDeadlineSeconds, enforced by the kubelet (pkg/kubelet/active_deadline.go). */
  private deadlineExceeded(rec: PodRecord): void {
    if (rec.terminal || rec.deleting || rec.disruption) return;
    this.log(`${rec.key}: activeDeadlineSeconds exceeded`);
    rec.deadlineExceeded = true;
    rec.reason = 'DeadlineExceeded';
    rec.message = 'Pod was active on the node longer than the specified deadline';
    if (rec.proc && !rec.proc.exited) this.terminate(rec, rec.proc, rec.pod.spec?.terminationGracePeriodSeconds ?? 30, 'deadline');
    else if (!rec.launching) this.endWithoutProcess(rec);
  }

  /** The kubelet's last word on a deleted pod: remove it for good, only if it is still the same pod. */
  private async finalize(rec: PodRecord): Promise<void> {
    if (rec.finalizing) return;
    rec.finalizing = true;
    await rec.flushed;
    if (rec.gone || this.stopped) return;
    await this.deleteForGood(rec.namespace, rec.name, rec.uid);
  }

  private async deleteForGood(namespace: string, name: string, uid: string): Promise<void> {
    try {
      // With a body the API server reads no query parameters: the grace period goes in the body too.
      await this.core.deleteNamespacedPod({ name, namespace, body: { gracePeriodSeconds: 0, preconditions: { uid } } });
    } catch (err) {
      const code = apiCode(err);
      // 404: already gone; 409: the name now belongs to another pod.
      if (code !== 404 && code !== 409 && !this.stopped) this.log(`deleting ${namespace}/${name} failed: ${(err as Error).message}`);
    }
  }

  // ---- logs --------------------------------------------------------------------------------

  private lookupLog(namespace: string, pod: string, container: string, previous: boolean): LogLookup {
    const rec = this.pods.get(`${namespace}/${pod}`);
    if (!rec) return { status: 404, message: `pod "${pod}" in namespace "${namespace}" not found` };
    if (rec.container.name !== container) return { status: 404, message: `container "${container}" in pod "${pod}" is not available` };
    if (previous)
      return rec.previousLog ? { log: rec.previousLog } : { status: 400, message: `previous terminated container "${container}" in pod "${pod}" not found` };
    if (!rec.log)
      return { status: 400, message: `container "${container}" in pod "${pod}" is waiting to start: ${rec.state.waiting?.reason ?? 'ContainerCreating'}` };
    return { log: rec.log };
  }

  // ---- stop --------------------------------------------------------------------------------

  private async doStop(): Promise<void> {
    this.stopped = true;
    for (const w of this.watches) w.stop();
    const closing: Promise<void>[] = [];
    for (const rec of this.pods.values()) {
      for (const t of rec.timers) clearTimeout(t);
      rec.timers.clear();
      if (rec.proc) {
        signal(rec.proc, 'SIGKILL');
        closing.push(rec.proc.closed);
      }
      rec.log?.end();
    }
    const bounded = (ps: Promise<unknown>[], ms: number): Promise<unknown> => {
      let t: NodeJS.Timeout | undefined;
      return Promise.race([Promise.all(ps), new Promise((r) => (t = setTimeout(r, ms)))]).finally(() => clearTimeout(t));
    };
    await bounded(closing, 5000);
    // Writes already on the wire finish; none start after `stopped`.
    await bounded(
      [...this.pods.values()].map((r) => r.flushed),
      5000,
    );
    for (const rec of this.pods.values()) rec.markEnded();
    this.pods.clear();
    await this.logServer?.close();
    try {
      await this.registry?.unregisterAll();
    } catch (err) {
      this.log(`removing nodes failed: ${(err as Error).message}`);
    }
  }
}
