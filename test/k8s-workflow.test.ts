// Requests on the real Temporal dev server rendered by the kubernetes backend on the real control
// plane: end to end through a Job, a worker killed while waiting, cancellation, failure classes,
// and the sweeper. The worker uses the worker ServiceAccount's token (the Role from k8s/base).
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { BatchV1Api } from '@kubernetes/client-node';
import { RequestFailedError } from '../client/cubcanvas-client';
import { loadConfig } from '../config/settings';
import { ledgerEntryKey, utcDay } from '../domain/storage-layout';
import { renderWorkflowId } from '../domain/naming';
import { groupWorkflowId, type RenderGroupRequest } from '../domain/render-group';
import type { RenderGroupResult } from '../workflows/render-group';
import { BatchClient } from '../client/batch-client';
import { readPngText } from '../imaging/png-text';
import { ANNOTATION, LABEL, MANAGED_BY, renderDigest, renderJobName } from '../render/kubernetes/naming';
import { sweeperScheduleId, ensureSweeperSchedule } from '../temporal/sweeper-schedule';
import { startPipeline, testConfig, uniquePrompt, uniqueTag, type TestPipeline } from './support/pipeline';
import { useRenderRig } from './support/k8s/render-rig';
import { until } from './support/until';
import { spawnWorker, workerExit, workerStderr } from './support/worker-process';
import { inject } from 'vitest';

const rig = useRenderRig('k8s-workflow');

/** A pipeline whose worker renders through Jobs; the render's Job name for a request's first attempt. */
async function pipeline(extra: Record<string, string> = {}): Promise<TestPipeline> {
  const config = testConfig({ ...rig().env, CUBCANVAS_K8S_SWEEP_MINUTES: '0', ...extra });
  const previous = process.env.KUBECONFIG;
  // The worker's own KubeConfig is loaded from KUBECONFIG, as in a deployment.
  process.env.KUBECONFIG = rig().env.KUBECONFIG;
  try {
    return await startPipeline({ config });
  } finally {
    process.env.KUBECONFIG = previous;
  }
}

/** The Job name of the request's render (its only render workflow on the pipeline's task queue). */
async function jobName(p: TestPipeline, attempt = 0, launch = 0): Promise<string> {
  const renderId = await until('the render workflow to start', () => firstRender(p.client, p.config.taskQueue));
  return renderJobName(renderId, attempt, launch);
}

async function firstRender(client: { temporal: import('@temporalio/client').Client }, taskQueue: string): Promise<string | undefined> {
  for await (const wf of client.temporal.workflow.list({ query: `WorkflowType = 'renderImage' AND TaskQueue = '${taskQueue}'` })) return wf.workflowId;
  return undefined;
}

const podsRunFor = (job: string) => rig().agent.runs.filter((r) => r.pod.startsWith(`${job}-`));

