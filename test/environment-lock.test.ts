// The environment lock: the runner (in-process and as the real program) and the comfyui backend
// hash every model file the graph loads, find it through extra_model_paths.yaml as ComfyUI does,
// cache the hash by path, size and mtime, fail a render whose file differs from the pin before any
// prompt is queued, and the hashes reach the published picture's provenance (cache hits included).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPngText } from '../imaging/png-text';
import type { ModelFileHash, RenderEnvironment } from '../domain/pipeline';
import { ComfyUiBackend } from '../render/comfyui/comfyui-backend';
import { createModelLock, type ModelLock } from '../render/comfyui/environment-lock';
import { loadCatalog, type ModelFileEntry } from '../render/comfyui/graph';
import { ModelHashCache, modelHashKey } from '../render/comfyui/model-hashes';
import { loadModelFolders } from '../render/comfyui/model-files';
import type { RunManifest, RunnerJob } from '../runner/contract';
import { runJob } from '../runner/run-job';
import { FsBlobStore } from '../storage/fs-store';
import { projectRoot } from '../toolchain/pypi-binary';
import { FakeComfyUi } from './support/fake-comfyui';
import { startPipeline, uniquePrompt, type TestPipeline } from './support/pipeline';

/** The files the default graph (qwen-image-lightning-8step) loads, by folder, with small stand-in contents. */
const MODEL_FILES = [
  ['diffusion_models', 'qwen_image_fp8_e4m3fn.safetensors'],
  ['text_encoders', 'qwen_2.5_vl_7b_fp8_scaled.safetensors'],
  ['vae', 'qwen_image_vae.safetensors'],
  ['loras', 'Qwen-Image-Lightning-8steps-V1.0.safetensors'],
] as const;

/** A models volume laid out as runner/extra_model_paths.yaml describes it, with its YAML beside it. */
function modelsVolume(): { dir: string; yaml: string; expected: ModelFileHash[] } {
  const dir = mkdtempSync(join(tmpdir(), 'cubcanvas-models-'));
  const expected = MODEL_FILES.map(([folder, name]) => {
    mkdirSync(join(dir, 'models', folder), { recursive: true });
    const body = Buffer.from(`${folder}/${name} ${randomUUID()}`.repeat(1000));
    writeFileSync(join(dir, 'models', folder, name), body);
    return { name: `${folder}/${name}`, sha256: createHash('sha256').update(body).digest('hex'), bytes: body.length };
  });
  const yaml = join(dir, 'extra_model_paths.yaml');
  // The runner image's file, with base_path pointed at this volume; "clip"/"unet" are the legacy names.
  writeFileSync(
    yaml,
    readFileSync(join(projectRoot, 'runner', 'extra_model_paths.yaml'), 'utf8')
      .replace('base_path: /models', `base_path: ${join(dir, 'models')}`)
      .replace('text_encoders: text_encoders', 'clip: |\n    text_encoders\n    clip'),
  );
  return { dir, yaml, expected };
}

const job = (runId: string): RunnerJob => ({
  runId,
  manifestKey: `staging/runs/${runId}/manifest.json`,
  tasks: [
    { taskId: 't0', outputKey: `staging/runs/${runId}/t0.png`, spec: { prompt: 'a cute fox', negativePrompt: 'scary', width: 256, height: 256, seed: 7 } },
  ],
});

let fake: FakeComfyUi;
beforeAll(async () => {
  fake = new FakeComfyUi();
  await fake.start();
});
afterAll(async () => {
  await fake?.stop();
});

const run = (lock: ModelLock, runId = `run-${randomUUID().slice(0, 8)}`) =>
  runJob({
    job: job(runId),
    store: new FsBlobStore(mkdtempSync(join(tmpdir(), 'lock-store-'))),
    comfyuiUrl: fake.url,
    readyTimeoutMs: 10_000,
    taskRetries: 0,
    signal: new AbortController().signal,
    emit: () => undefined,
    modelLock: lock,
    comfyuiRevision: 'abc123',
  });

