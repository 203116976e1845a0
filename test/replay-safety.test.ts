// Local activities run again when a workflow task is replayed (its completion was rejected because
// a signal arrived meanwhile). The render workflow's validate and store steps must survive running
// twice after the staging copy was already promoted to the cache and removed.
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheActivities } from '../activities/cache';
import { validateActivities } from '../activities/validate';
import type { ActivityDeps } from '../activities/deps';
import { BlobNotFoundError } from '../domain/errors';
import type { RenderAttempt, RenderSpec } from '../domain/pipeline';
import { ANIMALS } from '../render/preview/animals';
import { drawPreview } from '../render/preview/draw';
import { FsBlobStore } from '../storage/fs-store';

describe('render steps run twice', () => {
  it('validate and store succeed again after the staging copy was promoted', async () => {
    const store = new FsBlobStore(mkdtempSync(join(tmpdir(), 'cubcanvas-replay-')));
    // Only what these two steps use: the store, and the backend whose graph sets the quality limits.
    const deps = {
      store,
      backend: { name: 'preview', workflowVersion: 'preview-v1', render: () => Promise.reject(new Error('not rendering here')) },
    } as unknown as ActivityDeps;
    const { storeCacheEntry } = cacheActivities(deps);
    const { validateImage } = validateActivities(deps);
    const spec: RenderSpec = { cacheKey: 'k1', prompt: 'a fox', negativePrompt: '', width: 512, height: 512, seed: 3, style: 'storybook' };
    const stagingKey = 'staging/render/k1/attempt-0.png';
    await store.put(stagingKey, await drawPreview({ animal: ANIMALS[7]!, width: 512, height: 512, seed: 3 }), { contentType: 'image/png' });

    const first = await validateImage({ key: stagingKey, width: 512, height: 512, cacheKey: 'k1' });
    expect(first.ok).toBe(true);
    const attempt: RenderAttempt = {
      attempt: 0,
      seed: 3,
      backend: 'preview',
      gpuType: 'none',
      gpuSeconds: 0,
      preview: true,
      ok: true,
      reasons: [],
      metrics: first.metrics,
      renderMs: 1,
    };
    const input = { spec, stagingKey, attempt, model: 'm', workflowVersion: 'v', ownerRequestId: 'r1' };
    const entry = await storeCacheEntry(input);
    expect(await store.head(stagingKey)).toBeUndefined();

    // The replay: same calls, same answers.
    const again = await validateImage({ key: stagingKey, width: 512, height: 512, cacheKey: 'k1' });
    expect(again).toEqual(first);
    expect((await storeCacheEntry(input)).imageKey).toBe(entry.imageKey);
    expect(await store.head('cache/k1.png')).toBeDefined();
    // Without a cache key to fall back on, a missing output is still an error.
    await expect(validateImage({ key: stagingKey, width: 512, height: 512 })).rejects.toBeInstanceOf(BlobNotFoundError);
  });
});
