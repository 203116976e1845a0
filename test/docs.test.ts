// The README is the settings reference: every variable the code reads must be documented there.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SETTINGS } from '../config/settings';
import { projectRoot } from '../toolchain/pypi-binary';

describe('documentation', () => {
  const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
  it.each(SETTINGS.map((s) => s.name))('README documents %s', (name) => {
    expect(readme).toContain(`| \`${name}\` |`);
  });
  it('shows the two quick-start commands', () => {
    expect(readme).toContain('npm run demo');
    expect(readme).toContain('npm test');
  });
});
