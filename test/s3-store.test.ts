// The S3 blob store against a real S3-compatible server (SeaweedFS on loopback): every operation,
// presigned URLs over HTTP, multipart, and the error classification the activities rely on.
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { BlobNotFoundError, StorageMisconfiguredError, StorageUnavailableError } from '../domain/errors';
import { rideOutStorageOutage } from '../storage/ride-out';
import { S3BlobStore } from '../storage/s3-store';
import { startSeaweed } from '../toolchain/seaweedfs';
import { testS3Store } from './support/s3';

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks).toString();
}

describe('S3 blob store on SeaweedFS', () => {
  it('puts with content type and metadata, heads, gets, streams, lists by prefix, deletes', async () => {
    const store = testS3Store();
    await store.put('images/a.png', Buffer.from('picture A'), { contentType: 'image/png', metadata: { 'request-id': 'r1', prompt: '会笑的企鹅' } });
    await store.put('images/b.png', Buffer.from('B'));
    await store.put('ledger/2026-11-25/r1.json', Buffer.from('{}'), { contentType: 'application/json' });
    expect(await store.head('images/a.png')).toMatchObject({
      key: 'images/a.png',
      size: 9,
      contentType: 'image/png',
      metadata: { 'request-id': 'r1', prompt: '会笑的企鹅' },
    });
    expect((await store.get('images/a.png')).toString()).toBe('picture A');
    expect(await text(await store.stream('images/a.png'))).toBe('picture A');
    expect((await store.list('images/')).map((o) => [o.key, o.size])).toEqual([
      ['images/a.png', 9],
      ['images/b.png', 1],
    ]);
    expect((await store.list('')).length).toBe(3);
    await store.delete('images/a.png');
    await store.delete('images/a.png');
    expect(await store.head('images/a.png')).toBeUndefined();
    await expect(store.get('images/a.png')).rejects.toBeInstanceOf(BlobNotFoundError);
    await expect(store.stream('images/a.png')).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it('keeps each prefix to itself and pages through long listings', async () => {
    const a = testS3Store({ listPageSize: 2 });
    const b = testS3Store();
    await Promise.all(['x/1', 'x/2', 'x/3', 'x/4', 'x/5'].map((k) => a.put(k, Buffer.from(k))));
    await b.put('x/9', Buffer.from('other'));
    expect((await a.list('x/')).map((o) => o.key)).toEqual(['x/1', 'x/2', 'x/3', 'x/4', 'x/5']);
    expect((await b.list('x/')).map((o) => o.key)).toEqual(['x/9']);
  });

  it('copies server-side with metadata, and a repeated put leaves one object with the same bytes', async () => {
    const store = testS3Store();
    await store.put('staging/x.png', Buffer.from('X'), { contentType: 'image/png', metadata: { a: '1' } });
    await store.copy('staging/x.png', 'cache/x.png', { b: '2' });
    expect(await store.head('cache/x.png')).toMatchObject({ size: 1, contentType: 'image/png', metadata: { a: '1', b: '2' } });
    await store.put('images/p.png', Buffer.from('same'));
    await store.put('images/p.png', Buffer.from('same'));
    expect(await store.list('images/')).toHaveLength(1);
    expect((await store.get('images/p.png')).toString()).toBe('same');
    await expect(store.copy('staging/missing.png', 'cache/y.png')).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it('returns presigned GET URLs that work over plain HTTP until they expire', async () => {
    const store = testS3Store({ urlExpirySeconds: 2 });
    await store.put('images/u.png', Buffer.from('via url'), { contentType: 'image/png' });
    const url = await store.locate('images/u.png');
    expect(url).toMatch(/X-Amz-Signature=/);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(await res.text()).toBe('via url');
    await sleep(3500);
    expect((await fetch(url)).status).toBe(403);
  });

  it('uploads large objects in parts', async () => {
    const prefix = `big-${Date.now()}/`;
    const store = testS3Store({ multipartThresholdBytes: 5 * 1024 * 1024, prefix });
    const big = Buffer.alloc(11 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 4096) big[i] = i % 251;
    await store.put('reports/big.bin', big, { contentType: 'application/octet-stream' });
    const back = await store.get('reports/big.bin');
    expect(back.length).toBe(big.length);
    expect(back.equals(big)).toBe(true);
    // A multipart object's ETag carries the part count.
    const head = await store.client.send(
      new (await import('@aws-sdk/client-s3')).HeadObjectCommand({ Bucket: inject('s3').bucket, Key: `${prefix}reports/big.bin` }),
    );
    expect(head.ETag).toMatch(/-3"$/);
  });

  it('names the bucket and endpoint when the bucket is missing or the credentials are wrong, without retrying', async () => {
    const s3 = inject('s3');
    const missing = testS3Store({ bucket: 'no-such-bucket-here' });
    const err = await missing.put('x', Buffer.from('x')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageMisconfiguredError);
    expect((err as Error).message).toContain('"no-such-bucket-here"');
    expect((err as Error).message).toContain(s3.endpoint);
    const wrong = testS3Store({ credentials: { accessKeyId: 'nobody', secretAccessKey: 'nothing' } });
    const err2 = await wrong.head('x').catch((e: unknown) => e);
    expect(err2).toBeInstanceOf(StorageMisconfiguredError);
    expect((err2 as StorageMisconfiguredError).retryable).toBe(false);
  });

  it('reports throttling and dropped connections as retryable', async () => {
    // A real HTTP server that answers as S3 does when throttling, or hangs up.
    let mode: 'slowdown' | 'reset' = 'slowdown';
    const server = createServer((req, res) => {
      if (mode === 'reset') {
        req.socket.destroy();
        return;
      }
      res.writeHead(503, { 'content-type': 'application/xml' });
      res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const store = testS3Store({ endpoint: `http://127.0.0.1:${(server.address() as { port: number }).port}`, bucket: 'any-bucket' });
      const slow = await store.put('x', Buffer.from('x')).catch((e: unknown) => e);
      expect(slow).toBeInstanceOf(StorageUnavailableError);
      expect((slow as Error).message).toContain('SlowDown');
      mode = 'reset';
      const reset = await store.get('x').catch((e: unknown) => e);
      expect(reset).toBeInstanceOf(StorageUnavailableError);
    } finally {
      server.close();
    }
  });

  it('reports an outage as retryable, and works again after a restart with nothing lost', async () => {
    const server = await startSeaweed({ dir: mkdtempSync(join(tmpdir(), 'cubcanvas-seaweed-')), buckets: ['outage'] });
    try {
      const store = new S3BlobStore({
        bucket: 'outage',
        endpoint: server.endpoint,
        region: 'us-east-1',
        prefix: '',
        forcePathStyle: true,
        urlExpirySeconds: 60,
        credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
      });
      await store.put('images/kept.png', Buffer.from('kept'));
      await server.stop();
      const err = await store.get('images/kept.png').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StorageUnavailableError);
      expect((err as StorageUnavailableError).retryable).toBe(true);
      await server.start();
      // A restarted SeaweedFS answers InternalError (retryable) for a moment while its volume server
      // registers: ridden out the way every storage step does.
      const back = await rideOutStorageOutage(() => store.get('images/kept.png'), { initialDelayMs: 100, maxDelayMs: 500, deadlineMs: 20_000 });
      expect(back.toString()).toBe('kept');
    } finally {
      await server.stop();
    }
  });
});
