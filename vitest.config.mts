import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Temporal workers use native threads and worker_threads: each test file gets its own process.
    pool: 'forks',
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/test-process-exit.ts'],
    // A hang-stopper, not a speed check: tests that drive real servers and CLI processes take 40-58 s
    // in CI on 2 cores beside other files (dev's Web UI, a triggered schedule, a worker killed
    // mid-Job), too close to 60 s; slow tests with their own limits keep them.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // Slow real-server files run side by side; 2 cores, so at most 3 at a time.
    maxWorkers: 3,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