describe('requests rendered by Kubernetes Jobs', () => {
  it("completes a request end to end through a Job: the pod runs the runner, uploads to S3, the result charges the pod's running time", async () => {
    const p = await pipeline();
    try {
      const requestId = `k8s-${randomUUID().slice(0, 8)}`;
      await p.client.start({ prompt: uniquePrompt('koala'), size: 'small', requestId });
      const name = await jobName(p);
      const result = await p.client.result(requestId);
      expect(result.status).toBe('completed');
      if (result.status !== 'completed') return;
      expect(result.preview).toBe(false);
      expect(result.attempts).toHaveLength(1);
      const attempt = result.attempts[0]!;
      expect(attempt.backend).toBe('kubernetes');
      expect(attempt.timings?.job).toBe(name);
      expect(attempt.timings?.inferenceMs).toBeGreaterThan(0);
      const run = podsRunFor(name);
      expect(run).toHaveLength(1);
      // The cluster's seconds and the agent's milliseconds: within the rounding of the API's timestamps.
      const agentSeconds = (run[0]!.finishedAt!.getTime() - run[0]!.startedAt!.getTime()) / 1000;
      expect(Math.abs(attempt.gpuSeconds - agentSeconds)).toBeLessThanOrEqual(1.01);
      expect(result.cost.gpuSeconds).toBe(attempt.gpuSeconds);
      expect(result.cost.amount).toBeCloseTo((attempt.gpuSeconds * 4.8) / 3600, 6);
      expect(await p.worker.deps.store.head(result.imageKey)).toBeTruthy();
    } finally {
      await p.stop();
    }
  });

  it.each([
    ['SIGKILLed', 'SIGKILL'],
    ['stopped (SIGTERM, its 1 s grace running out)', 'SIGTERM'],
  ] as const)(
    'a worker %s while waiting on the Job: the Job keeps running, the next worker adopts it from the checkpoint, the request finishes with exactly one Job',
    async (_how, signal) => {
      rig().fake.behaviour.stepMs = 400;
      const config = testConfig({ ...rig().env, CUBCANVAS_K8S_SWEEP_MINUTES: '0' });
      let child: ChildProcess | undefined;
      let p: TestPipeline | undefined;
      try {
        child = await spawnWorker({
          ...rig().env,
          CUBCANVAS_K8S_SWEEP_MINUTES: '5',
          CUBCANVAS_WORKER_SHUTDOWN_GRACE_SECONDS: '1',
          TEMPORAL_ADDRESS: inject('temporalAddress'),
          CUBCANVAS_TASK_QUEUE: config.taskQueue,
          CUBCANVAS_DATA_DIR: config.dataDir,
          CUBCANVAS_WORKFLOW_BUNDLE: inject('workflowBundlePath'),
          CUBCANVAS_LOG_LEVEL: 'WARN',
        });
        // A worker with the kubernetes backend keeps the sweeper Schedule.
        expect(workerStderr(child)).toContain(`render Job sweeper Schedule ${sweeperScheduleId(config.taskQueue)} created (every 5 min)`);
        const { CubcanvasClient } = await import('../client/cubcanvas-client');
        const client = await CubcanvasClient.connect({ address: inject('temporalAddress'), taskQueue: config.taskQueue });
        await client.temporal.schedule.getHandle(sweeperScheduleId(config.taskQueue)).delete();
        const requestId = `k8s-crash-${randomUUID().slice(0, 8)}`;
        await client.start({ prompt: uniquePrompt('otter'), size: 'small', requestId });
        await until(
          "the runner sampling, as the request's progress shows",
          async () => {
            const pr = await client.progress(requestId);
            return pr.render?.phase === 'sampling' && pr.render.value >= 2 ? true : undefined;
          },
          30_000,
        );
        // The heartbeat that carries the Job's name goes out within a second of launch; sampling
        // started later than that, so the server holds it.
        child.kill(signal);
        const exit = await workerExit(child);
        if (signal === 'SIGTERM') {
          expect(exit.code).toBe(0);
          expect(workerStderr(child)).toContain('cancelling (WORKER_SHUTDOWN)');
          // The stopping worker left the Job to its successor.
          const name = renderJobName((await firstRender(client, config.taskQueue))!, 0, 0);
          const job = await rig().ns.admin.makeApiClient(BatchV1Api).readNamespacedJob({ name, namespace: rig().ns.name });
          expect(job.metadata?.deletionTimestamp).toBeUndefined();
        }
        const process2 = process.env.KUBECONFIG;
        process.env.KUBECONFIG = rig().env.KUBECONFIG;
        try {
          p = await startPipeline({ config });
        } finally {
          process.env.KUBECONFIG = process2;
        }
        const result = await client.result(requestId);
        expect(result.status).toBe('completed');
        if (result.status !== 'completed') return;
        const digestRuns = rig().agent.runs.filter((r) => r.pod.startsWith(`cc-${renderDigest(renderWorkflowId(config.taskQueue, result.cacheKey))}`));
        // One Job, one pod: the new worker waited on the Job the dead one launched.
        expect(new Set(digestRuns.map((r) => r.pod.replace(/-[a-z0-9]{5}$/, '')))).toEqual(
          new Set([renderJobName(renderWorkflowId(config.taskQueue, result.cacheKey), 0, 0)]),
        );
        expect(digestRuns).toHaveLength(1);
        expect(result.attempts.filter((a) => a.ok)).toHaveLength(1);
        await client.close();
      } finally {
        child?.kill('SIGKILL');
        await p?.stop();
        rig().fake.behaviour.stepMs = 5;
      }
    },
  );

  it("a group of three pictures is one Job with one model load, each picture charged its share of the pod's time", async () => {
    await rig().fake.restart(0);
    const p = await pipeline();
    try {
      const req: RenderGroupRequest = {
        groupId: `k8s-group-${randomUUID().slice(0, 8)}`,
        tasks: [1, 2, 3].map((i) => ({
          taskId: `page-${i}`,
          spec: {
            cacheKey: `c${i}`,
            prompt: `a cute baby hedgehog number ${i}`,
            negativePrompt: 'scary',
            width: 512,
            height: 512,
            seed: i,
            style: 'storybook',
          },
        })),
      };
      const result: RenderGroupResult = await p.client.temporal.workflow.execute('renderGroup', {
        workflowId: groupWorkflowId(req.groupId),
        taskQueue: p.config.taskQueue,
        args: [req],
      });
      expect(result.backend).toBe('kubernetes');
      expect(result.job).toBe(renderJobName(groupWorkflowId(req.groupId), 0, 0));
      const runs = podsRunFor(result.job!);
      expect(runs).toHaveLength(1);
      expect(rig().fake.modelLoads).toBe(1);
      expect(result.tasks.filter((t) => t.modelLoad).map((t) => t.taskId)).toEqual(['page-1']);
      for (const t of result.tasks) expect(await p.worker.deps.store.head(t.outputKey)).toBeTruthy();
      // The pod's running time, split: the shares sum to the group's GPU time.
      expect(Math.abs(result.gpuSeconds - (runs[0]!.finishedAt!.getTime() - runs[0]!.startedAt!.getTime()) / 1000)).toBeLessThanOrEqual(1.01);
      expect(Math.round(result.tasks.reduce((s, t) => s + t.gpuSeconds, 0) * 100)).toBe(Math.round(result.gpuSeconds * 100));
      expect(result.tasks.every((t) => (t.inferenceMs ?? 0) > 0)).toBe(true);
      // What the pod's ComfyUI was, as the runner reported it, travels with the group's result.
      expect(result.environment?.comfyuiVersion).toBe('0.3.66');
    } finally {
      await p.stop();
    }
  });

  it('a batch of 25 cache misses with 10 per Job launches exactly 3 Jobs, and every picture is charged its share', async () => {
    const p = await pipeline();
    try {
      const tag = uniqueTag();
      const manifest = ['id,prompt,size', ...Array.from({ length: 25 }, (_, i) => `p${i},a cute baby seal number ${i} ${tag},small`)].join('\n');
      const batches = new BatchClient(p.client.temporal, p.config.taskQueue, p.worker.deps.store);
      const { batchId } = await batches.start(Buffer.from(manifest), { groupSize: 10, maxConcurrentJobs: 2, fileName: 'seals.csv' });
      const result = await batches.result(batchId);
      expect(result.counts).toMatchObject({ done: 25, completed: 25, failed: 0 });
      const jobs = new Set(
        rig()
          .agent.runs.filter((r) => r.namespace === rig().ns.name && r.pod.startsWith('cc-'))
          .map((r) => r.pod.replace(/-[a-z0-9]{5}$/, '')),
      );
      const groupJobs = [0, 1, 2].map((g) => renderJobName(groupWorkflowId(`${batchId}-w0-g${g}`), 0, 0));
      expect([...jobs].filter((j) => groupJobs.includes(j)).sort()).toEqual([...groupJobs].sort());
      expect(rig().agent.runs.filter((r) => groupJobs.some((j) => r.pod.startsWith(`${j}-`)))).toHaveLength(3);
      // The report charges each picture its share; they sum to the three pods' running time.
      const rows = JSON.parse((await p.worker.deps.store.get(result.report.json)).toString()) as { items: { gpuSeconds: number; imageKey: string }[] };
      // Each picture's provenance names what the group's GPU run loaded.
      const provenance = JSON.parse(readPngText(await p.worker.deps.store.get(rows.items[0]!.imageKey))['cubcanvas:provenance']!) as {
        environment?: { comfyuiVersion?: string };
      };
      expect(provenance.environment?.comfyuiVersion).toBe('0.3.66');
      const podSeconds = rig()
        .agent.runs.filter((r) => groupJobs.some((j) => r.pod.startsWith(`${j}-`)))
        .reduce((s, r) => s + (r.finishedAt!.getTime() - r.startedAt!.getTime()) / 1000, 0);
      expect(Math.abs(rows.items.reduce((s, r) => s + r.gpuSeconds, 0) - podSeconds)).toBeLessThanOrEqual(3.1);
    } finally {
      await p.stop();
    }
  });

  it('cancelling the request deletes the Job and its pod, and the GPU time used is charged', async () => {
    rig().fake.behaviour.stepMs = 500;
    const p = await pipeline();
    try {
      const requestId = `k8s-cancel-${randomUUID().slice(0, 8)}`;
      await p.client.start({ prompt: uniquePrompt('lamb'), size: 'small', requestId });
      const name = await jobName(p);
      await until('sampling', async () => ((await p.client.progress(requestId)).render?.phase === 'sampling' ? true : undefined), 30_000);
      await new Promise((r) => setTimeout(r, 1500));
      await p.client.cancel(requestId);
      await expect(p.client.result(requestId)).rejects.toBeDefined();
      const batch = rig().ns.admin.makeApiClient(BatchV1Api);
      await until(
        'Job and pod deleted',
        async () => {
          const jobs = await batch.listNamespacedJob({ namespace: rig().ns.name, fieldSelector: `metadata.name=${name}` });
          const left = await rig().leftovers();
          return jobs.items.length === 0 && !left.pods.some((x) => x.startsWith(name)) ? true : undefined;
        },
        30_000,
      );
      const ledger = await until(
        'the ledger record',
        async () => {
          const key = ledgerEntryKey(utcDay(new Date()), requestId);
          return (await p.worker.deps.store.head(key))
            ? (JSON.parse((await p.worker.deps.store.get(key)).toString()) as { outcome: string; attempts: { gpuSeconds: number }[] })
            : undefined;
        },
        60_000,
      );
      expect(ledger).toMatchObject({ outcome: 'cancelled', charged: true });
      expect(ledger.attempts[0]).toMatchObject({
        backend: 'kubernetes',
        gpuType: 'A10G',
        ok: false,
        reasons: [expect.stringMatching(/^stopped: the render was cancelled/)],
      });
      expect(ledger.attempts[0]!.gpuSeconds).toBeGreaterThan(0);
    } finally {
      await p.stop();
      rig().fake.behaviour.stepMs = 5;
    }
  }, 150_000);

  it('an image that cannot be pulled fails the request as RenderFailed without a second Job', async () => {
    rig().agent.injectFaults(() => ({ kind: 'imagePull' }));
    const p = await pipeline();
    try {
      const requestId = `k8s-pull-${randomUUID().slice(0, 8)}`;
      await p.client.start({ prompt: uniquePrompt('robin'), size: 'small', requestId });
      const name = await jobName(p);
      const err = (await p.client.result(requestId).catch((e: unknown) => e)) as RequestFailedError;
      expect(err).toBeInstanceOf(RequestFailedError);
      expect(err.type).toBe('RenderFailed');
      expect(err.message).toMatch(/ImagePullBackOff|ErrImagePull/);
      // Not retried: one Job, never launch 1.
      const batch = rig().ns.admin.makeApiClient(BatchV1Api);
      expect((await batch.listNamespacedJob({ namespace: rig().ns.name, fieldSelector: `metadata.name=${name.replace(/-l0$/, '-l1')}` })).items).toHaveLength(
        0,
      );
    } finally {
      rig().agent.injectFaults(() => undefined);
      await p.stop();
    }
  });
});

