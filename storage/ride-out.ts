// Riding out a storage outage inside one operation: for work that must not be done again because a
// store was down for a while (a finished GPU render's upload, reading the manifest of a finished
// Job). Only StorageUnavailable is retried; anything else, or the deadline, ends it.
import { setTimeout as sleep } from 'node:timers/promises';
import { StorageUnavailableError } from '../domain/errors';

export interface RideOutOptions {
  /** Give up after this long (default 12 minutes: an outage of 10 is survived). */
  deadlineMs?: number;
  /** First wait, doubled each time up to maxDelayMs (defaults 500 ms and 30 s). */
  initialDelayMs?: number;
  maxDelayMs?: number;
  signal?: AbortSignal;
  /** Told before each wait: progress for the caller's heartbeat and log. */
  onRetry?: (attempt: number, err: StorageUnavailableError, delayMs: number) => void;
}

export const STORAGE_OUTAGE_DEADLINE_MS = 12 * 60_000;

export async function rideOutStorageOutage<T>(op: () => Promise<T>, opts: RideOutOptions = {}): Promise<T> {
  const deadline = Date.now() + (opts.deadlineMs ?? STORAGE_OUTAGE_DEADLINE_MS);
  let delay = opts.initialDelayMs ?? 500;
  for (let attempt = 1; ; attempt++) {
    try {
      return await op();
    } catch (err) {
      if (!(err instanceof StorageUnavailableError) || Date.now() + delay > deadline) throw err;
      opts.onRetry?.(attempt, err, delay);
      await sleep(delay, undefined, { signal: opts.signal });
      delay = Math.min(delay * 2, opts.maxDelayMs ?? 30_000);
    }
  }
}
