import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { S3BlobStore, type S3StoreOptions } from '../../storage/s3-store';

/** A store on the run's SeaweedFS, under a prefix of its own so tests never see each other's objects. */
export function testS3Store(overrides: Partial<S3StoreOptions> = {}): S3BlobStore {
  const s3 = inject('s3');
  return new S3BlobStore({
    bucket: s3.bucket,
    endpoint: s3.endpoint,
    region: 'us-east-1',
    prefix: `t-${randomUUID().slice(0, 8)}/`,
    forcePathStyle: true,
    urlExpirySeconds: 300,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    ...overrides,
  });
}

/** The environment a process needs to use the run's SeaweedFS as its store. */
export function s3Env(prefix: string): Record<string, string> {
  const s3 = inject('s3');
  return {
    CUBCANVAS_STORAGE: 's3',
    CUBCANVAS_S3_BUCKET: s3.bucket,
    CUBCANVAS_S3_ENDPOINT: s3.endpoint,
    CUBCANVAS_S3_PREFIX: prefix,
    CUBCANVAS_S3_FORCE_PATH_STYLE: 'true',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: s3.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
  };
}
