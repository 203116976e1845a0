// Publishing never loses a picture: a retried publish leaves one object with the same bytes, and
// the staging copy goes only once the published copy exists — on S3 and on the filesystem.
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finishActivities } from '../activities/finish';
import type { ActivityDeps } from '../activities/deps';
import { StorageUnavailableError } from '../domain/errors';
import type { BlobStore } from '../storage/blob-store';
import { FsBlobStore } from '../storage/fs-store';
import { testS3Store } from './support/s3';

/** A store whose puts under one prefix fail, as during an outage of that moment. */
function failingPuts(store: BlobStore, prefix: string): BlobStore & { failing: boolean } {
  const wrapper = Object.create(store) as BlobStore & { failing: boolean };
  wrapper.failing = true;
  wrapper.put = async (key, body, options) => {
    if (wrapper.failing && key.startsWith(prefix)) throw new StorageUnavailableError(`injected outage writing ${key}`);
    return store.put(key, body, options);
  };
  return wrapper;
}

const stores: [string, () => BlobStore][] = [
  ['S3', () => testS3Store()],
  ['filesystem', () => new FsBlobStore(mkdtempSync(join(tmpdir(), 'cubcanvas-publish-')))],
];

describe.each(stores)('publishing on %s', (_name, makeStore) => {
  it('is idempotent and keeps staging until the published copy exists', async () => {
    const base = makeStore();
    const store = failingPuts(base, 'images/');
    const { publishImage } = finishActivities({ store } as unknown as ActivityDeps);
    const picture = Buffer.from('watermarked picture bytes');
    await base.put('staging/watermarked/r1.png', picture, { contentType: 'image/png' });

    await expect(publishImage({ stagingKey: 'staging/watermarked/r1.png', requestId: 'r1' })).rejects.toBeInstanceOf(StorageUnavailableError);
    // The failed attempt lost nothing: the only copy is still in staging.
    expect((await base.get('staging/watermarked/r1.png')).equals(picture)).toBe(true);
    expect(await base.head('images/r1.png')).toBeUndefined();

    store.failing = false;
    const first = await publishImage({ stagingKey: 'staging/watermarked/r1.png', requestId: 'r1' });
    // A retry after success (the activity's completion was lost, say) changes nothing.
    const again = await publishImage({ stagingKey: 'staging/watermarked/r1.png', requestId: 'r1' });
    expect(again.imageKey).toBe(first.imageKey);
    expect((await base.list('images/')).map((o) => o.key)).toEqual(['images/r1.png']);
    expect((await base.get('images/r1.png')).equals(picture)).toBe(true);
    expect(await base.head('staging/watermarked/r1.png')).toBeUndefined();
  });
});
