// Lint for what the type checker cannot see: promises nobody awaits (a lost error, a step that runs
// after its workflow moved on) and Node built-ins in workflow code (Temporal's sandbox has none; the
// bundler would fail at worker start, far from the import). Part of `npm test`.
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'tls',
  'stream',
  'zlib',
  'worker_threads',
  'timers',
  'util',
  'events',
  'url',
  'dns',
  'process',
  'buffer',
];

export default tseslint.config(
  { ignores: ['node_modules/**', '.tools/**', '.cache/**', '.cubcanvas/**', 'dist/**', '**/*.mjs', 'web/**'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTINS.flatMap((m) => [m, `node:${m}`]).map((name) => ({
            name,
            message: "workflows run in Temporal's deterministic sandbox: no Node built-ins (do the I/O in an activity)",
          })),
          patterns: [
            {
              group: ['@temporalio/client', '@temporalio/worker', '@temporalio/activity', '**/activities', '**/activities/*'],
              allowTypeImports: true,
              message: 'workflows import activity types only (import type) and @temporalio/workflow',
            },
          ],
        },
      ],
    },
  },
);
