// actionlint (the GitHub Actions workflow linter) for test/delivery.test.ts. It has no PyPI wheel,
// so it builds from source through the Go module proxy into .tools/actionlint-<version>/, a folder
// named after the version so that bumping the pin builds the new one instead of reusing the old.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { isExecutable, toolsDir } from './pypi-binary';

export const ACTIONLINT_VERSION = 'v1.7.12';
export const ACTIONLINT_MODULE = 'github.com/rhysd/actionlint/cmd/actionlint';

export const actionlintDir = join(toolsDir, `actionlint-${ACTIONLINT_VERSION}`);
export const actionlintPath = join(actionlintDir, 'actionlint');

/**
 * The path of the pinned actionlint, built with `go install` when missing. Idempotent: a built
 * binary is reused. The first build takes about a minute (module downloads plus compile).
 */
export function ensureActionlint(log: (line: string) => void): string {
  if (isExecutable(actionlintPath)) return actionlintPath;
  mkdirSync(actionlintDir, { recursive: true });
  log(`building actionlint ${ACTIONLINT_VERSION} (go install ${ACTIONLINT_MODULE}@${ACTIONLINT_VERSION}) into ${actionlintDir}…`);
  const go = spawnSync('go', ['install', `${ACTIONLINT_MODULE}@${ACTIONLINT_VERSION}`], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, GOBIN: actionlintDir },
  });
  if (go.error) {
    const missing = (go.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(
      missing
        ? `actionlint ${ACTIONLINT_VERSION} is not in ${actionlintDir} and cannot be built: the Go toolchain (go) is not on PATH. Install Go 1.24 or newer, or put an actionlint ${ACTIONLINT_VERSION} binary at ${actionlintPath}.`
        : `building actionlint ${ACTIONLINT_VERSION}: could not run go: ${go.error.message}`,
    );
  }
  if (go.status !== 0 || !isExecutable(actionlintPath)) {
    throw new Error(
      `building actionlint ${ACTIONLINT_VERSION} failed (go install exit ${go.status ?? go.signal}); the Go module proxy must be reachable (GOPROXY=${process.env.GOPROXY ?? 'default'})`,
    );
  }
  log(`actionlint: ${actionlintPath}`);
  return actionlintPath;
}
