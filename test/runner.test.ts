// The in-pod runner as a real process against the ComfyUI double: one model load for many tasks,
// the manifest, exit codes, SIGTERM, and ComfyUI failing or restarting under it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { freePort } from '../toolchain/free-port';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { projectRoot } from '../toolchain/pypi-binary';
import { FsBlobStore } from '../storage/fs-store';
import { S3BlobStore } from '../storage/s3-store';
import { startSeaweed, type SeaweedServer } from '../toolchain/seaweedfs';
import type { RunManifest, RunnerJob } from '../runner/contract';
import { loadCatalog } from '../render/comfyui/graph';
import { FakeComfyUi } from './support/fake-comfyui';
import { until } from './support/until';

let fake: FakeComfyUi;
let dataDir: string;
let store: FsBlobStore;

beforeEach(async () => {
  fake = new FakeComfyUi();
  await fake.start();
  dataDir = mkdtempSync(join(tmpdir(), 'cubcanvas-runner-'));
  store = new FsBlobStore(join(dataDir, 'store'));
});
afterEach(async () => {
  await fake.stop();
});

function job(n: number, extra: Partial<RunnerJob> = {}): RunnerJob {
  return {
    runId: 'run-1',
    manifestKey: 'staging/runs/run-1/manifest.json',
    tasks: Array.from({ length: n }, (_, i) => ({
      taskId: `t${i}`,
      outputKey: `staging/runs/run-1/t${i}.png`,
      spec: { prompt: `a cute fox number ${i}`, negativePrompt: 'scary', width: 512, height: 512, seed: 100 + i },
    })),
    ...extra,
  };
}

interface RunnerRun {
  code: number | null;
  events: Record<string, unknown>[];
  stderr: string;
}

