// The cache key: equal normalised prompt + render parameters + graph version => equal picture.
// Uses node:crypto, so it is computed in activities, never imported by workflows.
import { createHash } from 'node:crypto';
import type { Style } from './request';

export interface CacheKeyParts {
  normalizedPrompt: string;
  width: number;
  height: number;
  seed: number;
  style: Style;
  backend: string;
  workflowVersion: string;
}

export function cacheKeyOf(parts: CacheKeyParts): string {
  // A fixed field order, so the key never depends on how the object was built.
  const canonical = JSON.stringify(['v1', parts.normalizedPrompt, parts.width, parts.height, parts.seed, parts.style, parts.backend, parts.workflowVersion]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}

/** The seed used when a request names none: a function of the prompt, so repeats hit the cache. */
export function defaultSeedFor(normalizedPrompt: string): number {
  return createHash('sha256').update(normalizedPrompt).digest().readUInt32BE(0);
}
