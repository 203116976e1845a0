// The kubernetes render backend against a real control plane (API server, Job controller,
// scheduler, garbage collector) with the worker's own ServiceAccount token; only the kubelet is a
// double (test/support/k8s/node-agent.ts), and it runs the real runner against the ComfyUI double.
import { describe, expect, it } from 'vitest';
import { BatchV1Api, CoreV1Api, Watch, type V1Job, type V1Pod } from '@kubernetes/client-node';
import { RenderFailedError, RenderStoppedError, RenderTimedOutError, RenderUnavailableError } from '../domain/errors';
import type { RenderProgress } from '../domain/pipeline';
import type { RenderContext, RenderTask } from '../render/backend';
import { runKey, type JobCheckpoint } from '../render/kubernetes/kubernetes-backend';
import { listWatch } from '../render/kubernetes/list-watch';
import { LABEL, renderDigest, renderJobName } from '../render/kubernetes/naming';
import type { RunManifest } from '../runner/contract';
import { useRenderRig } from './support/k8s/render-rig';
import { until } from './support/until';

const rig = useRenderRig('k8s-backend');

let counter = 0;
function task(extra: Partial<RenderTask> = {}): RenderTask {
  const n = ++counter;
  return {
    cacheKey: `key${n}`,
    renderId: `render-test-${n}-${Date.now()}`,
    requestId: `book-17-page-${n}`,
    prompt: `a cute baby fox number ${n}`,
    negativePrompt: 'scary',
    width: 512,
    height: 512,
    seed: 40 + n,
    style: 'storybook',
    attempt: 0,
    outputKey: `staging/render/key${n}/attempt-0.png`,
    ...extra,
  } as RenderTask;
}

function context(extra: Partial<RenderContext> = {}): RenderContext & { progress: RenderProgress[]; checkpoints: unknown[]; controller: AbortController } {
  const controller = new AbortController();
  const progress: RenderProgress[] = [];
  const checkpoints: unknown[] = [];
  return {
    signal: controller.signal,
    controller,
    progress,
    checkpoints,
    onProgress: (p) => progress.push({ ...p, attempt: 0 }),
    checkpoint: (s) => checkpoints.push(s),
    ...extra,
  };
}

/** The error a render in a backend with these settings fails with (the tests below expect one). */
async function renderFailure<E extends Error>(t: RenderTask, settings?: Record<string, string>): Promise<E> {
  return (await rig()
    .backend(settings)
    .render(t, context())
    .catch((e: unknown) => e)) as E;
}

const batch = () => rig().ns.admin.makeApiClient(BatchV1Api);
const core = () => rig().ns.admin.makeApiClient(CoreV1Api);
const podsOf = async (job: string) =>
  (await core().listNamespacedPod({ namespace: rig().ns.name, labelSelector: `batch.kubernetes.io/job-name=${job}` })).items;
const seconds = (a: Date | string | undefined, b: Date | string | undefined) => (new Date(b!).getTime() - new Date(a!).getTime()) / 1000;

/** The Job is gone and so are its pods (background propagation, then the garbage collector). */
async function expectGone(job: string) {
  await until(
    `Job ${job} and its pods deleted`,
    async () => ((await jobsOfName(job)).length === 0 && (await podsOf(job)).length === 0 ? true : undefined),
    30_000,
  );
}
/** Every state of the render's Jobs and pods, as an admin watching them saw it (they are deleted at the end). */
function watchRender(renderId: string) {
  const jobs = new Map<string, V1Job>();
  const pods = new Map<string, V1Pod>();
  const selector = `${LABEL.render}=${renderDigest(renderId)}`;
  const handles = [
    listWatch<V1Job>({
      kubeConfig: rig().ns.admin,
      path: `/apis/batch/v1/namespaces/${rig().ns.name}/jobs`,
      query: { labelSelector: selector },
      list: async () => {
        const l = await batch().listNamespacedJob({ namespace: rig().ns.name, labelSelector: selector });
        return { items: l.items, resourceVersion: l.metadata!.resourceVersion! };
      },
      onChange: (current) => current.forEach((j) => jobs.set(j.metadata!.name!, j)),
      onError: () => undefined,
    }),
    listWatch<V1Pod>({
      kubeConfig: rig().ns.admin,
      path: `/api/v1/namespaces/${rig().ns.name}/pods`,
      query: { labelSelector: selector },
      list: async () => {
        const l = await core().listNamespacedPod({ namespace: rig().ns.name, labelSelector: selector });
        return { items: l.items, resourceVersion: l.metadata!.resourceVersion! };
      },
      onChange: (current) => current.forEach((p) => pods.set(p.metadata!.name!, p)),
      onError: () => undefined,
    }),
  ];
  return { jobs, pods, stop: () => handles.forEach((h) => h.stop()) };
}

