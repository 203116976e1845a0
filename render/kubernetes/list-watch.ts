// List, then watch from the list's resourceVersion with bookmarks on; when the watch ends, watch
// again from the last version seen; when the server says that version is gone (410), list again.
// The informer pattern of client-go, for one selector, without a cache library.
import { Watch, type KubeConfig } from '@kubernetes/client-node';

interface Meta {
  metadata?: { uid?: string; resourceVersion?: string; name?: string };
}

export interface ListWatchOptions<T extends Meta> {
  kubeConfig: KubeConfig;
  /** API path of the collection, e.g. /apis/batch/v1/namespaces/ns/jobs. */
  path: string;
  query: { labelSelector?: string; fieldSelector?: string };
  list(): Promise<{ items: T[]; resourceVersion: string }>;
  /** After every change: the objects that exist now, and those deleted since the start (last state). */
  onChange(current: ReadonlyMap<string, T>, deleted: ReadonlyMap<string, T>): void;
  onError(err: Error): void;
  /** Where to start watching instead of listing first (tests: a version long gone). */
  startFrom?: string;
}

export interface ListWatchHandle {
  stop(): void;
  /** How many times it had to list again after a 410 Gone. */
  readonly relists: number;
}

const GONE = 410;

export function listWatch<T extends Meta>(opts: ListWatchOptions<T>): ListWatchHandle {
  const current = new Map<string, T>();
  const deleted = new Map<string, T>();
  let resourceVersion = opts.startFrom;
  let controller: AbortController | undefined;
  let stopped = false;
  let relists = 0;
  let failuresInARow = 0;
  let lastError: Error | undefined;
  const key = (o: T) => o.metadata?.uid ?? o.metadata?.name ?? '';

  const relist = async () => {
    const { items, resourceVersion: rv } = await opts.list();
    const seen = new Set(items.map(key));
    for (const [k, o] of current) if (!seen.has(k)) deleted.set(k, o);
    for (const k of [...current.keys()]) if (!seen.has(k)) current.delete(k);
    for (const o of items) current.set(key(o), o);
    resourceVersion = rv;
    opts.onChange(current, deleted);
  };

  const watchOnce = async (): Promise<void> => {
    if (stopped) return;
    if (resourceVersion === undefined) await relist();
    let gone = false;
    await new Promise<void>((settle) => {
      void new Watch(opts.kubeConfig)
        .watch(
          opts.path,
          { ...opts.query, resourceVersion, allowWatchBookmarks: true },
          (type: string, obj: T & { code?: number; message?: string }) => {
            failuresInARow = 0;
            if (type === 'ERROR') {
              // The server's way of saying the version is too old for its watch cache.
              if (obj.code === GONE) gone = true;
              return;
            }
            if (obj.metadata?.resourceVersion) resourceVersion = obj.metadata.resourceVersion;
            if (type === 'BOOKMARK') return;
            if (type === 'DELETED') {
              current.delete(key(obj));
              deleted.set(key(obj), obj);
            } else current.set(key(obj), obj);
            opts.onChange(current, deleted);
          },
          (err: (Error & { statusCode?: number }) | null) => {
            if (err?.statusCode === GONE) gone = true;
            else if (err && !stopped && err.name !== 'AbortError') {
              failuresInARow++;
              lastError = err;
            }
            settle();
          },
        )
        .then((c) => {
          controller = c;
          if (stopped) c.abort();
        });
    });
    if (gone) {
      relists++;
      resourceVersion = undefined;
    }
  };

  void (async () => {
    while (!stopped) {
      try {
        await watchOnce();
      } catch (err) {
        failuresInARow++;
        lastError = err as Error;
      }
      if (failuresInARow >= 5) {
        stopped = true;
        opts.onError(lastError ?? new Error(`watch of ${opts.path} keeps failing`));
        return;
      }
      // A server that closes watches at once (restarting, overloaded) is not hammered.
      if (!stopped && failuresInARow > 0) await new Promise((r) => setTimeout(r, Math.min(5000, 200 * 2 ** failuresInARow)));
    }
  })();

  return {
    stop() {
      stopped = true;
      controller?.abort();
    },
    get relists() {
      return relists;
    },
  };
}
