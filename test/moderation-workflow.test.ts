// The guard-model stage in the pipeline on the real Temporal dev server: a worker built from
// settings (CUBCANVAS_MODERATION_*) asks the guard-model double after the local layers allow a
// prompt; what it finds unsafe, and its silence, both end the request as rejected with a reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { RequestFailedError } from '../client/cubcanvas-client';
import { publishedImageKey } from '../domain/storage-layout';
import { MODERATION_UNAVAILABLE } from '../moderation/guard-model';
import { FakeGuardModel } from './support/fake-guard-model';
import { startPipeline, uniquePrompt, type TestPipeline } from './support/pipeline';
import { until } from './support/until';

describe('generateImage with a guard model', () => {
  let guard: FakeGuardModel;
  let p: TestPipeline;
  beforeAll(async () => {
    guard = await new FakeGuardModel({
      format: 'llama-guard',
      model: 'meta-llama/Llama-Guard-4-12B',
      apiKey: 'sk-test-guard-key-0001',
      unsafe: [{ pattern: /pick a lock/i, hazard: 'crime' }],
    }).start();
    p = await startPipeline({
      env: {
        CUBCANVAS_MODERATION_URL: `${guard.url}/v1`,
        CUBCANVAS_MODERATION_MODEL: 'meta-llama/Llama-Guard-4-12B',
        CUBCANVAS_MODERATION_API_KEY: 'sk-test-guard-key-0001',
        CUBCANVAS_MODERATION_TIMEOUT_MS: '500',
      },
    });
  });
  afterAll(async () => {
    await p?.stop();
    await guard?.stop();
  });

  it('renders what both the local layers and the guard model allow', async () => {
    const prompt = uniquePrompt('koala');
    const result = await p.client.generate({ prompt, size: 'small' });
    expect(result.status).toBe('completed');
    expect(guard.chats.some((c) => JSON.stringify(c.messages).includes(prompt))).toBe(true);
  });

  it('rejects a prompt the local layers allow when the guard model says unsafe, naming layer, model and category', async () => {
    const requestId = `guard-${randomUUID()}`;
    const prompt = `a friendly raccoon who can pick a lock ${randomUUID().slice(0, 6)}`;
    const result = await p.client.generate({ prompt, size: 'small', requestId });
    expect(result).toMatchObject({ status: 'rejected', category: 'crime' });
    if (result.status !== 'rejected') return;
    expect(result.reasons).toEqual(['moderation: guard model meta-llama/Llama-Guard-4-12B judged it unsafe: S2 Non-Violent Crimes']);
    expect(result.timings.map((t) => t.step)).toEqual(['screen', 'cost']);
    expect(guard.chats.at(-1)!.messages).toEqual([{ role: 'user', content: prompt }]);
  });

  it('asks the guard model about what will be drawn, not about a typed negative prompt', async () => {
    const drawn = uniquePrompt('otter');
    // Were the text after the marker sent, the double would judge "pick a lock" unsafe.
    const result = await p.client.generate({ prompt: `${drawn}, Negative prompt: blurry, pick a lock`, size: 'small' });
    expect(result.status).toBe('completed');
    expect(guard.chats.at(-1)!.messages).toEqual([{ role: 'user', content: drawn }]);
  });

  it('never asks the guard model about what the local layers reject', async () => {
    const before = guard.chats.length;
    const result = await p.client.generate({ prompt: 'a bear holding a g.u.n', size: 'small' });
    expect(result).toMatchObject({ status: 'rejected', category: 'weapons' });
    expect(guard.chats.length).toBe(before);
  });

  it('rejects with a clear reason when the guard model is down, and renders again once it is back', async () => {
    await guard.stop();
    try {
      const result = await p.client.generate({ prompt: uniquePrompt('otter'), size: 'small' });
      expect(result).toMatchObject({ status: 'rejected', category: MODERATION_UNAVAILABLE });
      if (result.status !== 'rejected') return;
      expect(result.reasons[0]).toMatch(
        /^moderation: guard model meta-llama\/Llama-Guard-4-12B gave no verdict \(2 tries\): POST http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions: ECONNREFUSED; a configured guard model fails closed/,
      );
    } finally {
      await guard.start();
    }
    expect((await p.client.generate({ prompt: uniquePrompt('otter'), size: 'small' })).status).toBe('completed');
  });

  it('rejects when the guard model is slower than its timeout, instead of waiting or allowing', async () => {
    guard.behaviour = { ...guard.behaviour, delayMs: 5000 };
    try {
      const result = await p.client.generate({ prompt: uniquePrompt('lamb'), size: 'small' });
      expect(result).toMatchObject({ status: 'rejected', category: MODERATION_UNAVAILABLE });
      if (result.status !== 'rejected') return;
      expect(result.reasons[0]).toContain('no answer within 500 ms');
    } finally {
      guard.behaviour = { ...guard.behaviour, delayMs: 0 };
    }
  });
});

