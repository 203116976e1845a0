// The picture safety check inside the pipeline, on the real Temporal dev server with the real
// classifier: an unsafe verdict is regenerated with new seeds and then fails as UnsafeImage with the
// scores, nothing published; a safe picture is published with its scores in the provenance.
// The unsafe verdict is honest: a graph whose manifest sets limits of 0, which the real scores of
// the fake ComfyUI's pictures exceed.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RequestFailedError } from '../client/cubcanvas-client';
import type { PictureSafetyResult } from '../domain/picture-safety';
import type { RenderFailureInfo } from '../domain/pipeline';
import { publishedImageKey } from '../domain/storage-layout';
import { NsfwClassifier } from '../imaging/nsfw-classifier';
import { readPngText } from '../imaging/png-text';
import { ComfyUiBackend } from '../render/comfyui/comfyui-backend';
import { DEFAULT_GRAPH_DIR, loadCatalog } from '../render/comfyui/graph';
import { FsBlobStore } from '../storage/fs-store';
import { FakeComfyUi } from './support/fake-comfyui';
import { startPipeline, testConfig, uniquePrompt, type TestPipeline } from './support/pipeline';

let fake: FakeComfyUi;
let p: TestPipeline | undefined;

beforeAll(async () => {
  fake = new FakeComfyUi();
  await fake.start();
});
afterEach(async () => {
  await p?.stop();
  p = undefined;
});
afterAll(async () => {
  await fake?.stop();
});

/** The shipped graphs plus one that is the default graph with every unsafe class's limit at 0. */
function catalogWithStrictGraph() {
  const dir = mkdtempSync(join(tmpdir(), 'cubcanvas-graphs-'));
  cpSync(DEFAULT_GRAPH_DIR, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  manifest.graphs['strict-safety'] = { ...manifest.graphs[manifest.default], version: 'strict-safety@1', safety: { Porn: 0, Hentai: 0, Sexy: 0 } };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return loadCatalog(dir);
}

const sumOf = (scores: Record<string, number>) => Object.values(scores).reduce((s, v) => s + v, 0);

describe('the picture safety check in the pipeline', () => {
  it('regenerates a picture judged unsafe with new seeds, then fails as UnsafeImage with the scores and publishes nothing', async () => {
    const config = testConfig();
    const store = new FsBlobStore(join(config.dataDir, 'store'));
    const backend = new ComfyUiBackend(store, {
      url: fake.url,
      graph: 'strict-safety',
      gpuType: 'A10G',
      prices: config.gpuPrices,
      catalog: catalogWithStrictGraph(),
    });
    expect(backend.safetyLimits).toEqual({ Porn: 0, Hentai: 0, Sexy: 0 });
    p = await startPipeline({ config, overrides: { store, backend } });
    const submittedBefore = fake.submitted.length;
    const requestId = `unsafe-${randomUUID()}`;
    const err = await p.client.generate({ prompt: uniquePrompt('pig'), size: 'small', seed: 11, requestId }).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(RequestFailedError);
    const failure = err as RequestFailedError;
    expect(failure.type).toBe('UnsafeImage');
    expect(failure.message).toMatch(/^picture judged unsafe for children in 3 of 3 tries, not published: attempt 1 \(seed 11\): unsafe \(nsfwjs\): /);
    // Rendered three times, each with its own seed: regenerated like a picture that fails quality.
    expect(fake.submitted.length - submittedBefore).toBe(3);
    const details = failure.details as RenderFailureInfo;
    expect(details.unsafe).toHaveLength(3);
    expect(new Set(details.unsafe!.map((u) => u.seed)).size).toBe(3);
    for (const u of details.unsafe!) {
      const [nsfw] = u.results as [PictureSafetyResult];
      expect(nsfw).toMatchObject({ checker: 'nsfwjs', ok: false });
      expect(sumOf(nsfw.scores)).toBeCloseTo(1, 2);
      // Each reason is a real score over the graph's limit of 0.
      for (const reason of nsfw.reasons) expect(reason).toMatch(/^(Porn|Hentai|Sexy): \d\.\d{3} > 0$/);
    }
    // The attempts carry the same verdicts, and the GPU time is still charged.
    expect(details.attempts.map((a) => a.safety?.[0]?.ok)).toEqual([false, false, false]);
    expect(await store.head(publishedImageKey(requestId))).toBeFalsy();
  });

  it("publishes a safe picture with its scores in the result and in the PNG's provenance; one classifier serves every worker in the process", async () => {
    const first = await startPipeline({ config: testConfig() });
    const firstCheck = first.worker.deps.pictureChecks[0];
    await first.stop();
    p = await startPipeline({ config: testConfig() });
    expect(p.worker.deps.pictureChecks.map((c) => c.name)).toEqual(['nsfwjs']);
    expect(p.worker.deps.pictureChecks[0]).toBeInstanceOf(NsfwClassifier);
    expect(p.worker.deps.pictureChecks[0]).toBe(firstCheck);

    const requestId = `safe-${randomUUID()}`;
    const prompt = uniquePrompt('rabbit');
    const result = await p.client.generate({ prompt, size: 'square', requestId });
    if (result.status !== 'completed') throw new Error(`expected completed, got ${result.status}`);
    const [nsfw] = result.safety as [PictureSafetyResult];
    expect(nsfw).toMatchObject({ checker: 'nsfwjs', ok: true, reasons: [] });
    expect(sumOf(nsfw.scores)).toBeCloseTo(1, 2);
    expect(result.attempts.at(-1)!.safety).toEqual(result.safety);
    const provenance = JSON.parse(readPngText(await p.worker.deps.store.get(result.imageKey))['cubcanvas:provenance']!);
    expect(provenance).toMatchObject({ requestId, safety: [{ checker: 'nsfwjs', ok: true, scores: nsfw.scores, reasons: [] }] });

    // A cache hit publishes the same picture with the verdict its cache entry kept.
    const again = await p.client.generate({ prompt, size: 'square' });
    if (again.status !== 'completed') throw new Error(`expected completed, got ${again.status}`);
    expect(again.cacheHit).toBe(true);
    expect(again.safety).toEqual(result.safety);
    expect(JSON.parse(readPngText(await p.worker.deps.store.get(again.imageKey))['cubcanvas:provenance']!).safety).toEqual(result.safety);
  });
});
