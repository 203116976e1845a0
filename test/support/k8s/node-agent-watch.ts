// The node agent's view of the pods bound to one node, kept as a kubelet's reflector keeps it:
// list, then watch from the list's resourceVersion; resume from the last seen resourceVersion when
// the server ends the watch, list again when it answers 410 Gone or fails.
import { Watch, type CoreV1Api, type KubeConfig, type V1Pod } from '@kubernetes/client-node';
// Watch events carry plain JSON; the client's own deserialiser turns them into the V1Pod that list
// calls return (Date timestamps), so the agent and fault deciders see one shape. It is not
// re-exported by the package index; the package is pinned at 1.4.0.
import { ObjectSerializer } from '@kubernetes/client-node/dist/gen/models/ObjectSerializer.js';

export interface NodePodWatchOptions {
  kubeConfig: KubeConfig;
  core: CoreV1Api;
  node: string;
  /** ADDED and MODIFIED events, and every pod of a (re-)list. */
  onPod(pod: V1Pod): void;
  onDeleted(pod: V1Pod): void;
  /** After each list: the namespace/name of every pod it held (the others are gone). */
  onListed(keys: Set<string>): void;
  log(line: string): void;
}

export class NodePodWatch {
  private stopped = false;
  private controller: AbortController | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly opts: NodePodWatchOptions) {}

  /** Resolves once the first list is handled and the watch is open (or a retry is scheduled). */
  start(): Promise<void> {
    return this.listAndWatch(0);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.controller?.abort();
  }

  private later(ms: number, fn: () => Promise<void>): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (!this.stopped) void fn();
    }, ms);
  }

  private async listAndWatch(failures: number): Promise<void> {
    if (this.stopped) return;
    const { node } = this.opts;
    let resourceVersion: string;
    try {
      const list = await this.opts.core.listPodForAllNamespaces({ fieldSelector: `spec.nodeName=${node}` });
      if (this.stopped) return;
      resourceVersion = list.metadata?.resourceVersion ?? '';
      const keys = new Set<string>();
      for (const pod of list.items) {
        keys.add(`${pod.metadata?.namespace}/${pod.metadata?.name}`);
        this.opts.onPod(pod);
      }
      this.opts.onListed(keys);
    } catch (err) {
      if (this.stopped) return;
      // Once per outage: a control plane stopped before the agent would otherwise fill the log.
      if (failures === 0) this.opts.log(`node ${node}: listing pods failed (retrying): ${(err as Error).message}`);
      this.later(1000, () => this.listAndWatch(failures + 1));
      return;
    }
    await this.watchFrom(resourceVersion);
  }

  private async watchFrom(resourceVersion: string): Promise<void> {
    if (this.stopped) return;
    const { node, log } = this.opts;
    let latest = resourceVersion;
    let gone = false;
    let done = false;
    const handle = (type: string, obj: unknown): void => {
      if (type === 'ERROR') {
        // A Status object; 410 Gone means the resourceVersion is too old to resume from.
        if ((obj as { code?: number } | undefined)?.code === 410) gone = true;
        else log(`node ${node}: watch error ${JSON.stringify(obj)}`);
        return;
      }
      const rv = (obj as { metadata?: { resourceVersion?: string } }).metadata?.resourceVersion;
      if (rv) latest = rv;
      if (type === 'BOOKMARK') return;
      const pod = ObjectSerializer.deserialize(obj, 'V1Pod', '') as V1Pod;
      if (type === 'DELETED') this.opts.onDeleted(pod);
      else this.opts.onPod(pod);
    };
    const onEvent = (type: string, obj: unknown): void => {
      if (this.stopped) return;
      try {
        handle(type, obj);
      } catch (err) {
        // The Watch swallows what its callback throws; say it here.
        log(`node ${node}: handling a ${type} event failed: ${(err as Error).stack ?? err}`);
      }
    };
    const onDone = (err: unknown): void => {
      done = true;
      if (this.stopped) return;
      const status = (err as { statusCode?: number } | null)?.statusCode;
      if (gone || status === 410) this.later(0, () => this.listAndWatch(0));
      else if (err) this.later(500, () => this.listAndWatch(0));
      else this.later(0, () => this.watchFrom(latest));
    };
    let controller: AbortController;
    try {
      const params = { fieldSelector: `spec.nodeName=${node}`, resourceVersion, allowWatchBookmarks: true, timeoutSeconds: 300 };
      controller = await new Watch(this.opts.kubeConfig).watch('/api/v1/pods', params, onEvent, onDone);
    } catch (err) {
      if (!done) onDone(err);
      return;
    }
    if (done) return;
    this.controller = controller;
    if (this.stopped) controller.abort();
  }
}
