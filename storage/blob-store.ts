// The storage interface every backend implements: filesystem (embedded default) and S3.
// Keys are "/"-separated paths without "..": the same key works on a disk and in a bucket.
import type { Readable } from 'node:stream';

/** What listing tells about an object. */
export interface BlobSummary {
  key: string;
  size: number;
  modified: Date;
}

/** What head tells: the summary plus content type and user metadata. */
export interface BlobInfo extends BlobSummary {
  contentType?: string;
  metadata: Record<string, string>;
}

export interface PutOptions {
  contentType?: string;
  /** Keys are stored lower-case (as S3 does everywhere); values may be any text. */
  metadata?: Record<string, string>;
}

/** Metadata keys as every store keeps them. */
export function normalizeMetadata(metadata: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k.toLowerCase(), v]));
}

export interface BlobStore {
  /** A short description for logs and `doctor`, e.g. "fs:/data/store". */
  readonly description: string;
  /** Writes the whole object or nothing: readers never see a half-written object. */
  put(key: string, body: Buffer, options?: PutOptions): Promise<void>;
  /** Throws BlobNotFoundError when absent. */
  get(key: string): Promise<Buffer>;
  /** The object as a stream, for large objects and HTTP responses. Throws BlobNotFoundError when absent. */
  stream(key: string): Promise<Readable>;
  head(key: string): Promise<BlobInfo | undefined>;
  /** Every object whose key starts with the prefix, sorted by key. */
  list(prefix: string): Promise<BlobSummary[]>;
  /** Copies within the store, keeping content type and metadata (plus `extraMetadata`). */
  copy(fromKey: string, toKey: string, extraMetadata?: Record<string, string>): Promise<void>;
  /** Deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Where a person or program can fetch the object: a file path, or a (presigned) URL. */
  locate(key: string): Promise<string>;
}

const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._\-/]*$/;

export function assertValidKey(key: string): void {
  if (!KEY_PATTERN.test(key) || key.split('/').some((part) => part === '' || part === '.' || part === '..') || key.length > 900) {
    throw new Error(`invalid blob key "${key}": use letters, digits, ".", "_", "-" and "/" separated parts, no ".."`);
  }
}