describe('environment lock in the runner', () => {
  it('reports the ComfyUI version, revision and the SHA-256 of every model file the graph loads', async () => {
    const vol = modelsVolume();
    const lock = createModelLock({ yamlPath: vol.yaml, setting: 'RUNNER_EXTRA_MODEL_PATHS', pins: [] });
    const manifest = await run(lock);
    expect(manifest.status).toBe('completed');
    expect(manifest.environment).toEqual({ comfyuiVersion: '0.3.66', comfyuiRevision: 'abc123', models: vol.expected });
    // Cached beside the models (the first base_path), as the default says.
    expect(Object.keys(JSON.parse(readFileSync(join(vol.dir, 'models', '.cubcanvas-model-hashes.json'), 'utf8')) as object)).toHaveLength(4);
  });

  it('a pinned hash that does not match fails the render as RenderFailed naming the file, before any prompt', async () => {
    const vol = modelsVolume();
    const pins: ModelFileEntry[] = [
      { file: 'qwen_image_fp8_e4m3fn.safetensors', folder: 'models/diffusion_models', sha256: vol.expected[0]!.sha256 },
      { file: 'qwen_image_vae.safetensors', folder: 'models/vae', sha256: 'f'.repeat(64) },
    ];
    const before = fake.submitted.length;
    const manifest = await run(createModelLock({ yamlPath: vol.yaml, setting: 'RUNNER_EXTRA_MODEL_PATHS', pins }));
    expect(manifest).toMatchObject({ status: 'failed', exitCode: 20 });
    expect(manifest.tasks[0]!.error).toMatchObject({
      type: 'RenderFailed',
      retryable: false,
      message: expect.stringContaining('vae/qwen_image_vae.safetensors'),
    });
    expect(manifest.tasks[0]!.error!.message).toContain('f'.repeat(64));
    expect(fake.submitted.length).toBe(before);
  });

  it('the matching pins let the render run', async () => {
    const vol = modelsVolume();
    const pins = vol.expected.map((m, i) => ({ file: MODEL_FILES[i]![1], folder: `models/${MODEL_FILES[i]![0]}`, sha256: m.sha256 }));
    const manifest = await run(createModelLock({ yamlPath: vol.yaml, setting: 'RUNNER_EXTRA_MODEL_PATHS', pins }));
    expect(manifest.status).toBe('completed');
  });

  it('hashes a file once: a second run (a new process reading the cache file) reads no model file end to end', async () => {
    const vol = modelsVolume();
    const cacheFile = join(mkdtempSync(join(tmpdir(), 'hash-cache-')), 'hashes.json');
    const first = createModelLock({ yamlPath: vol.yaml, setting: 'X', hashCacheFile: cacheFile, pins: [] });
    await run(first);
    expect(first.hashes.hashed).toBe(4);
    const second = createModelLock({ yamlPath: vol.yaml, setting: 'X', hashCacheFile: cacheFile, pins: [] });
    const manifest = await run(second);
    expect(second.hashes.hashed).toBe(0);
    expect(manifest.environment?.models).toEqual(vol.expected);
    // A file replaced in place (new mtime) is hashed again, and only that one.
    const vae = join(vol.dir, 'models', 'vae', 'qwen_image_vae.safetensors');
    writeFileSync(vae, 'other weights');
    utimesSync(vae, new Date(), new Date(Date.now() + 5000));
    const third = createModelLock({ yamlPath: vol.yaml, setting: 'X', hashCacheFile: cacheFile, pins: [] });
    const after = await run(third);
    expect(third.hashes.hashed).toBe(1);
    expect(after.environment?.models.find((m) => m.name === 'vae/qwen_image_vae.safetensors')?.sha256).toBe(
      createHash('sha256').update('other weights').digest('hex'),
    );
  });

  it('the runner program wires it from its settings: REVISION, RUNNER_EXTRA_MODEL_PATHS, RUNNER_MODEL_HASH_CACHE', async () => {
    const vol = modelsVolume();
    const comfyDir = mkdtempSync(join(tmpdir(), 'comfyui-checkout-'));
    writeFileSync(join(comfyDir, 'REVISION'), 'e3f1c0ffee\n');
    const dataDir = mkdtempSync(join(tmpdir(), 'cubcanvas-runner-'));
    const jobFile = join(dataDir, 'job.json');
    writeFileSync(jobFile, JSON.stringify(job('prog-run')));
    const runOnce = () =>
      new Promise<Record<string, unknown>[]>((resolve) => {
        const proc = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'runner', 'main.ts')], {
          cwd: projectRoot,
          env: {
            ...process.env,
            CUBCANVAS_DATA_DIR: dataDir,
            CUBCANVAS_STORAGE: 'fs',
            RUNNER_COMFYUI_URL: fake.url,
            RUNNER_JOB_FILE: jobFile,
            RUNNER_COMFYUI_DIR: comfyDir,
            RUNNER_EXTRA_MODEL_PATHS: vol.yaml,
            RUNNER_MODEL_HASH_CACHE: join(dataDir, 'hashes.json'),
          },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let out = '';
        proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
        proc.once('exit', () =>
          resolve(
            out
              .trim()
              .split('\n')
              .map((l) => JSON.parse(l) as Record<string, unknown>),
          ),
        );
      });
    const events = await runOnce();
    const manifest = events.find((e) => e.event === 'manifest')?.manifest as RunManifest;
    expect(manifest.environment).toEqual({ comfyuiVersion: '0.3.66', comfyuiRevision: 'e3f1c0ffee', models: vol.expected });
    expect(events.find((e) => e.event === 'environment')?.hashed).toBe(4);
    // The second pod start: the output exists (skipped), so start a new run id to render again.
    writeFileSync(jobFile, JSON.stringify(job('prog-run-2')));
    const again = await runOnce();
    expect(again.find((e) => e.event === 'environment')?.hashed).toBe(0);
  });
});

