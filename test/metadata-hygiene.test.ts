// Metadata hygiene: what ComfyUI's SaveImage writes into a picture (the graph with the child's
// prompt as tEXt "prompt" and "workflow", EXIF, XMP, zTXt) is gone from every stored copy — the
// comfyui backend's staging upload, the runner's upload, the cache, the published picture — with
// the pixels bit-exact. The double writes those chunks the way ComfyUI does (after IHDR).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { chunks, readPngText } from '../imaging/png-text';
import { stripPngMetadata, stripRenderMetadata } from '../imaging/strip-metadata';
import { ComfyUiBackend } from '../render/comfyui/comfyui-backend';
import { runJob } from '../runner/run-job';
import { FsBlobStore } from '../storage/fs-store';
import { cacheImageKey } from '../domain/storage-layout';
import { FakeComfyUi } from './support/fake-comfyui';
import { startPipeline, uniquePrompt, type TestPipeline } from './support/pipeline';

const GPU_PRICES = { A10G: 4.8, none: 0 };
const METADATA_TYPES = ['tEXt', 'zTXt', 'iTXt', 'eXIf'];

let fake: FakeComfyUi;
let p: TestPipeline;

beforeAll(async () => {
  fake = new FakeComfyUi();
  await fake.start();
  fake.behaviour.extraMetadata = true;
  p = await startPipeline({ env: { CUBCANVAS_BACKEND: 'comfyui', CUBCANVAS_COMFYUI_URL: fake.url } });
});
afterAll(async () => {
  await p?.stop();
  await fake?.stop();
});

const typesOf = (png: Buffer) => chunks(png).map((c) => c.type);
/** The compressed image data, concatenated: equal bytes mean equal pixels without a decode. */
const idat = (png: Buffer) =>
  Buffer.concat(
    chunks(png)
      .filter((c) => c.type === 'IDAT')
      .map((c) => png.subarray(c.dataStart, c.dataEnd)),
  );

/** The picture exactly as the double served it on GET /view, for the prompt whose text is given. */
async function servedPicture(promptText: string): Promise<Buffer> {
  const sub = fake.submitted.find((s) => JSON.stringify(s.prompt).includes(promptText));
  if (!sub) throw new Error(`no prompt with "${promptText}" was submitted`);
  const history = (await (await fetch(`${fake.url}/history/${sub.promptId}`)).json()) as Record<
    string,
    { outputs: Record<string, { images?: { filename: string; subfolder: string; type: string }[] }> }
  >;
  const image = Object.values(history[sub.promptId]!.outputs).flatMap((o) => o.images ?? [])[0]!;
  const q = new URLSearchParams({ filename: image.filename, subfolder: image.subfolder, type: image.type });
  return Buffer.from(await (await fetch(`${fake.url}/view?${q}`)).arrayBuffer());
}

