// Pure domain rules: request schema, cost model, cache key, configuration.
import { describe, expect, it } from 'vitest';
import { validateRequest, SIZE_PRESETS } from '../domain/request';
import { InvalidRequestError, ConfigError } from '../domain/errors';
import { costOfAttempts, parsePriceTable } from '../domain/cost';
import { cacheKeyOf, defaultSeedFor } from '../domain/cache-key';
import { regenerationSeed } from '../domain/seeds';
import { loadConfig } from '../config/settings';
import { gpuAttempt } from './support/render-attempt';

function problems(input: unknown): string[] {
  try {
    validateRequest(input, 'fallback');
  } catch (err) {
    if (err instanceof InvalidRequestError) return err.problems;
    throw err;
  }
  return [];
}

describe('request schema', () => {
  it('fills defaults and trims', () => {
    expect(validateRequest({ prompt: '  a panda\n on a hill ' }, 'id-1')).toEqual({
      requestId: 'id-1',
      prompt: 'a panda on a hill',
      width: 1328,
      height: 1328,
      seed: undefined,
      style: 'storybook',
    });
  });

  it('accepts presets, WxH and width/height', () => {
    expect(validateRequest({ prompt: 'x', size: 'landscape' }, 'a')).toMatchObject(SIZE_PRESETS.landscape);
    expect(validateRequest({ prompt: 'x', size: '1024x768' }, 'a')).toMatchObject({ width: 1024, height: 768 });
    expect(validateRequest({ prompt: 'x', width: 512, height: 768, seed: 0, style: 'crayon', requestId: 'book-7.page_3' }, 'a')).toMatchObject({
      width: 512,
      height: 768,
      seed: 0,
      style: 'crayon',
      requestId: 'book-7.page_3',
    });
  });

  it.each([
    [{}, /prompt must be a string/],
    [{ prompt: '' }, /prompt is empty/],
    [{ prompt: ' \n\t ' }, /prompt is empty/],
    [{ prompt: 'x'.repeat(501) }, /501 characters, the limit is 500/],
    [{ prompt: '熊'.repeat(500) }, null],
    [{ prompt: 'a\u0007bell' }, /control characters/],
    [{ prompt: 'x', size: 'huge' }, /neither a preset/],
    [{ prompt: 'x', size: '100x100' }, /width 100 is outside 256..2048/],
    [{ prompt: 'x', size: '1000x1000' }, /width 1000 is not a multiple of 16/],
    [{ prompt: 'x', width: 512 }, /width and height must be given together/],
    [{ prompt: 'x', width: 512.5, height: 512 }, /width must be an integer/],
    [{ prompt: 'x', size: 'square', width: 512, height: 512 }, /either size or width\/height/],
    [{ prompt: 'x', seed: -1 }, /seed must be an integer/],
    [{ prompt: 'x', seed: 2 ** 33 }, /seed must be an integer/],
    [{ prompt: 'x', style: 'gothic' }, /style must be one of storybook, flat, watercolor, crayon/],
    [{ prompt: 'x', requestId: '../etc' }, /requestId must be/],
    [{ prompt: 'x', colour: 'red' }, /unknown field "colour"/],
  ])('reports %j', (input, expected) => {
    const found = problems(input).join('; ');
    if (expected === null) expect(found).toBe('');
    else expect(found).toMatch(expected);
  });

  it('accepts every size preset it advertises (book was 1472x1140: 1140 is not a multiple of 16)', () => {
    for (const [size, dims] of Object.entries(SIZE_PRESETS)) {
      expect(problems({ prompt: 'x', size }), size).toEqual([]);
      expect(validateRequest({ prompt: 'x', size }, 'a'), size).toMatchObject(dims);
    }
    expect(SIZE_PRESETS.book).toEqual({ width: 1472, height: 1136 });
    expect(SIZE_PRESETS['book-portrait']).toEqual({ width: 1136, height: 1472 });
  });

  it('holds a fallback request id (the one a workflow derives from its id) to the same rule', () => {
    expect(() => validateRequest({ prompt: 'x' }, '../../x')).toThrow(/requestId must be .*"\.\.\/\.\.\/x"/);
    expect(validateRequest({ prompt: 'x' }, 'raw-1.a_b').requestId).toBe('raw-1.a_b');
  });

  it('lists every problem at once', () => {
    expect(problems({ prompt: '', size: 'x', seed: 'a' })).toHaveLength(3);
    expect(() => validateRequest(null, 'a')).toThrow(InvalidRequestError);
  });
});

