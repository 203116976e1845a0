// Blob store on any S3-compatible service (AWS S3, Alibaba OSS, SeaweedFS, Ceph RGW).
// Errors are classified at this boundary: outages and throttling are StorageUnavailable
// (retried by the activities), a missing bucket or bad credentials StorageMisconfigured
// (fails at once, naming the bucket and endpoint).
import type { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { BlobNotFoundError, CubcanvasError, StorageMisconfiguredError, StorageUnavailableError } from '../domain/errors';
import { assertValidKey, normalizeMetadata, type BlobInfo, type BlobStore, type BlobSummary, type PutOptions } from './blob-store';

export interface S3StoreOptions {
  bucket: string;
  /** Unset: AWS S3 of the region. */
  endpoint?: string;
  region: string;
  /** Prepended to every key, e.g. "cubcanvas/"; lets several deployments share a bucket. */
  prefix: string;
  /** Path-style URLs (http://host/bucket/key): needed by SeaweedFS, Ceph and most self-hosted stores. */
  forcePathStyle: boolean;
  /** Lifetime of the presigned GET URLs that `locate` returns. */
  urlExpirySeconds: number;
  /** Explicit credentials; unset, the standard AWS chain (env, profile, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Objects at least this large are uploaded in parts (at least 5 MiB, S3's smallest part). */
  multipartThresholdBytes?: number;
  /** Keys per list request (S3's maximum and default is 1000). */
  listPageSize?: number;
}

/** Above this, single PUTs get slow and fragile; 8 MiB is also the part size. */
const MULTIPART_THRESHOLD = 8 * 1024 * 1024;
const MISCONFIGURED = new Set([
  'NoSuchBucket',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'AccessDenied',
  'InvalidBucketName',
  'PermanentRedirect',
  'AuthorizationHeaderMalformed',
  'InvalidToken',
  'ExpiredToken',
]);
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
]);

/** S3 metadata must be ASCII; other characters travel percent-encoded. */
const encodeMeta = (m: Record<string, string>) => Object.fromEntries(Object.entries(normalizeMetadata(m)).map(([k, v]) => [k, encodeURIComponent(v)]));
const decodeMeta = (m: Record<string, string> | undefined) =>
  Object.fromEntries(
    Object.entries(m ?? {}).map(([k, v]) => {
      try {
        return [k, decodeURIComponent(v)];
      } catch {
        return [k, v];
      }
    }),
  );

export class S3BlobStore implements BlobStore {
  readonly description: string;
  readonly client: S3Client;

  constructor(private readonly opts: S3StoreOptions) {
    this.description = `s3:${opts.endpoint ?? `aws/${opts.region}`}/${opts.bucket}/${opts.prefix}`;
    const config: S3ClientConfig = {
      region: opts.region,
      endpoint: opts.endpoint,
      forcePathStyle: opts.forcePathStyle,
      credentials: opts.credentials,
      // The activities retry with backoff across minutes; the SDK only smooths over blips.
      maxAttempts: 2,
      requestHandler: { connectionTimeout: 3_000, requestTimeout: 30_000 },
    };
    this.client = new S3Client(config);
  }

  private key(key: string): string {
    assertValidKey(key);
    return `${this.opts.prefix}${key}`;
  }

  /** Maps SDK and network errors to the domain's typed storage errors. */
  private classify(err: unknown, what: string, key?: string): Error {
    if (err instanceof CubcanvasError) return err;
    const where = `bucket "${this.opts.bucket}" at ${this.opts.endpoint ?? `AWS S3 (${this.opts.region})`}`;
    const e = err as Error & { code?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown; Code?: string };
    const name = e.name ?? '';
    const status = e.$metadata?.httpStatusCode;
    if (key && (name === 'NoSuchKey' || name === 'NotFound' || (status === 404 && name !== 'NoSuchBucket'))) return new BlobNotFoundError(key);
    if (MISCONFIGURED.has(name) || status === 403 || status === 401) {
      return new StorageMisconfiguredError(
        `${what} failed on ${where}: ${name}${e.message && e.message !== name ? `: ${e.message}` : ''} (check CUBCANVAS_S3_BUCKET, CUBCANVAS_S3_ENDPOINT and the credentials)`,
        { bucket: this.opts.bucket, endpoint: this.opts.endpoint ?? null, code: name },
      );
    }
    const transient =
      (status !== undefined && status >= 500) ||
      status === 429 ||
      name === 'SlowDown' ||
      name === 'TimeoutError' ||
      name === 'RequestTimeout' ||
      e.$retryable !== undefined ||
      TRANSIENT_CODES.has(e.code ?? '') ||
      TRANSIENT_CODES.has((e.cause as { code?: string } | undefined)?.code ?? '') ||
      !(err instanceof S3ServiceException);
    if (transient)
      return new StorageUnavailableError(`${what} failed on ${where}: ${name || 'error'}: ${e.message}`, { bucket: this.opts.bucket, code: e.code ?? name });
    return new StorageMisconfiguredError(`${what} failed on ${where}: ${name}: ${e.message}`, { bucket: this.opts.bucket, code: name });
  }

