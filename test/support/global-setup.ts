// One Temporal dev server for the whole run (real binary from .tools/), and one prebuilt workflow
// bundle so that each test worker starts in milliseconds instead of re-bundling.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { TestProject } from 'vitest/node';
import { startEmbeddedServer, type EmbeddedServer } from '../../temporal/embedded-server';
import { workflowsEntry } from '../../worker/workflows-entry';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    workflowBundlePath: string;
  }
}

let server: EmbeddedServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  const dir = join(__dirname, '..', '..', '.cache');
  mkdirSync(dir, { recursive: true });
  const [started, bundle] = await Promise.all([
    startEmbeddedServer(),
    bundleWorkflowCode({ workflowsPath: workflowsEntry(), logger: { log() {}, trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error } }),
  ]);
  server = started;
  const bundlePath = join(dir, `workflow-bundle-${process.pid}.js`);
  writeFileSync(bundlePath, bundle.code);
  project.provide('temporalAddress', server.address);
  project.provide('workflowBundlePath', bundlePath);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