describe('generateImage with a vision guard model checking every picture', () => {
  let vlm: FakeGuardModel;
  let p: TestPipeline;
  /** What the vision model says of the next pictures. */
  let judgement: 'safe' | 'violent' = 'safe';
  beforeAll(async () => {
    vlm = await new FakeGuardModel({
      format: 'json',
      model: 'Qwen/Qwen2.5-VL-7B-Instruct',
      acceptsImages: true,
      judgePicture: () => (judgement === 'violent' ? 'violent' : null),
    }).start();
    p = await startPipeline({
      env: {
        CUBCANVAS_MODERATION_URL: `${vlm.url}/v1`,
        CUBCANVAS_MODERATION_MODEL: 'Qwen/Qwen2.5-VL-7B-Instruct',
        CUBCANVAS_MODERATION_FORMAT: 'json',
        CUBCANVAS_MODERATION_IMAGES: 'true',
        CUBCANVAS_MODERATION_TIMEOUT_MS: '500',
        // Slow enough (about 2 s) for the model to go down while a picture is being drawn.
        CUBCANVAS_PREVIEW_STEPS: '10',
        CUBCANVAS_PREVIEW_STEP_MS: '200',
      },
    });
  });
  afterAll(async () => {
    await p?.stop();
    await vlm?.stop();
  });
  const picturesSeen = () => vlm.chats.filter((c) => JSON.stringify(c.messages).includes('data:image/png;base64,')).length;

  it('regenerates a picture the guard model judges violent, then fails as UnsafeImage and publishes nothing', async () => {
    judgement = 'violent';
    try {
      const before = picturesSeen();
      const requestId = `vlm-${randomUUID()}`;
      const err = (await p.client.generate({ prompt: uniquePrompt('wolf'), size: 'small', requestId }).catch((e: unknown) => e)) as RequestFailedError;
      expect(err).toBeInstanceOf(RequestFailedError);
      expect(err.type).toBe('UnsafeImage');
      expect(err.message).toContain('violence: 0.93 > 0.5 (Qwen/Qwen2.5-VL-7B-Instruct)');
      // Three renders, each picture sent to the model: a new seed each time, as for a bad picture.
      expect(picturesSeen() - before).toBe(3);
      expect(await p.worker.deps.store.head(publishedImageKey(requestId))).toBeFalsy();
    } finally {
      judgement = 'safe';
    }
  });

  it('waits while the guard model is down instead of publishing unchecked or rendering again, and publishes once it answers', async () => {
    const requestId = `vlm-down-${randomUUID()}`;
    await p.client.start({ prompt: uniquePrompt('hedgehog'), size: 'small', requestId });
    // The prompt was screened by the model; it goes down while the picture is being drawn.
    await until('the render under way', async () => ((await p.client.progress(requestId)).step === 'render' ? true : undefined));
    await vlm.stop();
    try {
      // The render ends in about 2 s; its validation step is retried (ModerationUnavailable) meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 5000));
      expect((await p.client.progress(requestId)).outcome).toBe('running');
      expect(await p.worker.deps.store.head(publishedImageKey(requestId))).toBeFalsy();
    } finally {
      await vlm.start();
    }
    const result = await p.client.result(requestId);
    expect(result.status).toBe('completed');
    if (result.status !== 'completed') return;
    expect(result.attempts).toHaveLength(1);
    expect(result.attempts[0]!.safety?.map((s) => [s.checker, s.ok])).toEqual([
      ['nsfwjs', true],
      ['moderation', true],
    ]);
  }, 60_000);
});
