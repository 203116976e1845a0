// SHA-256 of model files, remembered by path, size and mtime in a small JSON file: the fp8
// Qwen-Image weights are ~32 GB, which take tens of seconds to hash even from a fast disk, so a
// file is hashed once and then only stat()ed. The hash is streamed (64 KiB reads), never held in memory.
// A render pod's model volume is read-only and its own disk dies with it, so the object store is a
// second, shared tier: the first pod to hash a file leaves the hash there for every later pod (on
// the GPU's paid time, ~50 s of hashing per Job would otherwise be spent again and again).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PREFIX } from '../../domain/storage-layout';
import type { BlobStore } from '../../storage/blob-store';
import { z } from 'zod';
import { tryParsePayload } from '../../domain/payload-schemas';

/** One file's hash as both tiers keep it; a damaged or foreign entry is a file to hash again. */
const cachedHashSchema = z.object({ size: z.number(), mtimeMs: z.number(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });
type CachedHash = z.output<typeof cachedHashSchema>;

/**
 * A model file's remembered SHA-256 in the object store, named by a digest of the file's path, size
 * and mtime: a replaced file (new size or mtime) is a new key and is hashed again.
 */
export const modelHashKey = (path: string, size: number, mtimeMs: number) =>
  `${PREFIX.modelHashes}${createHash('sha256').update(`${path}\0${size}\0${mtimeMs}`).digest('hex')}.json`;

export interface FileHash {
  sha256: string;
  bytes: number;
}

export class ModelHashCache {
  /** Files hashed (read end to end) by this instance: what the cache saves is visible here. */
  hashed = 0;
  /** Why the cache file could not be written, once (a read-only model volume); hashes then live in memory only. */
  saveError: string | undefined;
  private entries: Record<string, CachedHash> | undefined;

  /** Hashes found in the shared tier (the object store) instead of being computed. */
  fromShared = 0;

  /**
   * `file`: where the cache is kept; undefined keeps it in memory for this process only.
   * `shared`: the object store every pod can read, or undefined for none.
   */
  constructor(
    readonly file: string | undefined,
    private readonly shared?: BlobStore,
  ) {}

  async hash(path: string): Promise<FileHash> {
    const info = await stat(path);
    const entries = await this.load();
    const known = entries[path] ?? (await this.readShared(path, info.size, info.mtimeMs));
    if (known && known.size === info.size && known.mtimeMs === info.mtimeMs) {
      if (!entries[path]) {
        entries[path] = known;
        await this.save(entries);
      }
      return { sha256: known.sha256, bytes: info.size };
    }
    const digest = createHash('sha256');
    await pipeline(createReadStream(path, { highWaterMark: 64 * 1024 }), digest);
    const sha256 = digest.digest('hex');
    this.hashed++;
    entries[path] = { size: info.size, mtimeMs: info.mtimeMs, sha256 };
    await this.save(entries);
    await this.writeShared(path, entries[path]);
    return { sha256, bytes: info.size };
  }

  /** The shared tier is a saving, never a dependency: a store that cannot answer means hashing. */
  private async readShared(path: string, size: number, mtimeMs: number): Promise<CachedHash | undefined> {
    if (!this.shared) return undefined;
    try {
      const key = modelHashKey(path, size, mtimeMs);
      if (!(await this.shared.head(key))) return undefined;
      const parsed = tryParsePayload(cachedHashSchema, JSON.parse((await this.shared.get(key)).toString('utf8')));
      if (!parsed || parsed.size !== size || parsed.mtimeMs !== mtimeMs) return undefined;
      this.fromShared++;
      return { size, mtimeMs, sha256: parsed.sha256 };
    } catch {
      return undefined;
    }
  }

  private async writeShared(path: string, entry: CachedHash): Promise<void> {
    if (!this.shared) return;
    try {
      await this.shared.put(modelHashKey(path, entry.size, entry.mtimeMs), Buffer.from(JSON.stringify({ path, ...entry })), {
        contentType: 'application/json',
      });
    } catch (err) {
      this.saveError ??= `${this.shared.description}: ${(err as Error).message}`;
    }
  }

  private async load(): Promise<Record<string, CachedHash>> {
    if (this.entries) return this.entries;
    let loaded: Record<string, CachedHash> = {};
    if (this.file) {
      try {
        // Entry by entry: one damaged entry costs one file's hash, not the whole file's.
        const parsed = tryParsePayload(z.record(z.string(), z.unknown()), JSON.parse(await readFile(this.file, 'utf8'))) ?? {};
        for (const [path, entry] of Object.entries(parsed)) {
          const hash = tryParsePayload(cachedHashSchema, entry);
          if (hash) loaded[path] = hash;
        }
      } catch {
        // Missing or damaged: every file is hashed again and the file rewritten, nothing is wrong.
      }
    }
    this.entries = loaded;
    return loaded;
  }

  private async save(entries: Record<string, CachedHash>): Promise<void> {
    if (!this.file) return;
    try {
      await mkdir(dirname(this.file), { recursive: true });
      // Written whole and renamed over: two pods sharing the file never read half of one.
      const tmp = `${this.file}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(entries, null, 2));
      await rename(tmp, this.file);
    } catch (err) {
      this.saveError ??= `${this.file}: ${(err as Error).message}`;
    }
  }
}
