// The official C2PA library (c2pa-rs, built as libc2pa_c.so) through its Python binding, PyPI
// `c2pa-python`, whose wheels carry the native library. The tests check cubcanvas's manifests with
// it: an implementation nobody on this project wrote. Installed like the other pinned tools, into
// .tools/c2pa-python, and imported with PYTHONPATH pointing there. --no-deps: reading and
// validating need only ctypes (its dependencies serve signing with Python keys).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { toolsDir } from './pypi-binary';

export const C2PA_PYTHON = { pypiPackage: 'c2pa-python', version: '0.38.1' } as const;

const localDir = join(toolsDir, 'c2pa-python');
const nativeLibrary = (dir: string) => join(dir, 'c2pa', 'libs', 'libc2pa_c.so');

export class C2paPythonMissingError extends Error {
  constructor(detail: string) {
    super(`c2pa-python not found: ${detail}. Run "node scripts/setup.mjs" (npm test runs it) to install it into .tools/c2pa-python.`);
    this.name = 'C2paPythonMissingError';
  }
}

/** The folder to put on PYTHONPATH, or undefined when not installed. */
export function findC2paPython(): string | undefined {
  return existsSync(nativeLibrary(localDir)) ? localDir : undefined;
}

export function requireC2paPython(): string {
  const dir = findC2paPython();
  if (!dir) throw new C2paPythonMissingError(`nothing at ${nativeLibrary(localDir)}`);
  return dir;
}

export function ensureC2paPython(log: (line: string) => void): string {
  const found = findC2paPython();
  if (found) return found;
  mkdirSync(localDir, { recursive: true });
  log(`installing ${C2PA_PYTHON.pypiPackage}==${C2PA_PYTHON.version} from PyPI into ${localDir}…`);
  const pip = spawnSync(
    'python3',
    [
      '-m',
      'pip',
      'install',
      '--quiet',
      '--disable-pip-version-check',
      '--no-deps',
      '--upgrade',
      '--target',
      localDir,
      `${C2PA_PYTHON.pypiPackage}==${C2PA_PYTHON.version}`,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, PIP_ROOT_USER_ACTION: 'ignore' } },
  );
  if (pip.status !== 0 || !findC2paPython()) throw new C2paPythonMissingError(`pip install failed (exit ${pip.status ?? pip.error?.message})`);
  return localDir;
}

/** The native library's version, e.g. "0.91.3". */
export function c2paPythonVersion(dir: string): string {
  const run = spawnSync('python3', ['-c', 'import c2pa; print(c2pa.sdk_version())'], { encoding: 'utf8', env: { ...process.env, PYTHONPATH: dir } });
  return run.status === 0 ? run.stdout.trim() : `unknown (${run.stderr.trim().split('\n').at(-1)})`;
}
