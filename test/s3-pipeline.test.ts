// The whole pipeline publishing to a real S3-compatible server: presigned result URLs, an outage
// in the middle of a request that the request survives, and a misconfigured bucket failing fast.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { RequestFailedError } from '../client/cubcanvas-client';
import { ledgerEntryKey, utcDay } from '../domain/storage-layout';
import { readPngText } from '../imaging/png-text';
import { S3BlobStore } from '../storage/s3-store';
import { startSeaweed, type SeaweedServer } from '../toolchain/seaweedfs';
import { ScriptedBackend } from './support/scripted-backend';
import { startPipeline, testConfig, uniquePrompt, type TestPipeline } from './support/pipeline';
import { testS3Store } from './support/s3';
import { until } from './support/until';

let p: TestPipeline | undefined;
let own: SeaweedServer | undefined;
afterEach(async () => {
  await p?.stop();
  await own?.stop();
  p = undefined;
  own = undefined;
});

describe('pipeline on S3', () => {
  it('publishes to S3 and returns a presigned URL that serves the watermarked picture', async () => {
    const store = testS3Store();
    p = await startPipeline({ overrides: { store } });
    const requestId = `s3-${randomUUID()}`;
    const prompt = uniquePrompt('koala');
    const result = await p.client.generate({ prompt, size: 'small', requestId });
    if (result.status !== 'completed') throw new Error(`expected completed, got ${result.status}`);
    expect(result.imageKey).toBe(`images/${requestId}.png`);
    const res = await fetch(result.imageUrl);
    expect(res.status).toBe(200);
    const png = Buffer.from(await res.arrayBuffer());
    expect((await sharp(png).metadata()).width).toBe(512);
    expect(JSON.parse(readPngText(png)['cubcanvas:provenance']!).requestId).toBe(requestId);
    expect(await store.head(ledgerEntryKey(utcDay(new Date()), requestId))).toBeDefined();
    expect(await store.head(`cache/${result.cacheKey}.json`)).toBeDefined();
    expect(await store.list('staging/')).toEqual([]);
    // The same prompt again is a cache hit served from S3.
    const again = await p.client.generate({ prompt, size: 'small' });
    expect(again.status === 'completed' && again.cacheHit).toBe(true);
  });

  it('survives the S3 server going down mid-request: retried, completed, nothing lost', async () => {
    own = await startSeaweed({ dir: mkdtempSync(join(tmpdir(), 'cubcanvas-seaweed-')), buckets: ['outage'] });
    const store = new S3BlobStore({
      bucket: 'outage',
      endpoint: own.endpoint,
      region: 'us-east-1',
      prefix: 'cc/',
      forcePathStyle: true,
      urlExpirySeconds: 600,
      credentials: { accessKeyId: own.accessKeyId, secretAccessKey: own.secretAccessKey },
    });
    const config = testConfig();
    const backend = new ScriptedBackend(store, () => 'good', { steps: 10, stepMs: 200 });
    p = await startPipeline({ config, overrides: { store, backend } });
    const requestId = `outage-${randomUUID()}`;
    await p.client.start({ prompt: uniquePrompt('tiger'), size: 'small', requestId });
    await until('render under way', async () => ((await p!.client.progress(requestId)).render?.value ?? 0) >= 2 || undefined);
    await own.stop();
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await own.start();
    const result = await p.client.result(requestId);
    if (result.status !== 'completed') throw new Error(`expected completed, got ${result.status}`);
    // The render's upload failed while S3 was down and was retried, rendering again.
    expect(backend.calls.length).toBeGreaterThan(1);
    expect((await fetch(result.imageUrl)).status).toBe(200);
    expect(await store.head(ledgerEntryKey(utcDay(new Date()), requestId))).toBeDefined();
    expect(await store.list('staging/')).toEqual([]);
  });

  it('fails fast with StorageMisconfigured naming the bucket when the bucket does not exist', async () => {
    const store = testS3Store({ bucket: 'missing-bucket-x' });
    p = await startPipeline({ overrides: { store } });
    const started = Date.now();
    const err = await p.client.generate({ prompt: uniquePrompt('owl'), size: 'small' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RequestFailedError);
    expect((err as RequestFailedError).type).toBe('StorageMisconfigured');
    expect((err as RequestFailedError).message).toContain('"missing-bucket-x"');
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
