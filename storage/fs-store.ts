// Blob store on the local filesystem: the embedded default. Objects are plain files under the
// root (so a published image has a path people can open); content type and metadata live in a
// sidecar JSON under .meta/. Writes go to a temporary file first and are renamed into place.
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { BlobNotFoundError } from '../domain/errors';
import { parseJsonPayload } from '../domain/payload-schemas';
import { assertValidKey, normalizeMetadata, type BlobInfo, type BlobStore, type BlobSummary, type PutOptions } from './blob-store';

const META_DIR = '.meta';
const TMP_DIR = '.tmp';

/** The sidecar's JSON: this store's own format, read back with a check like any stored JSON. */
const sidecarSchema = z.object({ contentType: z.string().optional(), metadata: z.record(z.string(), z.string()) });
type Sidecar = z.output<typeof sidecarSchema>;

function isMissing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException).code === 'ENOENT';
}

export class FsBlobStore implements BlobStore {
  readonly root: string;
  readonly description: string;

  constructor(root: string) {
    this.root = resolve(root);
    this.description = `fs:${this.root}`;
  }

  private path(key: string): string {
    assertValidKey(key);
    return join(this.root, ...key.split('/'));
  }

  private metaPath(key: string): string {
    return join(this.root, META_DIR, ...key.split('/')) + '.json';
  }

  private async atomicWrite(path: string, body: Buffer | string): Promise<void> {
    const tmpDir = join(this.root, TMP_DIR);
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, randomUUID());
    await writeFile(tmp, body);
    // A delete may remove an emptied folder between our mkdir and rename (or in the middle of a
    // recursive mkdir): make the folders again and retry.
    for (let tries = 1; ; tries++) {
      try {
        await mkdir(dirname(path), { recursive: true });
        await rename(tmp, path);
        return;
      } catch (err) {
        if (!isMissing(err) || tries >= 10) {
          await rm(tmp, { force: true });
          throw err;
        }
      }
    }
  }

  /** Removes the folders a delete left empty, from `dir` up to (not including) `stop`. */
  private async pruneEmpty(dir: string, stop: string): Promise<void> {
    for (let d = dir; d !== stop && d.startsWith(stop + sep); d = dirname(d)) {
      try {
        await rmdir(d);
      } catch {
        // Not empty (or already gone, or just refilled by a put): the folders above stay too.
        return;
      }
    }
  }

  async put(key: string, body: Buffer, options: PutOptions = {}): Promise<void> {
    const path = this.path(key);
    const sidecar: Sidecar = { contentType: options.contentType, metadata: normalizeMetadata(options.metadata) };
    // Sidecar first: an object never exists without its metadata.
    await this.atomicWrite(this.metaPath(key), JSON.stringify(sidecar));
    await this.atomicWrite(path, body);
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await readFile(this.path(key));
    } catch (err) {
      if (isMissing(err)) throw new BlobNotFoundError(key);
      throw err;
    }
  }

  async stream(key: string): Promise<Readable> {
    const path = this.path(key);
    try {
      await stat(path);
    } catch (err) {
      if (isMissing(err)) throw new BlobNotFoundError(key);
      throw err;
    }
    return createReadStream(path);
  }

  async copy(fromKey: string, toKey: string, extraMetadata: Record<string, string> = {}): Promise<void> {
    const [body, info] = await Promise.all([this.get(fromKey), this.head(fromKey)]);
    await this.put(toKey, body, { contentType: info?.contentType, metadata: { ...(info?.metadata ?? {}), ...extraMetadata } });
  }

  async head(key: string): Promise<BlobInfo | undefined> {
    let size: number;
    let modified: Date;
    try {
      const s = await stat(this.path(key));
      if (!s.isFile()) return undefined;
      ({ size, mtime: modified } = s);
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw err;
    }
    let sidecar: Sidecar = { metadata: {} };
    try {
      sidecar = parseJsonPayload(sidecarSchema, await readFile(this.metaPath(key), 'utf8'), `metadata sidecar of ${key}`);
    } catch (err) {
      if (!isMissing(err)) throw err;
    }
    return { key, size, modified, contentType: sidecar.contentType, metadata: sidecar.metadata };
  }

  async list(prefix: string): Promise<BlobSummary[]> {
    const out: BlobSummary[] = [];
    const walk = async (dir: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (err) {
        if (isMissing(err)) return;
        throw err;
      }
      for (const e of entries) {
        const full = join(dir, e.name);
        const key = relative(this.root, full).split(sep).join('/');
        if (key === META_DIR || key === TMP_DIR) continue;
        if (e.isDirectory()) {
          if (prefix.startsWith(key + '/') || key.startsWith(prefix) || prefix === '') await walk(full);
        } else if (key.startsWith(prefix)) {
          const s = await stat(full);
          out.push({ key, size: s.size, modified: s.mtime });
        }
      }
    };
    await walk(this.root);
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
    await rm(this.metaPath(key), { force: true });
    // One folder per cache key under staging/ and .meta/ would otherwise pile up forever.
    await this.pruneEmpty(dirname(this.path(key)), this.root);
    await this.pruneEmpty(dirname(this.metaPath(key)), join(this.root, META_DIR));
  }

  async locate(key: string): Promise<string> {
    return this.path(key);
  }
}
