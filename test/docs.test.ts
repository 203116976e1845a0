// The README is the settings reference: every variable the code reads must be documented there.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DEV_SETTINGS } from '../config/dev-settings';
import { SETTINGS } from '../config/settings';
import { RUNNER_SETTINGS } from '../runner/settings';
import { projectRoot } from '../toolchain/pypi-binary';

const SOURCE_DIRS = [
  'activities',
  'api',
  'bench',
  'cli',
  'client',
  'config',
  'domain',
  'imaging',
  'metrics',
  'moderation',
  'render',
  'runner',
  'scripts',
  'storage',
  'telemetry',
  'temporal',
  'toolchain',
  'webhooks',
  'worker',
  'workflows',
];
/** Names of that shape that are not settings: constants, prefixes, templates. */
const NOT_SETTINGS = new Set(['RUNNER_CONTAINER', 'RUNNER_SETTINGS', 'TEMPORAL_CLI', 'CUBCANVAS_S3_', 'CUBCANVAS_NODE']);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('documentation', () => {
  const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
  it.each([...SETTINGS, ...RUNNER_SETTINGS, ...DEV_SETTINGS].map((s) => s.name))('README documents %s', (name) => {
    expect(readme).toContain(`| \`${name}\` |`);
  });
  it('every setting the code names is in a settings table, so none is read undocumented', () => {
    const documented = new Set([...SETTINGS, ...RUNNER_SETTINGS, ...DEV_SETTINGS].map((s) => s.name));
    const named = new Set<string>();
    for (const dir of SOURCE_DIRS) {
      if (!existsSync(join(projectRoot, dir))) continue;
      for (const file of sources(join(projectRoot, dir))) {
        for (const m of readFileSync(file, 'utf8').matchAll(/\b(?:CUBCANVAS|RUNNER|BENCH)_[A-Z0-9_]+\b/g)) named.add(m[0]);
      }
    }
    const undocumented = [...named].filter((n) => !documented.has(n) && !NOT_SETTINGS.has(n)).sort();
    expect(undocumented).toEqual([]);
  });
  it('shows the two quick-start commands', () => {
    expect(readme).toContain('npm run demo');
    expect(readme).toContain('npm test');
  });
});
