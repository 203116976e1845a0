// Node objects and their heartbeats for the node agent: what a kubelet registers
// (pkg/kubelet/kubelet_node_status.go, nodestatus/setters.go) and the Lease it renews in
// kube-node-lease so that the node lifecycle controller keeps the node Ready.
import { arch, release } from 'node:os';
import { createHash } from 'node:crypto';
import { CoordinationV1Api, CoreV1Api, PatchStrategy, setHeaderOptions, V1MicroTime, type KubeConfig, type V1Lease } from '@kubernetes/client-node';
import { apiCode } from './node-agent-env';
import { LOOPBACK, rfc3339 } from './node-agent-status';

export interface NodeSpec {
  name: string;
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' }[];
  gpus?: number;
  cpu?: string;
  memory?: string;
}

export const KUBELET_VERSION = 'v1.37.2';
const LEASE_NAMESPACE = 'kube-node-lease';
const LEASE_DURATION_SECONDS = 40;
/** The kubelet renews at a quarter of the lease duration. */
const LEASE_RENEW_MS = 10_000;

const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

/** The capacity of a node; allocatable is the same (no system reservations on a pretend node). */
export function nodeResources(spec: NodeSpec): Record<string, string> {
  return {
    cpu: spec.cpu ?? '16',
    memory: spec.memory ?? '64Gi',
    pods: '110',
    'ephemeral-storage': '100Gi',
    'nvidia.com/gpu': String(spec.gpus ?? 1),
  };
}

interface NodeConditionJson {
  type: string;
  status: 'True' | 'False';
  reason: string;
  message: string;
  lastHeartbeatTime: string;
  lastTransitionTime: string;
}

class RegisteredNode {
  uid = '';
  shuttingDown = false;
  renewTimer: NodeJS.Timeout | undefined;
  /** When each condition last changed status: kept across heartbeats, as the kubelet does. */
  readonly transitions = new Map<string, { status: string; time: string }>();
  constructor(readonly spec: NodeSpec) {}
}

export class NodeRegistry {
  private readonly core: CoreV1Api;
  private readonly coordination: CoordinationV1Api;
  private readonly nodes = new Map<string, RegisteredNode>();
  private stopped = false;

  constructor(
    kubeConfig: KubeConfig,
    private readonly kubeletPort: number,
    private readonly log: (line: string) => void,
  ) {
    this.core = kubeConfig.makeApiClient(CoreV1Api);
    this.coordination = kubeConfig.makeApiClient(CoordinationV1Api);
  }

  has(name: string): boolean {
    return this.nodes.has(name);
  }

  isShuttingDown(name: string): boolean {
    return this.nodes.get(name)?.shuttingDown ?? false;
  }

  allocatable(name: string): Record<string, string> {
    const n = this.nodes.get(name);
    return n ? nodeResources(n.spec) : {};
  }

  async register(spec: NodeSpec): Promise<void> {
    const node = new RegisteredNode(spec);
    this.nodes.set(spec.name, node);
    const labels = {
      ...spec.labels,
      'kubernetes.io/hostname': spec.name,
      'kubernetes.io/os': 'linux',
      'kubernetes.io/arch': goArch(),
      'beta.kubernetes.io/os': 'linux',
      'beta.kubernetes.io/arch': goArch(),
    };
    const taints = (spec.taints ?? []).map((t) => ({ key: t.key, value: t.value, effect: t.effect }));
    try {
      const created = await this.core.createNode({ body: { apiVersion: 'v1', kind: 'Node', metadata: { name: spec.name, labels }, spec: { taints } } });
      node.uid = created.metadata?.uid ?? '';
    } catch (err) {
      if (apiCode(err) !== 409) throw err;
      // Left over from a run that crashed: take it over as a restarted kubelet would, with this
      // run's labels and taints, schedulable again.
      this.log(`node ${spec.name} already exists: taking it over`);
      const patched = await this.core.patchNode({ name: spec.name, body: { metadata: { labels }, spec: { taints, unschedulable: null } } }, mergePatch);
      node.uid = patched.metadata?.uid ?? '';
    }
    await this.writeStatus(node);
    await this.renewLease(node);
    node.renewTimer = setInterval(() => void this.renewLease(node), LEASE_RENEW_MS);
    node.renewTimer.unref();
  }