describe('metadata hygiene', () => {
  it('the double writes what ComfyUI writes: prompt and workflow text, EXIF, XMP, zTXt', async () => {
    const backend = new ComfyUiBackend(new FsBlobStore(mkdtempSync(join(tmpdir(), 'hyg-'))), { url: fake.url, prices: GPU_PRICES });
    const word = `otter${randomUUID().slice(0, 6)}`;
    await backend.render(
      {
        cacheKey: 'k1',
        prompt: `a cute ${word}`,
        negativePrompt: 'scary',
        width: 256,
        height: 256,
        seed: 1,
        style: 'storybook',
        outputKey: 'staging/x.png',
        attempt: 0,
      },
      { signal: new AbortController().signal, onProgress: () => undefined },
    );
    const served = await servedPicture(word);
    expect(readPngText(served).prompt).toContain(word);
    expect(Object.keys(readPngText(served))).toContain('workflow');
    expect(typesOf(served)).toEqual(expect.arrayContaining(['eXIf', 'iTXt', 'zTXt']));
  });

  it('the comfyui backend stages the picture without them, pixels bit-exact', async () => {
    const store = new FsBlobStore(mkdtempSync(join(tmpdir(), 'hyg-')));
    const backend = new ComfyUiBackend(store, { url: fake.url, prices: GPU_PRICES });
    const word = `lamb${randomUUID().slice(0, 6)}`;
    await backend.render(
      {
        cacheKey: 'k2',
        prompt: `a cute ${word}`,
        negativePrompt: 'scary',
        width: 256,
        height: 256,
        seed: 2,
        style: 'storybook',
        outputKey: 'staging/y.png',
        attempt: 0,
      },
      { signal: new AbortController().signal, onProgress: () => undefined },
    );
    const staged = await store.get('staging/y.png');
    const served = await servedPicture(word);
    expect(typesOf(staged).filter((t) => METADATA_TYPES.includes(t))).toEqual([]);
    expect(staged.toString('latin1')).not.toContain(word);
    expect(idat(staged).equals(idat(served))).toBe(true);
    expect(staged.equals(stripPngMetadata(served))).toBe(true);
  });

  it('the runner uploads the picture without them (the kubernetes backend path)', async () => {
    const store = new FsBlobStore(mkdtempSync(join(tmpdir(), 'hyg-')));
    const word = `koala${randomUUID().slice(0, 6)}`;
    const manifest = await runJob({
      job: {
        runId: 'hyg-run',
        manifestKey: 'staging/runs/hyg-run/manifest.json',
        tasks: [
          {
            taskId: 't0',
            outputKey: 'staging/runs/hyg-run/t0.png',
            spec: { prompt: `a cute ${word}`, negativePrompt: 'scary', width: 256, height: 256, seed: 5 },
          },
        ],
      },
      store,
      comfyuiUrl: fake.url,
      readyTimeoutMs: 10_000,
      taskRetries: 0,
      signal: new AbortController().signal,
      emit: () => undefined,
    });
    expect(manifest.status).toBe('completed');
    const uploaded = await store.get('staging/runs/hyg-run/t0.png');
    expect(typesOf(uploaded).filter((t) => METADATA_TYPES.includes(t))).toEqual([]);
    expect(uploaded.toString('latin1')).not.toContain(word);
    expect(idat(uploaded).equals(idat(await servedPicture(word)))).toBe(true);
  });

  it('neither the cached nor the published picture of a request holds the prompt or the graph', async () => {
    const prompt = uniquePrompt('hedgehog');
    const word = prompt.split(' ')[5]!; // the unique number
    const result = await p.client.generate({ prompt, size: 'small' });
    if (result.status !== 'completed') throw new Error(`expected completed, got ${result.status}`);
    const cached = await p.worker.deps.store.get(cacheImageKey(result.cacheKey));
    const published = await p.worker.deps.store.get(result.imageKey);
    const served = await servedPicture(word);
    expect(readPngText(served).prompt).toContain(word);
    for (const picture of [cached, published]) {
      expect(picture.toString('latin1')).not.toContain(word);
      expect(picture.toString('latin1')).not.toContain('KSampler');
      expect(typesOf(picture)).not.toEqual(expect.arrayContaining(['eXIf']));
      expect(typesOf(picture)).not.toEqual(expect.arrayContaining(['zTXt']));
    }
    expect(typesOf(cached).filter((t) => METADATA_TYPES.includes(t))).toEqual([]);
    expect(idat(cached).equals(idat(served))).toBe(true);
    // Publishing adds cubcanvas's own provenance, and only that text.
    expect(Object.keys(readPngText(published)).sort()).toEqual(['Comment', 'Software', 'Source', 'cubcanvas:provenance']);
  });

  it('a picture that is not a PNG is written as a PNG with none of its EXIF', async () => {
    const jpeg = await sharp({ create: { width: 32, height: 24, channels: 3, background: { r: 200, g: 120, b: 40 } } })
      .withExif({ IFD0: { ImageDescription: 'a cute child named Alice' } })
      .jpeg({ quality: 95 })
      .toBuffer();
    expect(jpeg.toString('latin1')).toContain('Alice');
    const clean = await stripRenderMetadata(jpeg);
    expect(clean.toString('latin1')).not.toContain('Alice');
    expect(typesOf(clean).filter((t) => METADATA_TYPES.includes(t))).toEqual([]);
    const [a, b] = await Promise.all([sharp(jpeg).raw().toBuffer(), sharp(clean).removeAlpha().raw().toBuffer()]);
    expect(b.equals(a)).toBe(true);
  });
});
