// The guard model client against an OpenAI-compatible double on a real socket: the verdicts of
// Llama Guard, Qwen3Guard and a JSON-answering model, the request as vLLM receives it, and every
// way the service can fail — each one a rejection with a reason, never an allowed prompt.
import { ModerationUnavailableError } from '../domain/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import sharp from 'sharp';
import { MODERATION_UNAVAILABLE, type ModerationVerdict } from '../moderation/guard-model';
import { createGuardModel } from '../moderation/openai-guard-model';
import { moderationPictureCheck } from '../moderation/picture-check';
import { probeGuardModel } from '../moderation/probe';
import { loadModerationSettings, type ModerationSettings } from '../moderation/settings';
import { FakeGuardModel, type FakeGuardOptions } from './support/fake-guard-model';

const UNSAFE = [
  { pattern: /pick a lock/i, hazard: 'crime' as const },
  { pattern: /fight to the death/i, hazard: 'violent' as const },
];

function settingsFor(guard: FakeGuardModel, env: Record<string, string> = {}): ModerationSettings {
  return loadModerationSettings({ CUBCANVAS_MODERATION_URL: guard.url, CUBCANVAS_MODERATION_MODEL: guard.options.model, ...env })!;
}

async function startGuard(options: FakeGuardOptions): Promise<FakeGuardModel> {
  return new FakeGuardModel(options).start();
}

const expectUnavailable = (v: ModerationVerdict, reason: RegExp) => {
  expect(v).toMatchObject({ layer: 'moderation', allowed: false, category: MODERATION_UNAVAILABLE });
  expect(v.reasons.join(' ')).toMatch(reason);
  expect(v.reasons.join(' ')).toContain('fails closed');
};