describe('model folders as ComfyUI resolves them', () => {
  it('is_default groups come first, then <ComfyUI>/models, then other groups; block values are one path per line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yaml-'));
    const yaml = join(dir, 'paths.yaml');
    writeFileSync(
      yaml,
      [
        '# comment',
        'later:',
        '  base_path: /b',
        '  loras: |',
        '    one',
        '    two',
        'first:',
        '  base_path: rel',
        '  is_default: true',
        '  unet: u  # legacy name',
      ].join('\n'),
    );
    const folders = loadModelFolders(yaml, 'X', '/comfy');
    expect(folders.loras).toEqual(['/comfy/models/loras', '/b/one', '/b/two']);
    expect(folders.diffusion_models).toEqual([join(dir, 'rel', 'u'), '/comfy/models/unet', '/comfy/models/diffusion_models']);
  });

  it('a bad file fails with the setting and the line', () => {
    const yaml = join(mkdtempSync(join(tmpdir(), 'yaml-')), 'bad.yaml');
    writeFileSync(yaml, 'group:\n  - not a folder line\n');
    expect(() => loadModelFolders(yaml, 'RUNNER_EXTRA_MODEL_PATHS', undefined)).toThrow(/RUNNER_EXTRA_MODEL_PATHS.*line 2/);
  });

  it('the manifest refuses a pin that is not a SHA-256', () => {
    const dir = mkdtempSync(join(tmpdir(), 'catalog-'));
    const src = loadCatalog().dir;
    for (const f of ['core-nodes.json', 'qwen-image-lightning-8step.json']) writeFileSync(join(dir, f), readFileSync(join(src, f)));
    const manifest = JSON.parse(readFileSync(join(src, 'manifest.json'), 'utf8')) as { models: ModelFileEntry[] };
    manifest.models[0]!.sha256 = 'not-a-hash';
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    expect(() => loadCatalog(dir)).toThrow(/qwen_image_fp8_e4m3fn.safetensors" sha256 must be 64/);
  });

  it('a hash cache file that cannot be written leaves the hashes in memory and says why', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'h-')), 'f.bin');
    writeFileSync(file, 'weights');
    // Under a regular file: no directory can be made there, whoever runs the test (root included).
    const cache = new ModelHashCache(join(file, 'sub', 'hashes.json'));
    expect((await cache.hash(file)).sha256).toBe(createHash('sha256').update('weights').digest('hex'));
    await cache.hash(file);
    expect(cache.hashed).toBe(1);
    expect(cache.saveError).toContain(join(file, 'sub', 'hashes.json'));
  });

  it('pods with read-only model volumes share hashes through the object store: one pod hashes, the next reads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shared-h-'));
    const file = join(dir, 'unet.safetensors');
    writeFileSync(file, 'unet weights v1');
    const store = new FsBlobStore(join(dir, 'store'));
    // No writable local file on either "pod": only the store is shared.
    const first = new ModelHashCache(undefined, store);
    const expected = createHash('sha256').update('unet weights v1').digest('hex');
    expect((await first.hash(file)).sha256).toBe(expected);
    expect(first.hashed).toBe(1);
    const second = new ModelHashCache(undefined, store);
    expect((await second.hash(file)).sha256).toBe(expected);
    expect(second.hashed).toBe(0);
    expect(second.fromShared).toBe(1);
    // A replaced file (other size and mtime) is a new key: hashed again, never the old hash.
    writeFileSync(file, 'unet weights version 2');
    const third = new ModelHashCache(undefined, store);
    expect((await third.hash(file)).sha256).toBe(createHash('sha256').update('unet weights version 2').digest('hex'));
    expect(third.hashed).toBe(1);
    // A damaged shared entry is not trusted.
    const { size, mtimeMs } = statSync(file);
    await store.put(modelHashKey(file, size, mtimeMs), Buffer.from('{"size":1,"sha256":"nope"}'));
    const fourth = new ModelHashCache(undefined, store);
    await fourth.hash(file);
    expect(fourth.hashed).toBe(1);
  });
});

