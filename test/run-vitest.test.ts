// scripts/run-vitest.ts: a run whose only errors are test processes dying after everything passed
// gets one more run, which decides; a failed test or any other error fails at once.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { onlyWorkerExits, runVitest } from '../scripts/run-vitest';

const summary = (files: string, tests: string, errors?: string) =>
  [' Test Files  ' + files, '      Tests  ' + tests, ...(errors ? ['     Errors  ' + errors] : []), '   Duration  953.71s'].join('\n');
const workerExit = 'Error: [vitest-pool]: Worker forks emitted error.\nCaused by: Error: Worker exited unexpectedly\n';

describe('onlyWorkerExits', () => {
  it('allows one more run when every file passed and the one error is a dead test process', () => {
    // The summary that decides is the last one.
    expect(onlyWorkerExits(summary('1 failed (1)', '1 failed (1)') + '\n' + workerExit + summary('2 passed (2)', '5 passed (5)', '1 error'))).toBeDefined();
    expect(onlyWorkerExits(workerExit + summary('121 passed (121)', '3945 passed (3945)', '1 error'))).toContain('Test Files 121 passed (121)');
    // Colours as vitest prints them on a terminal.
    expect(onlyWorkerExits(`\x1b[31m${workerExit}\x1b[39m` + summary('\x1b[32m3 passed\x1b[39m (3)', '9 passed (9)', '\x1b[31m1 error\x1b[39m'))).toBeDefined();
  });

  it('refuses when a test or a file failed, or another error came too', () => {
    expect(onlyWorkerExits(workerExit + summary('1 failed | 120 passed (121)', '3945 passed (3945)', '1 error'))).toBeUndefined();
    expect(onlyWorkerExits(workerExit + summary('121 passed (121)', '1 failed | 3944 passed (3945)', '1 error'))).toBeUndefined();
    expect(onlyWorkerExits(workerExit + 'TypeError: x is undefined\n' + summary('121 passed (121)', '3945 passed (3945)', '2 errors'))).toBeUndefined();
    expect(onlyWorkerExits('Unhandled Rejection: boom\n' + summary('121 passed (121)', '3945 passed (3945)', '1 error'))).toBeUndefined();
    expect(onlyWorkerExits(summary('121 passed (121)', '3945 passed (3945)'))).toBeUndefined();
    // A test that only talks about dead workers (this file's own nested runs do) is no dead worker.
    const talk = 'stderr | test/x.test.ts\nthe worker exited: Worker exited unexpectedly\n';
    expect(onlyWorkerExits(talk + 'TypeError: x is undefined\n' + summary('121 passed (121)', '3945 passed (3945)', '1 error'))).toBeUndefined();
  });
});

describe('runVitest', () => {
  const dyingSuite = (mode: string) => {
    const runs = join(mkdtempSync(join(tmpdir(), 'cubcanvas-run-vitest-')), 'runs');
    const env: NodeJS.ProcessEnv = { ...process.env, DYING_WORKER_MODE: mode, DYING_WORKER_RUNS: runs };
    // This file runs inside vitest: the nested run must not take this one's worker settings for its own.
    for (const name of Object.keys(env)) if (name.startsWith('VITEST')) delete env[name];
    const dir = join(__dirname, 'support', 'dying-worker');
    const args = ['--config', join(dir, 'vitest.config.mts'), '--root', dir];
    return { run: () => runVitest({ args, env, echo: false }), runs: () => readFileSync(runs, 'utf8').split('\n').filter(Boolean).length };
  };

  it('passes when the second run passes after a test process died in the first', async () => {
    const suite = dyingSuite('once');
    expect(await suite.run()).toBe(0);
    expect(suite.runs()).toBe(2);
  });

  it('fails when the second run dies too, and runs no third', async () => {
    const suite = dyingSuite('always');
    expect(await suite.run()).not.toBe(0);
    expect(suite.runs()).toBe(2);
  });

  it('fails at once, without a second run, when a test fails', async () => {
    const suite = dyingSuite('fail');
    expect(await suite.run()).not.toBe(0);
    expect(suite.runs()).toBe(1);
  });
});
