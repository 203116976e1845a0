// Prebuilds the workflow bundle (used by the worker image): node --import tsx scripts/bundle-workflows.ts OUT.js
import { writeFileSync } from 'node:fs';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowInterceptorModules, workflowsEntry } from '../worker/workflows-entry';

async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) throw new Error('usage: scripts/bundle-workflows.ts OUTPUT.js');
  const { code } = await bundleWorkflowCode({ workflowsPath: workflowsEntry(), workflowInterceptorModules: workflowInterceptorModules() });
  writeFileSync(out, code);
  console.error(`bundle-workflows: wrote ${out} (${Math.round(code.length / 1024)} KiB)`);
}

main().catch((err: unknown) => {
  console.error(`bundle-workflows: ${(err as Error).message}`);
  process.exit(1);
});
