// The workflow bundle, built once per version of the code and kept in a folder: bundling
// workflows/ with webpack takes 2-6 s, most of a CLI command's start-up (the embedded server itself
// starts in about 0.2 s), and the code rarely changes between two commands.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { workflowInterceptorModules, workflowsEntry } from './workflows-entry';

/** Folders of the checkout that never go into a workflow bundle; dot-folders (data, .git) neither. */
const NOT_BUNDLED = new Set(['node_modules', 'test', 'data', 'docs', 'bench', 'k8s', 'web']);
const SOURCE = /\.(ts|js|mjs|cjs|json)$/;
const PREFIX = 'workflow-bundle-';

/** What a bundle is built from: every source file of the project, and the locked dependency versions. */
export function bundleCacheKey(root: string = join(__dirname, '..')): string {
  const hash = createHash('sha256');
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.') || (rel === '' && NOT_BUNDLED.has(name))) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path, `${rel}${name}/`);
      else if (SOURCE.test(name)) hash.update(`${rel}${name}\0`).update(readFileSync(path)).update('\0');
    }
  };
  walk(root, '');
  return hash.digest('hex').slice(0, 20);
}

export type WorkflowBundle = { codePath: string } | { code: string };

/**
 * The bundle for the current code: from `dir` when built before, else built now and kept there
 * (written under a temporary name and renamed, so that a concurrent command never reads half a
 * file). A folder that cannot be written only costs the cache: the bundle is handed over in memory.
 */
export async function cachedWorkflowBundle(dir: string, root?: string): Promise<WorkflowBundle> {
  const path = join(dir, `${PREFIX}${bundleCacheKey(root)}.js`);
  if (existsSync(path)) return { codePath: path };
  const { code } = await bundleWorkflowCode({
    workflowsPath: workflowsEntry(),
    workflowInterceptorModules: workflowInterceptorModules(),
    // webpack's module-by-module report is for whoever works on the bundler, not for a CLI user.
    logger: new DefaultLogger('WARN'),
  });
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, code, { mode: 0o600 });
    renameSync(temporary, path);
    // Bundles of older code are never used again.
    for (const name of readdirSync(dir))
      if (name.startsWith(PREFIX) && join(dir, name) !== path && name.endsWith('.js')) rmSync(join(dir, name), { force: true });
    return { codePath: path };
  } catch {
    return { code };
  }
}
