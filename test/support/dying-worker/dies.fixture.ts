// Each run appends a line to DYING_WORKER_RUNS. DYING_WORKER_MODE: 'always' kills the test process
// after its test has passed; 'once' does so on the first run only; 'fail' fails the test.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';

const mode = process.env.DYING_WORKER_MODE;
const runs = process.env.DYING_WORKER_RUNS!;
const runsBefore = existsSync(runs) ? readFileSync(runs, 'utf8').split('\n').filter(Boolean).length : 0;
appendFileSync(runs, `${mode}\n`);

it('passes unless told to fail', () => {
  expect(mode).not.toBe('fail');
});

afterAll(async () => {
  // Let the passed test's result reach the main process first, as in the deaths seen in CI.
  await new Promise((resolve) => setTimeout(resolve, 300));
  if (mode === 'always' || (mode === 'once' && runsBefore === 0)) process.kill(process.pid, 'SIGKILL');
});
