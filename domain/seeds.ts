/** The seed of the n-th regeneration: far from the first so that the picture really changes. Pure, for workflows. */
export function regenerationSeed(seed: number, attempt: number): number {
  return (seed + Math.imul(attempt, 0x9e3779b1)) >>> 0;
}