  async put(key: string, body: Buffer, options: PutOptions = {}): Promise<void> {
    const params = { Bucket: this.opts.bucket, Key: this.key(key), Body: body, ContentType: options.contentType, Metadata: encodeMeta(options.metadata ?? {}) };
    try {
      if (body.length >= (this.opts.multipartThresholdBytes ?? MULTIPART_THRESHOLD)) {
        // lib-storage splits into parts, uploads them in parallel and aborts the upload on failure,
        // so a failed put leaves no visible object.
        await new Upload({
          client: this.client,
          params,
          partSize: Math.max(5 * 1024 * 1024, this.opts.multipartThresholdBytes ?? MULTIPART_THRESHOLD),
          leavePartsOnError: false,
        }).done();
      } else {
        await this.client.send(new PutObjectCommand(params));
      }
    } catch (err) {
      throw this.classify(err, `put ${key}`);
    }
  }

  async get(key: string): Promise<Buffer> {
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.opts.bucket, Key: this.key(key) }));
      return Buffer.from(await res.Body!.transformToByteArray());
    } catch (err) {
      throw this.classify(err, `get ${key}`, key);
    }
  }

  async stream(key: string): Promise<Readable> {
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.opts.bucket, Key: this.key(key) }));
      return res.Body as Readable;
    } catch (err) {
      throw this.classify(err, `get ${key}`, key);
    }
  }

  async head(key: string): Promise<BlobInfo | undefined> {
    try {
      const res = await this.client.send(new HeadObjectCommand({ Bucket: this.opts.bucket, Key: this.key(key) }));
      return { key, size: res.ContentLength ?? 0, modified: res.LastModified ?? new Date(0), contentType: res.ContentType, metadata: decodeMeta(res.Metadata) };
    } catch (err) {
      const classified = this.classify(err, `head ${key}`, key);
      if (classified instanceof BlobNotFoundError) return undefined;
      throw classified;
    }
  }

  async list(prefix: string): Promise<BlobSummary[]> {
    const out: BlobSummary[] = [];
    let token: string | undefined;
    try {
      do {
        const res = await this.client.send(
          new ListObjectsV2Command({
            Bucket: this.opts.bucket,
            Prefix: `${this.opts.prefix}${prefix}`,
            ContinuationToken: token,
            MaxKeys: this.opts.listPageSize,
          }),
        );
        for (const o of res.Contents ?? []) {
          out.push({ key: o.Key!.slice(this.opts.prefix.length), size: o.Size ?? 0, modified: o.LastModified ?? new Date(0) });
        }
        token = res.IsTruncated ? res.NextContinuationToken : undefined;
      } while (token);
    } catch (err) {
      throw this.classify(err, `list ${prefix}`);
    }
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async copy(fromKey: string, toKey: string, extraMetadata: Record<string, string> = {}): Promise<void> {
    const info = await this.head(fromKey);
    if (!info) throw new BlobNotFoundError(fromKey);
    try {
      // Server-side copy: the bytes never travel through the worker.
      await this.client.send(
        new CopyObjectCommand({
          Bucket: this.opts.bucket,
          Key: this.key(toKey),
          CopySource: `${this.opts.bucket}/${this.key(fromKey).split('/').map(encodeURIComponent).join('/')}`,
          MetadataDirective: 'REPLACE',
          ContentType: info.contentType,
          Metadata: encodeMeta({ ...info.metadata, ...extraMetadata }),
        }),
      );
    } catch (err) {
      throw this.classify(err, `copy ${fromKey} to ${toKey}`, fromKey);
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.opts.bucket, Key: this.key(key) }));
    } catch (err) {
      const classified = this.classify(err, `delete ${key}`, key);
      if (!(classified instanceof BlobNotFoundError)) throw classified;
    }
  }

  /** A presigned GET URL, valid for urlExpirySeconds (signed locally: no request is made). */
  async locate(key: string): Promise<string> {
    return getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.opts.bucket, Key: this.key(key) }), { expiresIn: this.opts.urlExpirySeconds });
  }
}