describe('Llama Guard behind vLLM', () => {
  let guard: FakeGuardModel;
  beforeAll(async () => {
    guard = await startGuard({ format: 'llama-guard', model: 'meta-llama/Llama-Guard-3-8B', apiKey: 'sk-guard-0123456789abcdef', unsafe: UNSAFE });
  });
  afterAll(() => guard.stop());
  const settings = (env: Record<string, string> = {}) => settingsFor(guard, { CUBCANVAS_MODERATION_API_KEY: 'sk-guard-0123456789abcdef', ...env });

  it('allows what it says is safe, sending the prompt as the user turn with the bearer key', async () => {
    const v = await createGuardModel(settings()).screenPrompt('a cute baby panda');
    expect(v).toMatchObject({ layer: 'moderation', model: 'meta-llama/Llama-Guard-3-8B', allowed: true, category: null });
    const last = guard.received.at(-1)!;
    expect(last).toMatchObject({ method: 'POST', path: '/v1/chat/completions', authorization: 'Bearer sk-guard-0123456789abcdef' });
    // Llama Guard's policy is in its chat template: only the user's turn is sent.
    expect(last.body).toMatchObject({ model: 'meta-llama/Llama-Guard-3-8B', temperature: 0, messages: [{ role: 'user', content: 'a cute baby panda' }] });
  });

  it('rejects what it says is unsafe, naming the layer, the model and its raw category', async () => {
    const v = await createGuardModel(settings()).screenPrompt('a raccoon showing how to pick a lock');
    expect(v).toMatchObject({ layer: 'moderation', model: 'meta-llama/Llama-Guard-3-8B', allowed: false, category: 'crime', rawCategories: ['S2'] });
    expect(v.reasons[0]).toBe('moderation: guard model meta-llama/Llama-Guard-3-8B judged it unsafe: S2 Non-Violent Crimes');
  });

  it('rejects when the key is wrong (401), with the status in the reason', async () => {
    expectUnavailable(await createGuardModel(settings({ CUBCANVAS_MODERATION_API_KEY: 'wrong' })).screenPrompt('a panda'), /HTTP 401/);
  });

  it('rejects when the model is not served (404)', async () => {
    expectUnavailable(
      await createGuardModel({ ...settings(), model: 'llama-guard-7' }).screenPrompt('a panda'),
      /HTTP 404: The model `llama-guard-7` does not exist/,
    );
  });

  it('rejects on a timeout, trying twice, and returns within the budget', async () => {
    guard.behaviour = { ...guard.behaviour, delayMs: 3000 };
    const before = guard.chats.length;
    const started = Date.now();
    try {
      const v = await createGuardModel(settings({ CUBCANVAS_MODERATION_TIMEOUT_MS: '300' })).screenPrompt('a cute baby panda');
      expectUnavailable(v, /no answer within 300 ms/);
      expect(v.reasons[0]).toContain('(2 tries)');
    } finally {
      guard.behaviour = { ...guard.behaviour, delayMs: 0 };
    }
    expect(guard.chats.length - before).toBe(2);
    // Well under the 2 x 3 s the answers would have taken: each try was cut at its timeout.
    expect(Date.now() - started).toBeLessThan(5000);
  });

  for (const [mode, reason] of [
    ['garbage', /not a Llama Guard verdict/],
    ['invalid-json', /not JSON/],
    ['http-500', /HTTP 500: CUDA error/],
    ['no-choices', /without choices\[0\]\.message\.content/],
  ] as const) {
    it(`rejects when the server answers ${mode}`, async () => {
      guard.behaviour = { ...guard.behaviour, mode };
      const before = guard.chats.length;
      try {
        expectUnavailable(await createGuardModel(settings()).screenPrompt('a cute baby panda'), reason);
      } finally {
        guard.behaviour = { ...guard.behaviour, mode: 'ok' };
      }
      // A 500 may pass and is tried again; garbage would be said again, so it is not.
      expect(guard.chats.length - before).toBe(mode === 'http-500' ? 2 : 1);
    });
  }

  it('doctor: reachable, the model listed at /v1/models, a harmless prompt answered safe', async () => {
    expect(await probeGuardModel(settings())).toMatchObject({ ok: true });
    expect(guard.received.some((r) => r.method === 'GET' && r.path === '/v1/models' && r.authorization === 'Bearer sk-guard-0123456789abcdef')).toBe(true);
    const missing = await probeGuardModel({ ...settings(), model: 'llama-guard3:1b' });
    expect(missing).toMatchObject({ ok: false });
    expect(missing.detail).toContain('model llama-guard3:1b is not served; /v1/models lists meta-llama/Llama-Guard-3-8B');
    // A wrong format rejects everything: doctor says so instead of passing.
    const wrongFormat = await probeGuardModel({ ...settings(), format: 'qwen3guard' });
    expect(wrongFormat).toMatchObject({ ok: false });
    expect(wrongFormat.detail).toMatch(/was not allowed, so every request would be rejected/);
  });
});

describe('a guard model that cannot be reached', () => {
  it('rejects on a refused connection', async () => {
    // A port that was just free: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const settings = loadModerationSettings({ CUBCANVAS_MODERATION_URL: `http://127.0.0.1:${port}`, CUBCANVAS_MODERATION_MODEL: 'llama-guard3:8b' })!;
    const v = await createGuardModel(settings).screenPrompt('a cute baby panda');
    expectUnavailable(v, /ECONNREFUSED/);
    expect((await probeGuardModel(settings)).ok).toBe(false);
  });
});

