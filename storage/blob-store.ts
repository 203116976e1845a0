// The storage interface every backend implements (filesystem now, S3 in its own module).
// Keys are "/"-separated paths without "..": the same key works on a disk and in a bucket.

export interface BlobInfo {
  key: string;
  size: number;
  contentType?: string;
  metadata: Record<string, string>;
  modified: Date;
}

export interface PutOptions {
  contentType?: string;
  metadata?: Record<string, string>;
}

export interface BlobStore {
  /** A short description for logs and `doctor`, e.g. "fs:/data/store". */
  readonly description: string;
  /** Writes the whole object or nothing: readers never see a half-written object. */
  put(key: string, body: Buffer, options?: PutOptions): Promise<void>;
  /** Throws BlobNotFoundError when absent. */
  get(key: string): Promise<Buffer>;
  head(key: string): Promise<BlobInfo | undefined>;
  list(prefix: string): Promise<BlobInfo[]>;
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

/** Copies an object within (or between) stores, keeping its content type and metadata. */
export async function copyBlob(from: BlobStore, fromKey: string, to: BlobStore, toKey: string, extraMetadata: Record<string, string> = {}): Promise<void> {
  const [body, info] = await Promise.all([from.get(fromKey), from.head(fromKey)]);
  await to.put(toKey, body, { contentType: info?.contentType, metadata: { ...(info?.metadata ?? {}), ...extraMetadata } });
}
