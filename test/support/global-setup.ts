// One Temporal dev server, one SeaweedFS S3 server and one Kubernetes control plane for the whole run (real binaries from
// .tools/), and one prebuilt workflow bundle so that each test worker starts in milliseconds.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { TestProject } from 'vitest/node';
import { startEmbeddedServer, type EmbeddedServer } from '../../temporal/embedded-server';
import { workflowInterceptorModules, workflowsEntry } from '../../worker/workflows-entry';
import { startSeaweed, type SeaweedServer } from '../../toolchain/seaweedfs';
import { startControlPlane, type ControlPlane } from './k8s/control-plane';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    workflowBundlePath: string;
    s3: { endpoint: string; accessKeyId: string; secretAccessKey: string; bucket: string };
    k8s: { server: string; caData: string; adminToken: string; adminKubeconfigPath: string };
  }
}

export const TEST_BUCKET = 'cubcanvas-test';
let server: EmbeddedServer | undefined;
let seaweed: SeaweedServer | undefined;
let kubernetes: ControlPlane | undefined;
let bundlePath = '';
let runTmp = '';

export async function setup(project: TestProject): Promise<void> {
  // Every temporary folder of the run (servers' data, tests' stores and work dirs, in this process
  // and the test workers it forks) goes under one folder removed at teardown: tests made thousands
  // of folders in /tmp, and a full disk made SeaweedFS refuse writes.
  runTmp = mkdtempSync(join(tmpdir(), 'cubcanvas-test-run-'));
  process.env.TMPDIR = runTmp;
  const dir = join(__dirname, '..', '..', '.cache');
  mkdirSync(dir, { recursive: true });
  const [started, bundle, s3, k8s] = await Promise.all([
    startEmbeddedServer(),
    bundleWorkflowCode({
      workflowsPath: workflowsEntry(),
      workflowInterceptorModules: workflowInterceptorModules(),
      logger: { log() {}, trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error },
    }),
    startSeaweed({ dir: mkdtempSync(join(tmpdir(), 'cubcanvas-seaweed-')), buckets: [TEST_BUCKET] }),
    startControlPlane({ dir: mkdtempSync(join(tmpdir(), 'cubcanvas-k8s-')) }),
  ]);
  kubernetes = k8s;
  project.provide('k8s', { server: k8s.server, caData: k8s.caData, adminToken: k8s.adminToken, adminKubeconfigPath: k8s.adminKubeconfigPath });
  server = started;
  seaweed = s3;
  project.provide('s3', { endpoint: s3.endpoint, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey, bucket: TEST_BUCKET });
  bundlePath = join(dir, `workflow-bundle-${process.pid}.js`);
  writeFileSync(bundlePath, bundle.code);
  project.provide('temporalAddress', server.address);
  project.provide('workflowBundlePath', bundlePath);
}

export async function teardown(): Promise<void> {
  await Promise.all([server?.stop(), seaweed?.stop(), kubernetes?.stop()]);
  // ~2 MB a run: without this, .cache grows by one bundle per test run.
  if (bundlePath) rmSync(bundlePath, { force: true });
  if (runTmp) rmSync(runTmp, { recursive: true, force: true });
}