  /** Graceful shutdown has begun: unschedulable, and Ready=False as the kubelet's shutdown manager reports it. */
  async markShuttingDown(name: string): Promise<void> {
    const node = this.nodes.get(name);
    if (!node) throw new Error(`node agent does not run node ${name}`);
    node.shuttingDown = true;
    await this.core.patchNode({ name, body: { spec: { unschedulable: true } } }, mergePatch);
    await this.writeStatus(node);
  }

  /** Back from a shutdown: schedulable and Ready again. */
  async restore(name: string): Promise<void> {
    const node = this.nodes.get(name);
    if (!node) throw new Error(`node agent does not run node ${name}`);
    node.shuttingDown = false;
    await this.core.patchNode({ name, body: { spec: { unschedulable: null } } }, mergePatch);
    await this.writeStatus(node);
  }

  async unregisterAll(): Promise<void> {
    this.stopped = true;
    for (const n of this.nodes.values()) clearInterval(n.renewTimer);
    await Promise.all(
      [...this.nodes.keys()].map(async (name) => {
        await ignore404(() => this.coordination.deleteNamespacedLease({ name, namespace: LEASE_NAMESPACE }));
        await ignore404(() => this.core.deleteNode({ name }));
      }),
    );
    this.nodes.clear();
  }

  private conditions(node: RegisteredNode): NodeConditionJson[] {
    const now = rfc3339(new Date());
    const ready: [string, string] = node.shuttingDown ? ['KubeletNotReady', 'node is shutting down'] : ['KubeletReady', 'kubelet is posting ready status'];
    const wanted: [string, 'True' | 'False', string, string][] = [
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
      ['Ready', node.shuttingDown ? 'False' : 'True', ...ready],
    ];
    return wanted.map(([type, status, reason, message]) => {
      const before = node.transitions.get(type);
      const time = before && before.status === status ? before.time : now;
      node.transitions.set(type, { status, time });
      return { type, status, reason, message, lastHeartbeatTime: now, lastTransitionTime: time };
    });
  }

  /** Node status is a subresource: written apart from the object, through nodes/{name}/status. */
  private async writeStatus(node: RegisteredNode): Promise<void> {
    const { name } = node.spec;
    const resources = nodeResources(node.spec);
    const id = createHash('sha256').update(name).digest('hex');
    const status = {
      capacity: resources,
      allocatable: resources,
      conditions: this.conditions(node),
      addresses: [
        { type: 'InternalIP', address: LOOPBACK },
        // The API server dials the Hostname address first (default --kubelet-preferred-address-types):
        // it has to resolve to this machine, which a made-up node name does not.
        { type: 'Hostname', address: 'localhost' },
      ],
      // The JSON field is "Port", capitalised: this body is sent as written, not through the models.
      daemonEndpoints: { kubeletEndpoint: { Port: this.kubeletPort } },
      nodeInfo: {
        machineID: id.slice(0, 32),
        systemUUID: `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`,
        bootID: id.slice(32, 64),
        kernelVersion: release(),
        osImage: 'cubcanvas node agent (local processes)',
        containerRuntimeVersion: 'containerd://2.1.4',
        kubeletVersion: KUBELET_VERSION,
        kubeProxyVersion: '',
        operatingSystem: 'linux',
        architecture: goArch(),
      },
    };
    await this.core.patchNodeStatus({ name, body: { status } }, mergePatch);
  }

  private async renewLease(node: RegisteredNode): Promise<void> {
    if (this.stopped) return;
    const name = node.spec.name;
    const spec = { holderIdentity: name, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime: new V1MicroTime() };
    try {
      try {
        // V1MicroTime serialises with the six fractional digits MicroTime needs.
        await this.coordination.patchNamespacedLease({ name, namespace: LEASE_NAMESPACE, body: { spec } }, mergePatch);
      } catch (err) {
        if (apiCode(err) !== 404) throw err;
        const body: V1Lease = {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          // Owned by the Node, as the kubelet's: the garbage collector removes it with the node.
          metadata: { name, namespace: LEASE_NAMESPACE, ownerReferences: node.uid ? [{ apiVersion: 'v1', kind: 'Node', name, uid: node.uid }] : undefined },
          spec,
        };
        await this.coordination.createNamespacedLease({ namespace: LEASE_NAMESPACE, body });
      }
    } catch (err) {
      if (!this.stopped) this.log(`node ${name}: lease renewal failed: ${(err as Error).message}`);
    }
  }
}

function goArch(): string {
  const a = arch();
  return a === 'x64' ? 'amd64' : a === 'ia32' ? '386' : a;
}

async function ignore404(fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    if (apiCode(err) !== 404) throw err;
  }
}
