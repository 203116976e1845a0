import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The workflows module the bundler starts from: the TypeScript source in a checkout, JS when compiled. */
export function workflowsEntry(): string {
  const dir = join(__dirname, '..', 'workflows');
  const ts = join(dir, 'index.ts');
  return existsSync(ts) ? ts : join(dir, 'index.js');
}
