// A suite of its own for test/run-vitest.test.ts: one file whose test process dies after its test
// has passed, as vitest's forks pool now and then sees in CI. Run with --root set to this folder.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['*.fixture.ts'],
    pool: 'forks',
    setupFiles: ['../test-process-exit.ts'],
  },
});