describe('the render Job sweeper', () => {
  it("deletes Jobs whose render workflow is closed and keeps those whose render runs, from its Schedule's workflow and from the CLI", async () => {
    const p = await pipeline();
    const batch = rig().ns.admin.makeApiClient(BatchV1Api);
    const orphan = (renderId: string, name: string) =>
      batch.createNamespacedJob({
        namespace: rig().ns.name,
        body: {
          metadata: {
            name,
            labels: { [LABEL.managedBy]: MANAGED_BY, [LABEL.render]: renderDigest(renderId) },
            annotations: { [ANNOTATION.renderId]: renderId },
          },
          // Suspended: no pod, only the object a dead worker would have left.
          spec: { suspend: true, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'runner', image: 'x' }] } } },
        },
      });
    try {
      // A render still running (a long workflow of the pipeline's own task queue) keeps its Job.
      const running = await p.client.temporal.workflow.start('renderImage', {
        workflowId: `render-${p.config.taskQueue}-sweeper-keep`,
        taskQueue: `${p.config.taskQueue}-nobody-polls`,
        args: [{ spec: {} }],
      });
      await orphan(running.workflowId, 'cc-sweeper-keep');
      await orphan(`render-${p.config.taskQueue}-never-existed`, 'cc-sweeper-orphan');
      const report = await p.client.temporal.workflow.execute('sweepRenderJobs', {
        workflowId: `sweep-${randomUUID()}`,
        taskQueue: p.config.taskQueue,
        args: [{}],
      });
      expect(report).toMatchObject({ namespace: rig().ns.name, dryRun: false });
      expect((report as { deleted: { job: string }[] }).deleted.map((d) => d.job)).toEqual(['cc-sweeper-orphan']);
      expect((report as { kept: string[] }).kept).toContain('cc-sweeper-keep');
      await running.terminate('test over');
      // Now closed: the CLI's sweep finds it (dry run first: nothing deleted).
      const { execFileSync } = await import('node:child_process');
      const { join } = await import('node:path');
      const { projectRoot } = await import('../toolchain/pypi-binary');
      const env = {
        ...process.env,
        ...rig().env,
        TEMPORAL_ADDRESS: inject('temporalAddress'),
        CUBCANVAS_TASK_QUEUE: p.config.taskQueue,
        CUBCANVAS_DATA_DIR: p.config.dataDir,
      };
      const dry = JSON.parse(execFileSync(join(projectRoot, 'bin', 'cubcanvas'), ['k8s', 'sweep', '--dry-run', '--json'], { env, encoding: 'utf8' })) as {
        deleted: { job: string }[];
        dryRun: boolean;
      };
      expect(dry.dryRun).toBe(true);
      expect(dry.deleted.map((d) => d.job)).toEqual(['cc-sweeper-keep']);
      expect((await batch.readNamespacedJob({ name: 'cc-sweeper-keep', namespace: rig().ns.name })).metadata?.name).toBe('cc-sweeper-keep');
      const text = execFileSync(join(projectRoot, 'bin', 'cubcanvas'), ['k8s', 'sweep'], { env, encoding: 'utf8' });
      expect(text).toContain('deleted cc-sweeper-keep');
      await until('swept', async () => ((await rig().leftovers()).jobs.some((j) => j.startsWith('cc-sweeper')) ? undefined : true), 20_000);
    } finally {
      await p.stop();
    }
  });

  it('every worker with the kubernetes backend keeps the sweeper Schedule at the configured interval', async () => {
    const p = await pipeline();
    try {
      const config = loadConfig({ ...rig().env, CUBCANVAS_TASK_QUEUE: p.config.taskQueue, CUBCANVAS_K8S_SWEEP_MINUTES: '7' });
      expect(await ensureSweeperSchedule(p.client.temporal, config)).toBe('created');
      expect(
        await ensureSweeperSchedule(
          p.client.temporal,
          loadConfig({ ...rig().env, CUBCANVAS_TASK_QUEUE: p.config.taskQueue, CUBCANVAS_K8S_SWEEP_MINUTES: '3' }),
        ),
      ).toBe('updated');
      const handle = p.client.temporal.schedule.getHandle(sweeperScheduleId(p.config.taskQueue));
      const described = await handle.describe();
      expect(described.spec.intervals?.[0]?.every).toBe(3 * 60_000);
      expect(described.action).toMatchObject({ workflowType: 'sweepRenderJobs', taskQueue: p.config.taskQueue });
      await handle.delete();
    } finally {
      await p.stop();
    }
  });
});
