// The filesystem blob store: the operations every store must offer, and its guarantees.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsBlobStore } from '../storage/fs-store';
import { BlobNotFoundError } from '../domain/errors';

const fresh = () => new FsBlobStore(mkdtempSync(join(tmpdir(), 'cubcanvas-fs-')));

describe('filesystem blob store', () => {
  it('puts, heads, gets, lists by prefix and deletes', async () => {
    const store = fresh();
    await store.put('images/a.png', Buffer.from('A'), { contentType: 'image/png', metadata: { 'Request-Id': 'r1' } });
    await store.put('images/sub/b.png', Buffer.from('BB'));
    await store.put('ledger/2026-11-25/r1.json', Buffer.from('{}'));
    expect((await store.get('images/a.png')).toString()).toBe('A');
    expect(await store.head('images/a.png')).toMatchObject({ key: 'images/a.png', size: 1, contentType: 'image/png', metadata: { 'request-id': 'r1' } });
    expect((await store.list('images/')).map((b) => b.key)).toEqual(['images/a.png', 'images/sub/b.png']);
    expect((await store.list('led')).map((b) => b.key)).toEqual(['ledger/2026-11-25/r1.json']);
    expect((await store.list('')).length).toBe(3);
    await store.delete('images/a.png');
    await store.delete('images/a.png');
    expect(await store.head('images/a.png')).toBeUndefined();
    await expect(store.get('images/a.png')).rejects.toBeInstanceOf(BlobNotFoundError);
    expect(await store.locate('images/sub/b.png')).toBe(join(store.root, 'images', 'sub', 'b.png'));
  });

  it('overwrites in place and leaves no temporary files behind', async () => {
    const store = fresh();
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.put('cache/k.png', Buffer.from(`version ${i}`))));
    expect((await store.get('cache/k.png')).toString()).toMatch(/^version \d+$/);
    expect(readdirSync(join(store.root, '.tmp'))).toEqual([]);
  });

  it('leaves no empty folders behind a delete, and a put racing a delete still lands', async () => {
    const store = fresh();
    await store.put('staging/render/key1/attempt-0.png', Buffer.from('X'), { contentType: 'image/png' });
    await store.put('staging/other.png', Buffer.from('Y'));
    await store.delete('staging/render/key1/attempt-0.png');
    expect(existsSync(join(store.root, 'staging', 'render'))).toBe(false);
    expect(existsSync(join(store.root, '.meta', 'staging', 'render'))).toBe(false);
    // Folders that still hold something stay.
    expect(readdirSync(join(store.root, 'staging'))).toEqual(['other.png']);
    await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? store.put('a/b/c.png', Buffer.from(`v${i}`)) : store.delete('a/b/c.png'))));
    await store.put('a/b/c.png', Buffer.from('last'));
    expect((await store.get('a/b/c.png')).toString()).toBe('last');
  });

  it('copies with content type and metadata', async () => {
    const store = fresh();
    await store.put('staging/x.png', Buffer.from('X'), { contentType: 'image/png', metadata: { a: '1' } });
    await store.copy('staging/x.png', 'cache/x.png', { b: '2' });
    expect(await store.head('cache/x.png')).toMatchObject({ contentType: 'image/png', metadata: { a: '1', b: '2' } });
  });

  it.each(['../escape', '/abs', 'a//b', 'a/./b', '', 'sp ace', 'a/../b'])('refuses the key %j', async (key) => {
    await expect(fresh().put(key, Buffer.from('x'))).rejects.toThrow(/invalid blob key/);
  });
});