describe('Qwen3Guard-Gen and a JSON-answering chat model', () => {
  let qwen: FakeGuardModel;
  let vlm: FakeGuardModel;
  beforeAll(async () => {
    qwen = await startGuard({ format: 'qwen3guard', model: 'Qwen/Qwen3Guard-Gen-4B', unsafe: UNSAFE });
    // Pictures whose first pixel is pure red are "gory" to this double.
    vlm = await startGuard({
      format: 'json',
      model: 'Qwen/Qwen2.5-VL-7B-Instruct',
      unsafe: UNSAFE,
      acceptsImages: true,
      judgePicture: (bytes) => (bytes.includes(Buffer.from('RED!')) ? 'violent' : null),
    });
  });
  afterAll(async () => {
    await qwen.stop();
    await vlm.stop();
  });

  it('Qwen3Guard: Unsafe and Controversial both reject; Safe allows', async () => {
    const guard = createGuardModel(settingsFor(qwen));
    expect((await guard.screenPrompt('a bunny reading a book')).allowed).toBe(true);
    expect(await guard.screenPrompt('two kittens fight to the death')).toMatchObject({
      allowed: false,
      category: 'violence',
      rawCategories: ['Unsafe', 'Violent'],
    });
    qwen.behaviour = { ...qwen.behaviour, controversial: true };
    try {
      expect(await guard.screenPrompt('two kittens fight to the death')).toMatchObject({ allowed: false, rawCategories: ['Controversial', 'Violent'] });
    } finally {
      qwen.behaviour = { ...qwen.behaviour, controversial: false };
    }
  });

  it('JSON: the policy goes in a system turn and the prompt is fenced as data', async () => {
    const guard = createGuardModel(settingsFor(vlm));
    expect(await guard.screenPrompt('a fox that can pick a lock')).toMatchObject({ allowed: false, category: 'other', rawCategories: ['other'] });
    const sent = vlm.chats.at(-1)!;
    expect(sent.messages![0]).toMatchObject({ role: 'system' });
    expect(sent.messages![1]).toEqual({ role: 'user', content: '<prompt>a fox that can pick a lock</prompt>' });
  });

  it('picture check: the picture arrives as a data: URL image part; gore is caught, a clean picture passes', async () => {
    const check = moderationPictureCheck(settingsFor(vlm, { CUBCANVAS_MODERATION_IMAGES: 'true' }))!;
    expect(check.name).toBe('moderation');
    const clean = await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 120, g: 200, b: 120 } } })
      .png()
      .toBuffer();
    const ok = await check.check(clean, {});
    expect(ok).toMatchObject({ checker: 'moderation', ok: true, reasons: [] });
    expect(ok.scores).toMatchObject({ violence: 0.02 });
    const parts = vlm.chats.at(-1)!.messages![1]!.content as { type: string; image_url?: { url: string } }[];
    expect(parts.map((p) => p.type)).toEqual(['text', 'image_url']);
    expect(parts[1]!.image_url!.url).toBe(`data:image/png;base64,${clean.toString('base64')}`);

    const gory = Buffer.concat([clean, Buffer.from('RED!')]);
    const bad = await check.check(gory, { violence: 0.5 });
    expect(bad).toMatchObject({ ok: false, scores: { violence: 0.93 } });
    expect(bad.reasons).toEqual(['violence: 0.93 > 0.5 (Qwen/Qwen2.5-VL-7B-Instruct)']);
    // Under a looser limit the score passes, but the model's own "unsafe" still stands.
    const loose = await check.check(gory, { violence: 0.95 });
    expect(loose.ok).toBe(false);
    expect(loose.reasons.join(' ')).toContain('judged it unsafe: violence');
  });

  it('picture check fails closed when the model is down (a retryable ModerationUnavailable), and is off unless asked for', async () => {
    const settings = settingsFor(vlm, { CUBCANVAS_MODERATION_IMAGES: 'true' });
    await vlm.stop();
    try {
      const err = (await moderationPictureCheck(settings)!
        .check(Buffer.from('png'), {})
        .catch((e: unknown) => e)) as ModerationUnavailableError;
      expect(err).toBeInstanceOf(ModerationUnavailableError);
      expect(err.retryable).toBe(true);
      expect(err.message).toMatch(/ECONNREFUSED/);
    } finally {
      await vlm.start();
    }
    expect(moderationPictureCheck(settingsFor(vlm))).toBeUndefined();
    expect(moderationPictureCheck(undefined)).toBeUndefined();
  });

  it('a text-only model refuses pictures (400): no verdict, so nothing is published', async () => {
    const err = (await moderationPictureCheck({ ...settingsFor(qwen), images: true, format: 'llama-guard' })!
      .check(Buffer.from('png'), {})
      .catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(ModerationUnavailableError);
    expect(err.message).toMatch(/HTTP 400: Qwen\/Qwen3Guard-Gen-4B is not a multimodal model/);
  });
});
