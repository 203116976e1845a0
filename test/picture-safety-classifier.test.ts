// The picture safety check on its own: the real nsfwjs model on the real TensorFlow.js WASM backend,
// loaded from the npm packages with every network path blocked; its scores, its verdict on preview
// pictures, its errors; the limits a graph may set; and `check-image` showing it.
import { beforeAll, describe, expect, it } from 'vitest';
import dns from 'node:dns';
import net from 'node:net';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorType, ImageUndecodableError } from '../domain/errors';
import { DEFAULT_PICTURE_SAFETY_LIMITS, NSFW_CLASSES, judgeSafetyScores, pictureSafetyLimits } from '../domain/picture-safety-limits';
import type { RenderAttempt } from '../domain/pipeline';
import { SIZE_PRESETS } from '../domain/request';
import { validationFailure } from '../domain/validation-failure';
import { loadNsfwClassifier, type NsfwClassifier } from '../imaging/nsfw-classifier';
import { loadCatalog } from '../render/comfyui/graph';
import { ANIMALS } from '../render/preview/animals';
import { drawPreview } from '../render/preview/draw';
import { projectRoot } from '../toolchain/pypi-binary';

let classifier: NsfwClassifier;
/** Every attempt to reach the network while the model loaded and classified. */
const networkAttempts: string[] = [];

beforeAll(async () => {
  // Block the three ways Node code reaches the network (sockets, fetch, name lookups) for the
  // model's load and first classification: nsfwjs's default is to fetch its model from a URL.
  const original = { connect: net.Socket.prototype.connect, fetch: globalThis.fetch, lookup: dns.lookup };
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    networkAttempts.push(`socket ${JSON.stringify(args[0])}`);
    throw new Error('network blocked by the test');
  } as typeof net.Socket.prototype.connect;
  globalThis.fetch = (async (input: unknown) => {
    networkAttempts.push(`fetch ${String(input)}`);
    throw new Error('network blocked by the test');
  }) as typeof fetch;
  dns.lookup = ((host: string) => {
    networkAttempts.push(`dns ${host}`);
    throw new Error('network blocked by the test');
  }) as unknown as typeof dns.lookup;
  try {
    classifier = await loadNsfwClassifier();
    await classifier.scores(await drawPreview({ animal: ANIMALS[0]!, width: 512, height: 512, seed: 1 }));
  } finally {
    net.Socket.prototype.connect = original.connect;
    globalThis.fetch = original.fetch;
    dns.lookup = original.lookup;
  }
});

describe('the nsfwjs picture check', () => {
  it('loads and classifies offline, from the files in the npm packages', () => {
    expect(networkAttempts).toEqual([]);
    expect(classifier.name).toBe('nsfwjs');
  });

  it('is loaded once per process: every caller gets the same classifier', async () => {
    expect(await loadNsfwClassifier()).toBe(classifier);
  });

  it('scores all five classes, summing to about 1', async () => {
    const scores = await classifier.scores(await drawPreview({ animal: ANIMALS.find((a) => a.id === 'fox')!, width: 1328, height: 1328, seed: 7 }));
    expect(Object.keys(scores).sort()).toEqual([...NSFW_CLASSES].sort());
    const sum = Object.values(scores).reduce((s, v) => s + v, 0);
    expect(sum).toBeGreaterThan(0.999);
    expect(sum).toBeLessThan(1.001);
    for (const v of Object.values(scores)) expect(v).toBeGreaterThanOrEqual(0);
    // A cartoon on a plain background: the safe classes carry almost all the belief.
    expect(scores.Drawing! + scores.Neutral!).toBeGreaterThan(0.8);
  });

  it('passes every preview animal with the default limits (small size; every preset for one animal)', async () => {
    const failing: string[] = [];
    const cases = [
      ...ANIMALS.map((animal) => ({ animal, ...SIZE_PRESETS.small })),
      ...Object.values(SIZE_PRESETS).map((size) => ({ animal: ANIMALS.find((a) => a.id === 'monkey')!, ...size })),
    ];
    for (const { animal, width, height } of cases) {
      const result = await classifier.check(await drawPreview({ animal, width, height, seed: 2 }), DEFAULT_PICTURE_SAFETY_LIMITS);
      expect(result.checker).toBe('nsfwjs');
      if (!result.ok) failing.push(`${animal.id} ${width}x${height}: ${result.reasons.join(', ')}`);
    }
    expect(failing).toEqual([]);
  });

  it('judges the same picture unsafe under limits its real scores exceed, with the measured values', async () => {
    const png = await drawPreview({ animal: ANIMALS.find((a) => a.id === 'pig')!, width: 512, height: 512, seed: 3 });
    const scores = await classifier.scores(png);
    const limit = scores.Hentai! / 2;
    const result = await classifier.check(png, { ...DEFAULT_PICTURE_SAFETY_LIMITS, Hentai: limit });
    expect(result.ok).toBe(false);
    expect(result.scores).toEqual(scores);
    expect(result.reasons).toEqual([`Hentai: ${scores.Hentai!.toFixed(3)} > ${limit}`]);
  });

  it('refuses an undecodable picture with a clear, typed error', async () => {
    const err = await classifier.check(Buffer.from('these are not the pixels you are looking for'), DEFAULT_PICTURE_SAFETY_LIMITS).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImageUndecodableError);
    expect((err as ImageUndecodableError).type).toBe(ErrorType.ImageUndecodable);
    expect((err as Error).message).toMatch(/^the picture safety check cannot decode the picture: /);
  });
});

