// What the benchmarks share: their settings, their prompts, and how they end.

export const ANIMALS = ['panda', 'penguin', 'rabbit', 'fox', 'owl', 'duck', 'koala', 'lion', 'tiger', 'frog', 'pig', 'elephant'];

export function envInt(name: string, fallback: number): number {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive integer`);
  return v;
}

/** Runs a benchmark's main; a failure prints its stack and exits 1. */
export function runBench(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    console.error(`bench: ${(err as Error).stack ?? err}`);
    process.exit(1);
  });
}
