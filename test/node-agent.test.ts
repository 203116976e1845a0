// The node agent (test/support/k8s/node-agent.ts) against the run's real control plane: what it
// reports must be what the real Job controller, scheduler and API server act on as they would on a
// kubelet's word. Its nodes carry a label of this file and every pod here selects it, so other
// files' pods never land on them.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { BatchV1Api, CoordinationV1Api, CoreV1Api, KubeConfig, type V1Container, type V1Job, type V1Pod, type V1PodSpec } from '@kubernetes/client-node';
import { NodeAgent } from './support/k8s/node-agent';
import { until } from './support/until';

const POOL_LABEL = 'cubcanvas.test/agent-pool';
const suffix = randomUUID().slice(0, 6);
const namespace = `agent-test-${suffix}`;
const nodeA = `agent-test-${suffix}-a`;
const nodeB = `agent-test-${suffix}-b`;

let kc: KubeConfig;
let core: CoreV1Api;
let batch: BatchV1Api;
let agent: NodeAgent;
const agentLog: string[] = [];

beforeAll(async () => {
  const { server, caData, adminToken } = inject('k8s');
  kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'test', server, caData: Buffer.from(caData).toString('base64'), skipTLSVerify: false }],
    users: [{ name: 'admin', token: adminToken }],
    contexts: [{ name: 'test', cluster: 'test', user: 'admin', namespace }],
    currentContext: 'test',
  });
  core = kc.makeApiClient(CoreV1Api);
  batch = kc.makeApiClient(BatchV1Api);
  await core.createNamespace({ body: { metadata: { name: namespace } } });
  agent = new NodeAgent({
    kubeConfig: kc,
    nodes: [
      { name: nodeA, labels: { [POOL_LABEL]: suffix }, gpus: 2 },
      { name: nodeB, labels: { [POOL_LABEL]: suffix, 'agent-test/spare': 'true' } },
    ],
    namespaces: [namespace],
    defaultCwd: process.cwd(),
    env: { AGENT_EXTRA: 'from-agent' },
    log: (l) => agentLog.push(l),
  });
  await agent.start();
});

// What the agent did is the first thing to read when a test here fails.
beforeEach(({ onTestFailed }) => {
  const from = agentLog.length;
  onTestFailed(() => console.log(`node agent log:\n${agentLog.slice(from).join('\n')}`));
});

afterAll(async () => {
  await agent?.stop();
  await core?.deleteNamespace({ name: namespace }).catch(() => undefined);
});

let jobCounter = 0;
const node = (script: string): string[] => [process.execPath, '-e', script];

function container(command: string[], extra: Partial<V1Container> = {}): V1Container {
  return { name: 'main', image: 'registry.example.com/cubcanvas-runner:test', command, ...extra };
}

async function createJob(c: V1Container, spec: Partial<NonNullable<V1Job['spec']>> = {}, podSpec: Partial<V1PodSpec> = {}): Promise<string> {
  const name = `job-${++jobCounter}`;
  await batch.createNamespacedJob({
    namespace,
    body: {
      metadata: { name },
      spec: {
        backoffLimit: 0,
        ...spec,
        template: { spec: { restartPolicy: 'Never', nodeSelector: { [POOL_LABEL]: suffix }, terminationGracePeriodSeconds: 5, containers: [c], ...podSpec } },
      },
    },
  });
  return name;
}

const podsOf = async (job: string): Promise<V1Pod[]> =>
  (await core.listNamespacedPod({ namespace, labelSelector: `batch.kubernetes.io/job-name=${job}` })).items;

async function jobCondition(job: string, types: string[], timeoutMs = 20_000): Promise<{ type: string; reason?: string }> {
  return until(
    `Job ${job} condition ${types.join('/')}`,
    async () => {
      const j = await batch.readNamespacedJob({ name: job, namespace });
      return j.status?.conditions?.find((c) => types.includes(c.type) && c.status === 'True');
    },
    timeoutMs,
  );
}

async function podWhere(job: string, what: string, test: (p: V1Pod) => boolean, timeoutMs = 20_000): Promise<V1Pod> {
  return until(`${what} (Job ${job})`, async () => (await podsOf(job)).find(test), timeoutMs);
}