describe('picture safety limits', () => {
  it('judges only scores that have a limit, and says which and by how much', () => {
    const r = judgeSafetyScores('nsfwjs', { Drawing: 0.05, Neutral: 0.02, Porn: 0.91, Hentai: 0.01, Sexy: 0.01 }, DEFAULT_PICTURE_SAFETY_LIMITS);
    expect(r).toEqual({ checker: 'nsfwjs', ok: false, scores: expect.any(Object), reasons: ['Porn: 0.910 > 0.2'] });
    expect(judgeSafetyScores('nsfwjs', { Drawing: 0.97, Neutral: 0.03 }, DEFAULT_PICTURE_SAFETY_LIMITS).ok).toBe(true);
  });

  it("takes a graph's own limits over the defaults and refuses bad ones clearly", () => {
    expect(pictureSafetyLimits({ Hentai: 0.5 }, 'graph x')).toEqual({ ...DEFAULT_PICTURE_SAFETY_LIMITS, Hentai: 0.5 });
    expect(pictureSafetyLimits(undefined, 'graph x')).toEqual(DEFAULT_PICTURE_SAFETY_LIMITS);
    expect(() => pictureSafetyLimits({ Drawing: 0.5 }, 'graph x')).toThrow('graph x: unknown safety limit "Drawing" (known: Porn, Hentai, Sexy)');
    expect(() => pictureSafetyLimits({ Porn: 1.5 }, 'graph x')).toThrow('graph x: safety limit Porn must be a number from 0 to 1');
    expect(() => pictureSafetyLimits({ Porn: '0.2' }, 'graph x')).toThrow('graph x: safety limit Porn must be a number from 0 to 1');
    expect(() => pictureSafetyLimits([0.2] as unknown as Record<string, unknown>, 'graph x')).toThrow('graph x: safety must be an object of limits');
  });

  it('every graph in comfy-workflows/manifest.json has valid safety limits', () => {
    for (const [name, g] of Object.entries(loadCatalog().graphs)) expect(() => pictureSafetyLimits(g.safety, name)).not.toThrow();
  });

  it('a render whose tries include an unsafe picture fails as UnsafeImage with the scores; otherwise ImageQualityFailed', () => {
    const base = { backend: 'comfyui', gpuType: 'A10G', gpuSeconds: 1, preview: false, ok: false, renderMs: 1 };
    const unsafeResult = { checker: 'nsfwjs', ok: false, scores: { Porn: 0.9, Drawing: 0.1 }, reasons: ['Porn: 0.900 > 0.2'] };
    const attempts: RenderAttempt[] = [
      {
        ...base,
        attempt: 0,
        seed: 1,
        reasons: ['blurry: Laplacian variance 3.0 < 40'],
        safety: [{ checker: 'nsfwjs', ok: true, scores: { Porn: 0.01 }, reasons: [] }],
      },
      { ...base, attempt: 1, seed: 2, reasons: ['unsafe (nsfwjs): Porn: 0.900 > 0.2'], safety: [unsafeResult] },
    ];
    const failure = validationFailure(attempts, 'r1');
    expect(failure).toMatchObject({ type: 'UnsafeImage', ownerRequestId: 'r1', unsafe: [{ attempt: 1, seed: 2, results: [unsafeResult] }] });
    expect(failure.message).toBe(
      'picture judged unsafe for children in 1 of 2 tries, not published: attempt 1 (seed 1): blurry: Laplacian variance 3.0 < 40; attempt 2 (seed 2): unsafe (nsfwjs): Porn: 0.900 > 0.2',
    );
    expect(validationFailure([attempts[0]!], 'r1')).toMatchObject({
      type: 'ImageQualityFailed',
      message: expect.stringMatching(/^image failed validation 1 times: /),
    });
  });
});

describe('check-image', () => {
  it('shows the safety check: {checker, ok, scores, reasons} in --json, a line in text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cubcanvas-safety-cli-'));
    const file = join(dir, 'lion.png');
    writeFileSync(file, await drawPreview({ animal: ANIMALS.find((a) => a.id === 'lion')!, width: 1328, height: 1328, seed: 4 }));
    const bin = join(projectRoot, 'bin', 'cubcanvas');
    const json = spawnSync(bin, ['check-image', file, '--json'], { encoding: 'utf8', timeout: 90_000, env: { ...process.env, TEMPORAL_ADDRESS: '' } });
    expect(json.status).toBe(0);
    const out = JSON.parse(json.stdout);
    expect(out).toMatchObject({ ok: true, reasons: [], safety: { checker: 'nsfwjs', ok: true, reasons: [] } });
    // The same model in another process gives the same scores as here.
    expect(out.safety.scores).toEqual(
      await classifier.scores(await drawPreview({ animal: ANIMALS.find((a) => a.id === 'lion')!, width: 1328, height: 1328, seed: 4 })),
    );
    const text = spawnSync(bin, ['check-image', file], { encoding: 'utf8', timeout: 90_000, env: { ...process.env, TEMPORAL_ADDRESS: '' } });
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^safety \(nsfwjs\): safe; Drawing \d\.\d{3}, Hentai \d\.\d{3}, Neutral \d\.\d{3}, Porn \d\.\d{3}, Sexy \d\.\d{3}$/m);
  });
});