describe('environment lock through the pipeline (comfyui backend)', () => {
  let p: TestPipeline;
  const vol = modelsVolume();
  beforeAll(async () => {
    p = await startPipeline({ env: { CUBCANVAS_BACKEND: 'comfyui', CUBCANVAS_COMFYUI_URL: fake.url, CUBCANVAS_COMFYUI_MODEL_PATHS: vol.yaml } });
  });
  afterAll(async () => {
    await p?.stop();
  });

  it('a pin that does not match fails the comfyui backend render as RenderFailed before /prompt', async () => {
    const pins: ModelFileEntry[] = [{ file: 'Qwen-Image-Lightning-8steps-V1.0.safetensors', folder: 'models/loras', sha256: '0'.repeat(64) }];
    const backend = new ComfyUiBackend(p.worker.deps.store, {
      url: fake.url,
      prices: { A10G: 4.8 },
      modelLock: createModelLock({ yamlPath: vol.yaml, setting: 'X', pins }),
    });
    const before = fake.submitted.length;
    const err = await backend
      .render(
        {
          cacheKey: 'pin',
          prompt: 'a cute fox',
          negativePrompt: 'scary',
          width: 256,
          height: 256,
          seed: 1,
          style: 'storybook',
          outputKey: 'staging/pin.png',
          attempt: 0,
        },
        { signal: new AbortController().signal, onProgress: () => undefined },
      )
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      type: 'RenderFailed',
      retryable: false,
      message: expect.stringContaining('loras/Qwen-Image-Lightning-8steps-V1.0.safetensors'),
    });
    expect(fake.submitted.length).toBe(before);
  });

  it('puts the hashes in the published provenance, and a cache hit keeps them', async () => {
    const prompt = uniquePrompt('duckling');
    const first = await p.client.generate({ prompt, size: 'small' });
    const second = await p.client.generate({ prompt, size: 'small' });
    if (first.status !== 'completed' || second.status !== 'completed') throw new Error('expected both completed');
    expect(second.cacheHit).toBe(true);
    for (const r of [first, second]) {
      const provenance = JSON.parse(readPngText(await p.worker.deps.store.get(r.imageKey))['cubcanvas:provenance']!) as { environment?: RenderEnvironment };
      expect(provenance.environment).toEqual({ comfyuiVersion: '0.3.66', models: vol.expected });
    }
  });
});
