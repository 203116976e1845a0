// Start-up of a CLI command: the workflow bundle is built once per version of the code and reused
// from the data folder, and a progress query that nobody answers cannot hold a command for the
// server's 30 s query timeout (the stall seen after "leftover buffered tasks when evicting run").
import { afterEach, describe, expect, inject, it } from 'vitest';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { CubcanvasClient } from '../client/cubcanvas-client';
import { imageWorkflowId } from '../domain/naming';
import { bundleCacheKey, cachedWorkflowBundle } from '../worker/bundle-cache';

let connection: Connection | undefined;
afterEach(async () => {
  await connection?.close();
  connection = undefined;
});

describe('start-up', () => {
  it('builds the workflow bundle once and reuses it from the folder', { timeout: 120_000 }, async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cubcanvas-bundles-')), 'workflow-bundles');
    const first = await cachedWorkflowBundle(dir);
    if (!('codePath' in first)) throw new Error('expected the bundle to be written');
    const written = statSync(first.codePath).mtimeMs;
    const started = Date.now();
    const second = await cachedWorkflowBundle(dir);
    expect(second).toEqual(first);
    expect(statSync(first.codePath).mtimeMs).toBe(written);
    // Reading a path is not bundling: webpack takes seconds.
    expect(Date.now() - started).toBeLessThan(1000);
    // It is a real workflow bundle: a worker accepts it (replaying nothing).
    let replayed = 0;
    for await (const _ of Worker.runReplayHistories({ workflowBundle: second }, [])) replayed++;
    expect(replayed).toBe(0);
    expect(readFileSync(first.codePath, 'utf8')).toContain('renderImage');
  });

  it('keys the bundle on every source file', () => {
    const root = mkdtempSync(join(tmpdir(), 'cubcanvas-tree-'));
    writeFileSync(join(root, 'a.ts'), 'export const a = 1;\n');
    const before = bundleCacheKey(root);
    expect(bundleCacheKey(root)).toBe(before);
    writeFileSync(join(root, 'a.ts'), 'export const a = 2;\n');
    expect(bundleCacheKey(root)).not.toBe(before);
  });

  it('gives up a progress query nobody answers within seconds, not the server timeout', async () => {
    connection = await Connection.connect({ address: inject('temporalAddress') });
    const temporal = new Client({ connection });
    // A request whose task queue no worker polls: its progress query can never be answered.
    const taskQueue = `nobody-${randomUUID().slice(0, 8)}`;
    const requestId = `unanswered-${randomUUID()}`;
    await temporal.workflow.start('generateImage', { workflowId: imageWorkflowId(requestId), taskQueue, args: [{ prompt: 'a cute panda' }] });
    const client = new CubcanvasClient(temporal, taskQueue);
    const started = Date.now();
    await expect(client.progress(requestId)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(15_000);
    await temporal.workflow.getHandle(imageWorkflowId(requestId)).terminate('test over');
  });
});