function startRunner(
  jobValue: unknown,
  env: Record<string, string> = {},
  onEvent?: (e: Record<string, unknown>, kill: () => void) => void,
  root = projectRoot,
): Promise<RunnerRun> {
  const file = join(dataDir, 'job.json');
  writeFileSync(file, typeof jobValue === 'string' ? jobValue : JSON.stringify(jobValue));
  const proc = spawn(process.execPath, ['--import', 'tsx', join(root, 'runner', 'main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      CUBCANVAS_DATA_DIR: dataDir,
      CUBCANVAS_STORAGE: 'fs',
      RUNNER_COMFYUI_URL: fake.url,
      RUNNER_JOB_FILE: file,
      RUNNER_READY_TIMEOUT_SECONDS: '20',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const events: Record<string, unknown>[] = [];
  let buffer = '';
  let stderr = '';
  proc.stdout.on('data', (c: Buffer) => {
    buffer += c.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      const e = JSON.parse(line) as Record<string, unknown>;
      events.push(e);
      onEvent?.(e, () => proc.kill('SIGTERM'));
    }
  });
  proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => proc.once('exit', (code) => resolve({ code, events, stderr })));
}

const manifestOf = async () => JSON.parse((await store.get('staging/runs/run-1/manifest.json')).toString()) as RunManifest;

describe('runner', () => {
  it('renders several tasks with one model load and writes the manifest', async () => {
    fake.behaviour.modelLoadMs = 400;
    const run = await startRunner(job(3));
    expect(run.code, run.stderr).toBe(0);
    expect(fake.modelLoads).toBe(1);
    // The graph was checked against the server's node schemas once: one request per node class.
    expect(fake.objectInfoRequests).toBe(Object.keys(loadCatalog().coreNodes).length);
    const m = await manifestOf();
    expect(m).toMatchObject({
      runId: 'run-1',
      status: 'completed',
      exitCode: 0,
      graph: 'qwen-image-lightning-8step',
      graphVersion: 'qwen-image-lightning-8step@1',
      gpu: { name: 'NVIDIA A10G' },
      comfyuiVersion: '0.3.66',
    });
    expect(m.tasks.map((t) => [t.status, t.modelLoad])).toEqual([
      ['done', true],
      ['done', false],
      ['done', false],
    ]);
    expect(m.tasks[0]!.timings!.loadMs).toBeGreaterThanOrEqual(350);
    expect(m.tasks[1]!.timings!.loadMs).toBeLessThan(200);
    for (const t of m.tasks) expect((await sharp(await store.get(t.outputKey)).metadata()).width).toBe(512);
    // Progress is visible while it runs, as JSON lines.
    expect(run.events.filter((e) => e.event === 'progress' && e.phase === 'sampling').length).toBe(24);
    expect(run.events.at(-1)!.event).toBe('manifest');
  });

  it('skips tasks whose output an earlier run already uploaded', async () => {
    await store.put('staging/runs/run-1/t0.png', Buffer.from('already here'));
    const run = await startRunner(job(2));
    expect(run.code).toBe(0);
    expect((await manifestOf()).tasks.map((t) => t.status)).toEqual(['skipped', 'done']);
    expect(fake.submitted).toHaveLength(1);
  });

  it('exits 20 when ComfyUI rejects the graph, finishing the other tasks', async () => {
    fake.behaviour.rejectNextOnNode = '6';
    const run = await startRunner(job(2));
    expect(run.code).toBe(20);
    const m = await manifestOf();
    expect(m.status).toBe('failed');
    expect(m.tasks[0]).toMatchObject({ status: 'failed', attempts: 1, error: { type: 'RenderFailed', retryable: false } });
    expect(m.tasks[0]!.error!.message).toContain('node 6 (CLIPTextEncode)');
    expect(m.tasks[1]!.status).toBe('done');
  });

  it("checks the graph against the server's own /object_info first: a missing model file fails the run before any prompt", async () => {
    fake.behaviour.models = fake.behaviour.models.filter((m) => !m.includes('Lightning'));
    const run = await startRunner(job(2));
    expect(run.code).toBe(20);
    expect(fake.submitted).toHaveLength(0);
    const m = await manifestOf();
    expect(m.tasks.map((t) => t.status)).toEqual(['failed', 'failed']);
    expect(m.tasks[0]!.error).toMatchObject({ type: 'GraphRejected', retryable: false });
    expect(m.tasks[0]!.error!.message).toMatch(
      /cannot run graph "qwen-image-lightning-8step": node 4 input "lora_name": "Qwen-Image-Lightning-8steps-V1.0.safetensors" is not one of \[\]/,
    );
  });

  it('retries a task after CUDA out of memory, and exits 10 when retries run out', async () => {
    fake.behaviour.oomNextAtStep = 2;
    const retried = await startRunner(job(1));
    expect(retried.code).toBe(0);
    expect((await manifestOf()).tasks[0]).toMatchObject({ status: 'done', attempts: 2 });
    fake.behaviour.oomNextAtStep = 2;
    await store.delete('staging/runs/run-1/t0.png');
    const exhausted = await startRunner(job(1), { RUNNER_TASK_RETRIES: '0' });
    expect(exhausted.code).toBe(10);
    expect((await manifestOf()).tasks[0]!.error!.message).toContain('CUDA out of memory');
  });

  it('survives ComfyUI restarting mid-task: the prompt is submitted again', async () => {
    fake.behaviour.stepMs = 30;
    fake.behaviour.restartAtStep = 3;
    const run = await startRunner(job(2));
    expect(run.code, run.stderr).toBe(0);
    expect(fake.restarts).toBe(1);
    expect((await manifestOf()).tasks.map((t) => t.status)).toEqual(['done', 'done']);
  });

  it('on SIGTERM interrupts the current prompt, writes a partial manifest and exits 10', async () => {
    fake.behaviour.stepMs = 80;
    const run = await startRunner(job(3), {}, (e, kill) => {
      if (e.event === 'progress' && e.taskId === 't1' && e.value === 2) kill();
    });
    expect(run.code).toBe(10);
    const m = await manifestOf();
    expect(m.status).toBe('interrupted');
    expect(m.tasks.map((t) => t.status)).toEqual(['done', 'interrupted', 'pending']);
    await until('the interrupt to reach ComfyUI', async () => (fake.interrupts.length ? true : undefined), 2000);
    expect(fake.interrupts).toEqual([fake.submitted[1]!.promptId]);
  });

  it('starts ComfyUI itself when given the command, waits for it, and stops it at the end', async () => {
    await fake.stop();
    const port = await freePort();
    const command = `FAKE_COMFYUI_PORT=${port} FAKE_COMFYUI_BOOT_MS=800 exec "${process.execPath}" --import tsx "${join(projectRoot, 'test', 'support', 'fake-comfyui-main.ts')}"`;
    const run = await startRunner(job(2), { RUNNER_COMFYUI_COMMAND: command, RUNNER_COMFYUI_URL: `http://127.0.0.1:${port}` });
    expect(run.code, run.stderr).toBe(0);
    const m = await manifestOf();
    expect(m.readyMs).toBeGreaterThanOrEqual(800);
    expect(m.tasks.map((t) => t.status)).toEqual(['done', 'done']);
    expect(run.events.map((e) => e.event)).toContain('starting_comfyui');
    // The runner stopped the ComfyUI it started.
    await until(
      'ComfyUI to stop',
      async () =>
        (await fetch(`http://127.0.0.1:${port}/system_stats`).then(
          () => false,
          () => true,
        ))
          ? true
          : undefined,
      5000,
    );
  });

  it('exits 10 when ComfyUI never becomes ready, and 20 on an invalid job', async () => {
    await fake.stop();
    const down = await startRunner(job(1), { RUNNER_READY_TIMEOUT_SECONDS: '1' });
    expect(down.code).toBe(10);
    expect((await manifestOf()).tasks[0]!.error!.message).toMatch(/not ready after 1 s/);
    const invalid = await startRunner({ runId: 'x', tasks: [{ taskId: 't', spec: { prompt: 'p', width: 'big' } }] });
    expect(invalid.code).toBe(20);
    expect(invalid.stderr).toMatch(
      /invalid job: manifestKey must be a non-empty string; tasks\[0\]\.outputKey must be a non-empty string; tasks\[0\]\.spec needs prompt and negativePrompt strings; tasks\[0\]\.spec\.width must be an integer/,
    );
    // A bad setting is named, and not retried.
    const badSetting = await startRunner(job(1), { RUNNER_TASK_RETRIES: 'many' });
    expect(badSetting.code).toBe(20);
    expect(badSetting.stderr).toContain('configuration RUNNER_TASK_RETRIES: "many" is not an integer in 0..10');
  });
});

describe('runner image', () => {
  it('clones a pinned ComfyUI release from Comfy-Org/ComfyUI and starts it without PNG metadata', () => {
    const dockerfile = readFileSync(join(projectRoot, 'runner', 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^ARG COMFYUI_VERSION=v\d+\.\d+\.\d+$/m);
    expect(dockerfile).toMatch(/git clone --depth 1 --branch "\$\{COMFYUI_VERSION\}" https:\/\/github\.com\/Comfy-Org\/ComfyUI /);
    expect(dockerfile).not.toContain('comfyanonymous/ComfyUI /comfyui');
    const command = /RUNNER_COMFYUI_COMMAND="([^"]+)"/.exec(dockerfile)?.[1];
    // Without it SaveImage writes the prompt graph, the child's prompt text included, into the PNG.
    expect(command?.split(/\s+/)).toContain('--disable-metadata');
    // The address it listens on is the one the runner is told to use.
    expect(command).toContain('--listen 127.0.0.1 --port 8188');
    expect(dockerfile).toContain('RUNNER_COMFYUI_URL=http://127.0.0.1:8188');
  });

  it('runs from exactly the files runner/Dockerfile copies into it', async () => {
    // No Docker engine here: rebuild the image's /app from its COPY lines and run the runner there,
    // so a module the runner needs but the image lacks fails this test instead of a GPU pod.
    const dockerfile = readFileSync(join(projectRoot, 'runner', 'Dockerfile'), 'utf8');
    const app = mkdtempSync(join(tmpdir(), 'cubcanvas-runner-image-'));
    const copies = [...dockerfile.matchAll(/^COPY\s+(.+)$/gm)].map((m) => m[1]!.trim().split(/\s+/));
    expect(copies.length).toBeGreaterThan(5);
    for (const parts of copies) {
      const dest = parts.at(-1)!;
      for (const src of parts.slice(0, -1)) {
        expect(existsSync(join(projectRoot, src)), `COPY source ${src}`).toBe(true);
        // Destinations inside /app are relative to WORKDIR; the ComfyUI config goes elsewhere.
        if (dest.startsWith('/') && !dest.startsWith('/app')) continue;
        const target = dest.endsWith('/') || dest === '.' || dest === './' ? join(app, src) : join(app, dest.replace(/^\/app\/?/, ''));
        cpSync(join(projectRoot, src), target, { recursive: true });
      }
    }
    // `npm ci` in the image: the same packages.
    symlinkSync(join(projectRoot, 'node_modules'), join(app, 'node_modules'));
    const run = await startRunner(job(1), {}, undefined, app);
    // The first line only: the rest is a stack trace through the copied tree.
    expect(
      run.code,
      run.stderr.split('\n').find((l) => /^(Error|runner):/.test(l)),
    ).toBe(0);
    expect(run.events.some((e) => e.event === 'task_done')).toBe(true);
    expect(await store.head('staging/runs/run-1/t0.png')).toBeDefined();
  });
});

