// Vitest reports a test process that dies only as "Worker exited unexpectedly", without the file or
// how it ended. This names both on the test process's own stderr (which vitest passes through), so
// a rare death in CI can be traced to its file and its stage. See scripts/run-vitest.ts.
import { writeSync } from 'node:fs';
import { afterAll, beforeAll, expect } from 'vitest';

const file = expect.getState().testPath ?? '(a file vitest did not name)';
let stage = 'loading';

beforeAll(() => {
  stage = 'running its tests';
});
// Registered first, so it runs after the file's own afterAll hooks.
afterAll(() => {
  stage = 'after its afterAll hooks';
});

process.on('exit', (code) => {
  if (code !== 0) writeSync(2, `test process ${process.pid} exited with code ${code} in ${file}, ${stage}\n`);
});