describe('cost model', () => {
  const attempt = (gpuType: string, gpuSeconds: number, n = 0) => gpuAttempt(gpuType, gpuSeconds, { attempt: n, backend: 'x' });

  it('charges GPU-seconds at the hourly price of the GPU type', () => {
    const prices = parsePriceTable('A10G=4.8, L4=3.9');
    // The motivating figure: 90 s on an A10G at 4.8 CNY/h = 0.12 CNY.
    expect(costOfAttempts([attempt('A10G', 90)], prices, 'CNY')).toMatchObject({ gpuSeconds: 90, amount: 0.12 });
    expect(costOfAttempts([attempt('A10G', 90), attempt('L4', 36, 1)], prices, 'CNY').amount).toBeCloseTo(0.159, 6);
    expect(costOfAttempts([attempt('none', 0)], prices, 'CNY').amount).toBe(0);
  });

  it('names the setting when a price is missing or malformed', () => {
    expect(() => costOfAttempts([attempt('H200', 1)], parsePriceTable('A10G=1'), 'CNY')).toThrow(/CUBCANVAS_GPU_PRICES: no price for GPU type "H200"/);
    expect(() => parsePriceTable('A10G:4.8')).toThrow(ConfigError);
    expect(() => parsePriceTable('A10G=cheap')).toThrow(/"A10G=cheap" is not GPU_TYPE=PRICE_PER_HOUR/);
  });
});

describe('cache key and seeds', () => {
  const parts = { normalizedPrompt: 'a panda', width: 512, height: 512, seed: 1, style: 'storybook' as const, backend: 'preview', workflowVersion: 'v1' };
  it('changes with every part and nothing else', () => {
    const key = cacheKeyOf(parts);
    expect(cacheKeyOf({ ...parts })).toBe(key);
    for (const change of [
      { normalizedPrompt: 'a pandas' },
      { width: 528 },
      { seed: 2 },
      { style: 'flat' as const },
      { backend: 'comfyui' },
      { workflowVersion: 'v2' },
    ]) {
      expect(cacheKeyOf({ ...parts, ...change })).not.toBe(key);
    }
  });
  it('derives a stable default seed from the prompt and far-apart regeneration seeds', () => {
    expect(defaultSeedFor('a panda')).toBe(defaultSeedFor('a panda'));
    expect(defaultSeedFor('a panda')).not.toBe(defaultSeedFor('a fox'));
    expect(new Set([0, 1, 2].map((n) => regenerationSeed(7, n))).size).toBe(3);
    expect(regenerationSeed(2 ** 32 - 1, 2)).toBeLessThan(2 ** 32);
  });
});

describe('configuration', () => {
  it('has documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      temporalAddress: undefined,
      namespace: 'default',
      taskQueue: 'cubcanvas-v1',
      storage: 'fs',
      backend: 'preview',
      currency: 'CNY',
    });
    expect(c.gpuPrices.A10G).toBe(4.8);
    expect(c.watermark).toEqual({ text: 'cubcanvas', corner: 'bottom-right', opacity: 0.7 });
  });
  it.each([
    [{ CUBCANVAS_BACKEND: 'gpu' }, /CUBCANVAS_BACKEND: "gpu" is not one of preview/],
    [{ CUBCANVAS_WATERMARK_OPACITY: '2' }, /CUBCANVAS_WATERMARK_OPACITY: "2" is not a number in 0.05..1/],
    [{ CUBCANVAS_WATERMARK_CORNER: 'middle' }, /CUBCANVAS_WATERMARK_CORNER/],
    [{ TEMPORAL_ADDRESS: 'localhost' }, /TEMPORAL_ADDRESS: "localhost" is not host:port/],
    [{ CUBCANVAS_PREVIEW_STEPS: '0' }, /CUBCANVAS_PREVIEW_STEPS/],
    [{ CUBCANVAS_CURRENCY: 'yuan' }, /CUBCANVAS_CURRENCY/],
    [{ CUBCANVAS_TASK_QUEUE: 'has space' }, /CUBCANVAS_TASK_QUEUE/],
    [{ CUBCANVAS_GPU_PRICES: 'A10G' }, /CUBCANVAS_GPU_PRICES/],
  ])('rejects %j naming the setting', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