describe('runner and an object-storage outage', () => {
  let seaweed: SeaweedServer | undefined;
  afterEach(async () => {
    await seaweed?.stop();
    seaweed = undefined;
  });

  it('keeps a rendered picture through a storage outage and uploads it when the store is back, rendering nothing twice', async () => {
    seaweed = await startSeaweed({ dir: mkdtempSync(join(tmpdir(), 'cubcanvas-seaweed-')), buckets: ['runner-outage'] });
    const s3 = seaweed;
    fake.behaviour.stepMs = 120;
    let outage: Promise<void> | undefined;
    const run = await startRunner(
      job(2),
      {
        CUBCANVAS_STORAGE: 's3',
        CUBCANVAS_S3_BUCKET: 'runner-outage',
        CUBCANVAS_S3_ENDPOINT: s3.endpoint,
        CUBCANVAS_S3_FORCE_PATH_STYLE: 'true',
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: s3.accessKeyId,
        AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
      },
      (e) => {
        // The store goes down while the first picture is being drawn, and comes back 4 s later.
        if (!outage && e.event === 'progress' && e.taskId === 't0' && e.phase === 'sampling' && Number(e.value) >= 2) {
          outage = s3
            .stop()
            .then(() => new Promise((resolve) => setTimeout(resolve, 4000)))
            .then(() => s3.start());
        }
      },
    );
    await outage;
    expect(run.code, run.stderr).toBe(0);
    const retries = run.events.filter((e) => e.event === 'storage_retry');
    expect(retries.length).toBeGreaterThan(0);
    expect(retries[0]).toMatchObject({ what: 'output' });
    // Each picture was drawn once: the upload waited for the store instead of the task rendering again.
    expect(fake.submitted).toHaveLength(2);
    const store = new S3BlobStore({
      bucket: 'runner-outage',
      endpoint: s3.endpoint,
      region: 'us-east-1',
      prefix: '',
      forcePathStyle: true,
      urlExpirySeconds: 600,
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    });
    for (const key of ['staging/runs/run-1/t0.png', 'staging/runs/run-1/t1.png', 'staging/runs/run-1/manifest.json'])
      expect(await store.head(key), key).toBeDefined();
    const manifest = JSON.parse((await store.get('staging/runs/run-1/manifest.json')).toString()) as RunManifest;
    expect(manifest.tasks.map((t) => [t.status, t.attempts])).toEqual([
      ['done', 1],
      ['done', 1],
    ]);
  }, 90_000);
});
