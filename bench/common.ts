// What the benchmarks share: their settings, their prompts, and how they end.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ANIMALS = ['panda', 'penguin', 'rabbit', 'fox', 'owl', 'duck', 'koala', 'lion', 'tiger', 'frog', 'pig', 'elephant'];

export function envInt(name: string, fallback: number): number {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive integer`);
  return v;
}

/**
 * Runs a benchmark's main; a failure prints its stack and exits 1. Every temporary folder it makes
 * (servers' data, stores, control planes) goes under one folder removed when the process exits: a
 * `npm run bench` left up to 2 GB behind in /tmp.
 */
export function runBench(main: () => Promise<void>): void {
  const runTmp = mkdtempSync(join(tmpdir(), 'cubcanvas-bench-run-'));
  process.env.TMPDIR = runTmp;
  process.on('exit', () => rmSync(runTmp, { recursive: true, force: true }));
  main().catch((err: unknown) => {
    console.error(`bench: ${(err as Error).stack ?? err}`);
    process.exit(1);
  });
}