/** true once a watch from that version is answered 410 Gone. */
function watchAnswersGone(path: string, resourceVersion: string): Promise<true | undefined> {
  return new Promise((resolve) => {
    let answer: true | undefined;
    void new Watch(rig().ns.worker)
      .watch(
        path,
        { resourceVersion },
        (type: string, obj: { code?: number }) => {
          if (type === 'ERROR' && obj.code === 410) answer = true;
        },
        () => resolve(answer),
      )
      .then((c) => setTimeout(() => c.abort(), 1000));
  });
}

const jobsOfName = async (name: string) => (await batch().listNamespacedJob({ namespace: rig().ns.name, fieldSelector: `metadata.name=${name}` })).items;

describe('kubernetes backend: a render is a Job', () => {
  it('renders through a Job that the real Job controller and scheduler run, charging the container running time, and removes it', async () => {
    rig().agent.injectFaults(() => undefined);
    const t = task();
    const ctx = context();
    const name = renderJobName(t.renderId!, 0, 0);
    const seen = watchRender(t.renderId!);
    try {
      const out = await rig().backend().render(t, ctx);
      expect(out.timings?.job).toBe(name);
      expect(await rig().store.head(t.outputKey)).toBeTruthy();
      expect(out.preview).toBe(false);
      expect(out.gpuType).toBe('A10G');

      // The Job as built from settings and accepted by the API server's validation.
      const job = seen.jobs.get(name)!;
      const spec = job.spec!;
      const pod = spec.template.spec!;
      expect(spec.podFailurePolicy?.rules.map((r) => r.action)).toEqual(['FailJob', 'Ignore', 'Count']);
      expect(pod.restartPolicy).toBe('Never');
      expect(spec.ttlSecondsAfterFinished).toBe(300);
      expect(spec.activeDeadlineSeconds).toBe(1800);
      expect(pod.containers[0]!.resources?.limits?.['nvidia.com/gpu']).toBe('1');
      expect(pod.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
      expect(pod.nodeSelector).toEqual({ [rig().ns.pool.key]: rig().ns.pool.value });
      expect(pod.volumes?.[0]?.persistentVolumeClaim).toEqual({ claimName: 'cubcanvas-models', readOnly: true });
      expect(pod.containers[0]!.volumeMounts?.[0]).toMatchObject({ mountPath: '/models', readOnly: true });
      expect(pod.containers[0]!.envFrom).toEqual([{ secretRef: { name: 'cubcanvas-storage' } }]);
      // The spec travels as a blob-store key, never inline.
      expect(pod.containers[0]!.env?.find((e) => e.name === 'RUNNER_JOB_KEY')?.value).toBe(runKey(name, 'job.json'));
      expect(JSON.stringify(job)).not.toContain(t.prompt);
      expect(job.metadata!.labels).toMatchObject({ [LABEL.attempt]: '0', [LABEL.launch]: '0', [LABEL.request]: t.requestId });

      // Cost: exactly the pod's container running time as the cluster recorded it.
      const [p] = [...seen.pods.values()];
      const term = p!.status!.containerStatuses![0]!.state!.terminated!;
      expect(out.gpuSeconds).toBeCloseTo(seconds(term.startedAt, term.finishedAt), 2);
      expect(out.timings!.pendingSeconds).toBeCloseTo(seconds(p!.metadata!.creationTimestamp, term.startedAt), 2);
      expect(out.timings!.inferenceMs).toBeGreaterThan(0);
      expect(out.timings!.modelLoadMs).toBeGreaterThan(0);
      // Progress came from the pod's phases and from the runner's own log lines.
      const phases = ctx.progress.map((x) => x.phase);
      expect(phases).toContain('creating Job');
      expect(phases).toContain('sampling');
      expect(ctx.checkpoints).toEqual([{ job: name, namespace: rig().ns.name } satisfies JobCheckpoint]);
      // Nothing left behind on success either.
      await expectGone(name);
    } finally {
      seen.stop();
    }
  });

  it('renders three pictures in one Job with one model load', async () => {
    rig().agent.injectFaults(() => undefined);
    // A new pod starts its own ComfyUI with nothing in VRAM; the double is shared, so restart it.
    await rig().fake.restart(0);
    const loadsBefore = rig().fake.modelLoads;
    const renderId = `batch-${Date.now()}`;
    const tasks = [1, 2, 3].map((i) => ({
      taskId: `item-${i}`,
      outputKey: `staging/batch/${renderId}/item-${i}.png`,
      spec: { prompt: `a cute baby panda number ${i}`, negativePrompt: 'scary', width: 512, height: 512, seed: i },
    }));
    const run = await rig().backend().runBatch({ renderId, attempt: 0, tasks }, context());
    expect(run.tasks.map((t) => t.taskId)).toEqual(['item-1', 'item-2', 'item-3']);
    for (const t of tasks) expect(await rig().store.head(t.outputKey)).toBeTruthy();
    expect(run.tasks.filter((t) => t.modelLoad)).toHaveLength(1);
    expect(rig().fake.modelLoads - loadsBefore).toBe(1);
    expect(
      new Set(
        rig()
          .agent.runs.filter((r: { pod: string }) => r.pod.startsWith(`cc-${renderDigest(renderId)}`))
          .map((r) => r.pod),
      ),
    ).toEqual(
      new Set(
        rig()
          .agent.runs.filter((r: { pod: string }) => r.pod.startsWith(run.job))
          .map((r) => r.pod),
      ),
    );
    expect(rig().agent.runs.filter((r: { pod: string }) => r.pod.startsWith(run.job))).toHaveLength(1);
    const manifest = JSON.parse((await rig().store.get(runKey(run.job, 'manifest.json'))).toString()) as RunManifest;
    expect(manifest.status).toBe('completed');
  });

  it('launches once: a second launch of the same render and attempt adopts the Job (409), and a try that was stopped for a worker going away leaves it for the next', async () => {
    rig().fake.behaviour.stepMs = 300;
    const t = task();
    const seen = watchRender(t.renderId!);
    try {
      const first = context({ leaveRunning: () => true });
      const backend = rig().backend();
      const running = backend.render(t, first);
      await until('the Job running', async () => (first.progress.some((p) => p.phase === 'sampling') ? true : undefined), 30_000);
      // Another worker's try of the same render and attempt, without the checkpoint: same name, 409, adopted.
      const second = context();
      const adopted = backend.render(t, second);
      first.controller.abort();
      await expect(running).rejects.toBeInstanceOf(RenderUnavailableError);
      const out = await adopted;
      expect(out.timings?.job).toBe(renderJobName(t.renderId!, 0, 0));
      // And from the checkpoint, a later try follows the (finished, removed) Job: its manifest says it is done.
      const third = await backend.render(t, context({ resumeFrom: first.checkpoints[0] }));
      expect(third.timings?.job).toBe(out.timings?.job);
      expect(seen.jobs.size).toBe(1);
      expect(rig().agent.runs.filter((r: { pod: string }) => r.pod.startsWith(`cc-${renderDigest(t.renderId!)}`))).toHaveLength(1);
    } finally {
      seen.stop();
      rig().fake.behaviour.stepMs = 5;
    }
  });

  it('cancellation deletes the Job and its pod and reports the GPU time used', async () => {
    rig().fake.behaviour.stepMs = 500;
    try {
      const t = task();
      const ctx = context();
      const running = rig().backend().render(t, ctx);
      await until('sampling', async () => (ctx.progress.some((p) => p.phase === 'sampling') ? true : undefined), 30_000);
      await new Promise((r) => setTimeout(r, 1200));
      ctx.controller.abort();
      const err = (await running.catch((e: unknown) => e)) as RenderStoppedError;
      expect(err).toBeInstanceOf(RenderStoppedError);
      expect(err.usage.gpuSeconds).toBeGreaterThan(0);
      await expectGone(renderJobName(t.renderId!, 0, 0));
    } finally {
      rig().fake.behaviour.stepMs = 5;
    }
  });

  it('a later launch after a failed one gets a name of its own', async () => {
    const t = task();
    const out = await rig()
      .backend()
      .render(t, context({ failedLaunches: 2 }));
    expect(out.timings?.job).toBe(renderJobName(t.renderId!, 0, 2));
  });
});

describe('kubernetes backend: failure classes', () => {
  it('an image that cannot be pulled fails at once, not retryable, and the Job is deleted', async () => {
    rig().agent.injectFaults(() => ({ kind: 'imagePull' }));
    const t = task();
    try {
      const err = await renderFailure<RenderFailedError>(t);
      expect(err).toBeInstanceOf(RenderFailedError);
      expect(err.retryable).toBe(false);
      expect(err.message).toMatch(/ErrImagePull|ImagePullBackOff/);
      expect(err.message).toContain('registry.example.com/cubcanvas-runner:test');
      await expectGone(renderJobName(t.renderId!, 0, 0));
    } finally {
      rig().agent.injectFaults(() => undefined);
    }
  });

  it('a missing storage Secret is a bad container config: not retried', async () => {
    const t = task();
    const err = await renderFailure<RenderFailedError>(t, { CUBCANVAS_K8S_STORAGE_SECRET: 'no-such-secret' });
    expect(err).toBeInstanceOf(RenderFailedError);
    expect(err.message).toContain('CreateContainerConfigError');
    expect(err.message).toContain('no-such-secret');
    await expectGone(renderJobName(t.renderId!, 0, 0));
  });

  it('OOMKilled is retried once by the Job with the same spec, then fails not retryable, with the GPU time of both pods', async () => {
    rig().agent.injectFaults(() => ({ kind: 'oomKill', afterMs: 1500 }));
    rig().fake.behaviour.stepMs = 400;
    const t = task();
    try {
      const err = await renderFailure<RenderFailedError>(t);
      expect(err).toBeInstanceOf(RenderFailedError);
      expect(err.message).toContain('OOMKilled 2 times');
      expect(err.message).toContain('last lines of the runner');
      expect(err.usage?.gpuSeconds).toBeGreaterThanOrEqual(2);
      expect(rig().agent.runs.filter((r: { pod: string }) => r.pod.startsWith(renderJobName(t.renderId!, 0, 0)))).toHaveLength(2);
    } finally {
      rig().agent.injectFaults(() => undefined);
      rig().fake.behaviour.stepMs = 5;
    }
  });

  it('a node shutting down (DisruptionTarget) is not counted: the Job runs a new pod elsewhere and the render completes', async () => {
    let first = true;
    rig().agent.injectFaults(() => {
      if (!first) return undefined;
      first = false;
      return { kind: 'nodeShutdown', afterMs: 1500 };
    });
    rig().fake.behaviour.stepMs = 300;
    const t = task();
    const seen = watchRender(t.renderId!);
    try {
      const out = await rig().backend({ CUBCANVAS_K8S_BACKOFF_LIMIT: '0' }).render(t, context());
      const pods = [...seen.pods.values()];
      expect(pods).toHaveLength(2);
      const disrupted = pods.find((p) => p.status?.conditions?.some((c) => c.type === 'DisruptionTarget' && c.status === 'True'));
      expect(disrupted).toBeDefined();
      // Both pods' running time is charged.
      const total = pods.reduce((s, p: V1Pod) => {
        const term = p.status!.containerStatuses![0]!.state!.terminated!;
        return s + seconds(term.startedAt, term.finishedAt);
      }, 0);
      expect(out.gpuSeconds).toBeCloseTo(total, 2);
    } finally {
      seen.stop();
      rig().agent.injectFaults(() => undefined);
      rig().fake.behaviour.stepMs = 5;
    }
  });

  it('exit code 20 (the graph cannot run: a model file is missing) fails the Job at once: not retried', async () => {
    const models = rig().fake.behaviour.models;
    rig().fake.behaviour.models = [];
    const t = task();
    try {
      const err = await renderFailure<RenderFailedError>(t);
      expect(err).toBeInstanceOf(RenderFailedError);
      expect(err.message).toContain('exited with 20');
      expect(rig().agent.runs.filter((r: { pod: string }) => r.pod.startsWith(renderJobName(t.renderId!, 0, 0)))).toHaveLength(1);
    } finally {
      rig().fake.behaviour.models = models;
    }
  });

  it('exit code 10 (ComfyUI never came up) is retried by the Job, then reported retryable', async () => {
    await rig().fake.stop();
    const t = task();
    try {
      const err = await renderFailure<RenderUnavailableError>(t);
      expect(err).toBeInstanceOf(RenderUnavailableError);
      expect(err.retryable).toBe(true);
      expect(err.message).toContain('BackoffLimitExceeded');
      expect(err.message).toMatch(/exit 10/);
      expect(rig().agent.runs.filter((r: { pod: string }) => r.pod.startsWith(renderJobName(t.renderId!, 0, 0)))).toHaveLength(2);
      await expectGone(renderJobName(t.renderId!, 0, 0));
    } finally {
      await rig().fake.start();
    }
  });

  it('past activeDeadlineSeconds the render fails as timed out', async () => {
    rig().fake.behaviour.stepMs = 5000;
    const t = task();
    try {
      const err = await renderFailure<RenderTimedOutError>(t, { CUBCANVAS_K8S_DEADLINE_SECONDS: '10' });
      expect(err).toBeInstanceOf(RenderTimedOutError);
      expect(err.retryable).toBe(false);
      expect(err.message).toContain('deadline of 10 s');
    } finally {
      rig().fake.behaviour.stepMs = 5;
    }
  }, 60_000);

  it("no node can take the pod: RenderUnavailable with the scheduler's message after the setting", async () => {
    const t = task();
    const err = await renderFailure<RenderUnavailableError>(t, {
      CUBCANVAS_K8S_NODE_SELECTOR: `${rig().ns.pool.key}=${rig().ns.pool.value},gpu-size=enormous`,
      CUBCANVAS_K8S_UNSCHEDULABLE_SECONDS: '2',
    });
    expect(err).toBeInstanceOf(RenderUnavailableError);
    expect(err.message).toMatch(/nodes are available/);
    expect(err.message).toContain('CUBCANVAS_K8S_UNSCHEDULABLE_SECONDS=2');
    await expectGone(renderJobName(t.renderId!, 0, 0));
  });
});

describe("kubernetes backend: the worker's Role and the watch", () => {
  it("the worker's ServiceAccount may not delete pods or read Secrets", async () => {
    const workerCore = rig().ns.worker.makeApiClient(CoreV1Api);
    await expect(workerCore.readNamespacedSecret({ name: 'cubcanvas-storage', namespace: rig().ns.name })).rejects.toMatchObject({ code: 403 });
    await expect(workerCore.deleteCollectionNamespacedPod({ namespace: rig().ns.name })).rejects.toMatchObject({ code: 403 });
  });

  it('a watch from a resourceVersion the server no longer has (410 Gone) lists again and carries on', async () => {
    const t = task();
    const seen: V1Job[] = [];
    const api = rig().ns.worker.makeApiClient(BatchV1Api);
    // etcd compacts old versions every few seconds (test/support/k8s/control-plane.ts): wait until version 1 is gone.
    await until('resourceVersion 1 compacted away', () => watchAnswersGone(`/apis/batch/v1/namespaces/${rig().ns.name}/jobs`, '1'), 30_000);
    const handle = listWatch<V1Job>({
      kubeConfig: rig().ns.worker,
      path: `/apis/batch/v1/namespaces/${rig().ns.name}/jobs`,
      query: { labelSelector: `${LABEL.render}=${renderDigest(t.renderId!)}` },
      list: async () => {
        const l = await api.listNamespacedJob({ namespace: rig().ns.name, labelSelector: `${LABEL.render}=${renderDigest(t.renderId!)}` });
        return { items: l.items, resourceVersion: l.metadata!.resourceVersion! };
      },
      onChange: (current) => seen.push(...current.values()),
      onError: (err) => {
        throw err;
      },
      startFrom: '1',
    });
    try {
      await rig().backend().render(t, context());
      // Created after the watch began: only a watch that recovered from the 410 can have seen it.
      await until(
        'the Job seen through the re-listed watch',
        async () => (seen.some((j) => j.metadata?.name === renderJobName(t.renderId!, 0, 0)) ? true : undefined),
        10_000,
      );
      expect(handle.relists).toBeGreaterThanOrEqual(1);
    } finally {
      handle.stop();
    }
  });
});
