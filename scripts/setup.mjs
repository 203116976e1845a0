#!/usr/bin/env node
// First step of `npm test` and `npm run demo`: makes a fresh clone runnable with no manual steps.
// --kubernetes (npm run k8s:local) also builds the Kubernetes control plane; --test (npm test) that
// and actionlint.
// Plain Node (no dependencies) because it runs before node_modules exists.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lock = join(root, 'package-lock.json');
const installedLock = join(root, 'node_modules', '.package-lock.json');

function run(cmd, args) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: false });
  if (res.error) throw res.error;
  if (res.status !== 0) {
    console.error(`setup: "${cmd} ${args.join(' ')}" exited with ${res.status}`);
    process.exit(res.status ?? 1);
  }
}

const stale = !existsSync(installedLock) || statSync(installedLock).mtimeMs < statSync(lock).mtimeMs;
if (stale) {
  console.error('setup: installing npm packages (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error']);
}
const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
run(process.execPath, [tsx, join(root, 'scripts', 'ensure-tools.ts')]);
// The Kubernetes control plane takes minutes to build the first time: only for those who ask.
// --test also builds actionlint, which only the tests use.
if (process.argv.includes('--kubernetes') || process.argv.includes('--test')) {
  run(process.execPath, [tsx, join(root, 'scripts', 'ensure-kubernetes.ts'), ...(process.argv.includes('--test') ? ['--actionlint'] : [])]);
}