const IGNORE_DISRUPTION: NonNullable<V1Job['spec']>['podFailurePolicy'] = {
  rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }],
};

const state = (p: V1Pod) => p.status?.containerStatuses?.[0]?.state;

describe('node agent', () => {
  it('registers Ready nodes with GPU capacity, a log port and a renewed Lease', async () => {
    const n = await core.readNode({ name: nodeA });
    expect(n.status?.allocatable?.['nvidia.com/gpu']).toBe('2');
    expect(n.status?.capacity?.cpu).toBe('16');
    expect(n.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    expect(n.status?.daemonEndpoints?.kubeletEndpoint?.Port).toBeGreaterThan(0);
    expect(n.status?.nodeInfo?.kubeletVersion).toBe('v1.37.2');
    expect(n.metadata?.labels?.['kubernetes.io/hostname']).toBe(nodeA);
    const lease = await kc.makeApiClient(CoordinationV1Api).readNamespacedLease({ name: nodeA, namespace: 'kube-node-lease' });
    expect(lease.spec?.holderIdentity).toBe(nodeA);
    expect(lease.spec?.leaseDurationSeconds).toBe(40);
  });

  it('runs a Job to Complete; its log (stdout and stderr) is read through the API server', async () => {
    const job = await createJob(container(node('console.log("hi"); console.error("to stderr"); process.exit(0)')));
    expect((await jobCondition(job, ['Complete', 'Failed'])).type).toBe('Complete');
    const [pod] = await podsOf(job);
    expect(pod!.status?.phase).toBe('Succeeded');
    const term = state(pod!)?.terminated;
    expect(term).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(term?.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(pod!.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    const name = pod!.metadata!.name!;
    expect(await core.readNamespacedPodLog({ name, namespace })).toBe('hi\nto stderr\n');
    expect(await core.readNamespacedPodLog({ name, namespace, tailLines: 1 })).toBe('to stderr\n');
    expect(await core.readNamespacedPodLog({ name, namespace, timestamps: true, limitBytes: 200 })).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z hi\n/);
    expect(agent.runs.find((r) => r.pod === name)).toMatchObject({ namespace, node: expect.stringMatching(/^agent-test-/), exitCode: 0 });
  });

  it('follow=true streams the log until the process ends', async () => {
    const job = await createJob(container(node('let i = 0; const t = setInterval(() => { console.log("line " + ++i); if (i === 3) clearInterval(t); }, 300)')));
    const pod = await podWhere(job, 'running', (p) => p.status?.phase === 'Running');
    const started = Date.now();
    const text = await core.readNamespacedPodLog({ name: pod.metadata!.name!, namespace, follow: true });
    expect(text).toBe('line 1\nline 2\nline 3\n');
    expect(Date.now() - started).toBeGreaterThan(300);
  });

  it('a non-zero exit fails the pod with that exit code and the Job with BackoffLimitExceeded', async () => {
    const job = await createJob(container(node('console.error("boom"); process.exit(3)'), { terminationMessagePolicy: 'FallbackToLogsOnError' }));
    const cond = await jobCondition(job, ['Complete', 'Failed']);
    expect(cond).toMatchObject({ type: 'Failed', reason: 'BackoffLimitExceeded' });
    const [pod] = await podsOf(job);
    expect(pod!.status?.phase).toBe('Failed');
    expect(state(pod!)?.terminated).toMatchObject({ exitCode: 3, reason: 'Error', message: 'boom' });
    // The failed pod's log stays readable.
    expect(await core.readNamespacedPodLog({ name: pod!.metadata!.name!, namespace })).toBe('boom\n');
  });

  it('resolves env from a Secret, a ConfigMap (envFrom), the downward API and $(VAR); a missing Secret is CreateContainerConfigError', async () => {
    await core.createNamespacedSecret({ namespace, body: { metadata: { name: 'creds' }, stringData: { token: 's3cret' } } });
    await core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'settings' }, data: { MODE: 'fast' } } });
    const print = node(
      'console.log([process.env.TOKEN, process.env.CFG_MODE, process.env.POD, process.env.NODE_NAME, process.env.GREETING, process.env.AGENT_EXTRA, process.argv[1]].join("|"))',
    );
    const job = await createJob(
      container([...print, '$(POD)'], {
        envFrom: [{ configMapRef: { name: 'settings' }, prefix: 'CFG_' }, { secretRef: { name: 'absent', optional: true } }],
        env: [
          { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'creds', key: 'token' } } },
          { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
          { name: 'GREETING', value: 'hello $(POD)' },
          { name: 'MAYBE', valueFrom: { secretKeyRef: { name: 'creds', key: 'nope', optional: true } } },
        ],
      }),
    );
    await jobCondition(job, ['Complete']);
    const [pod] = await podsOf(job);
    const name = pod!.metadata!.name!;
    const log = await core.readNamespacedPodLog({ name, namespace });
    expect(log.trim()).toBe(['s3cret', 'fast', name, pod!.spec!.nodeName, `hello ${name}`, 'from-agent', name].join('|'));

    const broken = await createJob(container(print, { env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'no-such-secret', key: 'token' } } }] }));
    const waiting = await podWhere(broken, 'CreateContainerConfigError', (p) => state(p)?.waiting?.reason === 'CreateContainerConfigError');
    expect(state(waiting)?.waiting?.message).toBe('secret "no-such-secret" not found');
    expect(waiting.status?.phase).toBe('Pending');
    expect(agent.runs.some((r) => r.pod === waiting.metadata!.name)).toBe(false);
    // As on a kubelet, the container starts once the Secret exists.
    await core.createNamespacedSecret({ namespace, body: { metadata: { name: 'no-such-secret' }, stringData: { token: 'late' } } });
    await jobCondition(broken, ['Complete']);
  });

  it('imagePull fault: the container waits in ErrImagePull, then ImagePullBackOff, and never runs', async () => {
    agent.injectFaults(() => ({ kind: 'imagePull' }));
    try {
      const job = await createJob(container(node('process.exit(0)')));
      const first = await podWhere(job, 'ErrImagePull', (p) => state(p)?.waiting?.reason === 'ErrImagePull');
      expect(state(first)?.waiting?.message).toContain('registry.example.com/cubcanvas-runner:test');
      const pod = await podWhere(job, 'ImagePullBackOff', (p) => state(p)?.waiting?.reason === 'ImagePullBackOff');
      expect(state(pod)?.waiting?.message).toBe('Back-off pulling image "registry.example.com/cubcanvas-runner:test"');
      expect(pod.status?.phase).toBe('Pending');
      expect(agent.runs.some((r) => r.pod === pod.metadata!.name)).toBe(false);
      await batch.deleteNamespacedJob({ name: job, namespace, propagationPolicy: 'Background' });
      await until('pod of a deleted Job gone', async () => ((await podsOf(job)).length === 0 ? true : undefined));
    } finally {
      agent.injectFaults(() => undefined);
    }
  });

  it('oomKill fault: terminated OOMKilled with exit code 137', async () => {
    agent.injectFaults(() => ({ kind: 'oomKill', afterMs: 300 }));
    try {
      const job = await createJob(container(node('setInterval(() => {}, 1000)')));
      expect((await jobCondition(job, ['Complete', 'Failed'])).type).toBe('Failed');
      const [pod] = await podsOf(job);
      expect(pod!.status?.phase).toBe('Failed');
      expect(state(pod!)?.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    } finally {
      agent.injectFaults(() => undefined);
    }
  });

  it('nodeShutdown fault: DisruptionTarget, phase Failed, and a podFailurePolicy that ignores it does not count the failure', async () => {
    // Late enough that Node has started and installed its SIGTERM handler even on busy cores (at
    // 300 ms a slow start once took the signal first and died with 143).
    agent.injectFaults(() => ({ kind: 'nodeShutdown', afterMs: 2000 }));
    let job: string;
    try {
      job = await createJob(container(node('process.on("SIGTERM", () => process.exit(0)); setInterval(() => {}, 1000)')), {
        podFailurePolicy: IGNORE_DISRUPTION,
      });
      // Not FailureTarget/Failed although backoffLimit is 0: the Job controller took the condition as a disruption.
      const pod = await podWhere(job, 'pod finished by the Job controller', (p) => p.status?.phase === 'Failed' && !p.metadata?.finalizers?.length);
      expect(pod.status).toMatchObject({ phase: 'Failed', reason: 'Terminated', message: 'Pod was terminated in response to imminent node shutdown.' });
      expect(pod.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({
        status: 'True',
        reason: 'TerminationByKubelet',
        message: 'Pod was terminated in response to imminent node shutdown.',
      });
      // The process took SIGTERM and exited 0; the pod still failed, as under a kubelet.
      expect(state(pod)?.terminated).toMatchObject({ exitCode: 0 });
    } finally {
      agent.injectFaults(() => undefined);
    }
    const j = await batch.readNamespacedJob({ name: job, namespace });
    expect(j.status?.failed ?? 0).toBe(0);
    expect(j.status?.conditions?.some((c) => c.type === 'Failed' || c.type === 'FailureTarget')).toBeFalsy();
    // (The replacement pod comes only after the Job controller's 10 s pod-failure back-off, which
    // also applies to ignored failures: not waited for here.)
    await batch.deleteNamespacedJob({ name: job, namespace, propagationPolicy: 'Background' });
  });

  it('shutdownNode: unschedulable and NotReady, its pod ends with DisruptionTarget, new pods go to the other node; restoreNodes brings it back', async () => {
    // Both nodes fit; pods prefer nodeB, so that nodeB is the one shut down.
    const preferB: Partial<V1PodSpec> = {
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 100, preference: { matchExpressions: [{ key: 'agent-test/spare', operator: 'In', values: ['true'] }] } },
          ],
        },
      },
    };
    const job = await createJob(container(node('setInterval(() => {}, 1000)')), { podFailurePolicy: IGNORE_DISRUPTION }, preferB);
    const pod = await podWhere(job, 'running', (p) => p.status?.phase === 'Running');
    expect(pod.spec?.nodeName).toBe(nodeB);
    try {
      await agent.shutdownNode(nodeB);
      const n = await core.readNode({ name: nodeB });
      expect(n.spec?.unschedulable).toBe(true);
      expect(n.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({
        status: 'False',
        reason: 'KubeletNotReady',
        message: 'node is shutting down',
      });
      const ended = await core.readNamespacedPod({ name: pod.metadata!.name!, namespace });
      expect(ended.status).toMatchObject({ phase: 'Failed', reason: 'Terminated' });
      expect(ended.status?.conditions?.find((c) => c.type === 'DisruptionTarget')?.reason).toBe('TerminationByKubelet');
      // Ignored SIGTERM's default action: the signal ended it.
      expect(state(ended)?.terminated).toMatchObject({ exitCode: 143, reason: 'Error' });
      const next = await createJob(container(node('process.exit(0)')), {}, preferB);
      await jobCondition(next, ['Complete']);
      expect((await podsOf(next))[0]!.spec?.nodeName).toBe(nodeA);
    } finally {
      await agent.restoreNodes();
    }
    const back = await core.readNode({ name: nodeB });
    expect(back.spec?.unschedulable).toBeFalsy();
    expect(back.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    await batch.deleteNamespacedJob({ name: job, namespace, propagationPolicy: 'Background' });
  });

  it('deleting a running pod stops its process (SIGTERM) and finishes the deletion', async () => {
    const name = `bare-${suffix}`;
    await core.createNamespacedPod({
      namespace,
      body: {
        metadata: { name },
        spec: {
          restartPolicy: 'Never',
          nodeSelector: { [POOL_LABEL]: suffix },
          terminationGracePeriodSeconds: 10,
          containers: [container(node('console.log("up"); setInterval(() => {}, 1000)'))],
        },
      },
    });
    await until('bare pod running', async () => ((await core.readNamespacedPod({ name, namespace })).status?.phase === 'Running' ? true : undefined));
    const started = Date.now();
    await core.deleteNamespacedPod({ name, namespace });
    await until('bare pod gone', async () => {
      try {
        await core.readNamespacedPod({ name, namespace });
        return undefined;
      } catch {
        return true;
      }
    });
    expect(Date.now() - started).toBeLessThan(5000);
    const run = agent.runs.find((r) => r.pod === name);
    expect(run).toMatchObject({ exitCode: 143 });
    expect(run?.finishedAt).toBeInstanceOf(Date);
  });
});
