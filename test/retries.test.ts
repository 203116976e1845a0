// What is retried and what is not: transient failures are retried by Temporal until they pass;
// a failure that cannot succeed later ends the request at once.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { RequestFailedError } from '../client/cubcanvas-client';
import { StorageUnavailableError } from '../domain/errors';
import { toFailure } from '../activities/boundary';
import { FsBlobStore } from '../storage/fs-store';
import { ScriptedBackend, type AttemptScript } from './support/scripted-backend';
import { startPipeline, testConfig, uniquePrompt, type TestPipeline } from './support/pipeline';

let p: TestPipeline | undefined;
afterEach(async () => {
  await p?.stop();
  p = undefined;
});

describe('retries', () => {
  it('retries a storage hiccup in watermark and publish until they succeed', async () => {
    const calls: Record<string, number> = { watermarkImage: 0, publishImage: 0 };
    p = await startPipeline({
      wrapActivities: (acts) => ({
        ...acts,
        async watermarkImage(...args: Parameters<typeof acts.watermarkImage>) {
          if (++calls.watermarkImage! <= 2) throw toFailure(new StorageUnavailableError('503 SlowDown (injected)'));
          return acts.watermarkImage(...args);
        },
        async publishImage(...args: Parameters<typeof acts.publishImage>) {
          if (++calls.publishImage! === 1) throw new Error('ECONNRESET (injected)');
          return acts.publishImage(...args);
        },
      }),
    });
    const result = await p.client.generate({ prompt: uniquePrompt('duck'), size: 'small' });
    expect(result.status).toBe('completed');
    expect(calls).toEqual({ watermarkImage: 3, publishImage: 2 });
  });

  it('retries a preempted GPU render, then completes', async () => {
    const config = testConfig();
    const store = new FsBlobStore(join(config.dataDir, 'store'));
    const script: AttemptScript[] = ['unavailable', 'good'];
    const backend = new ScriptedBackend(store, (_t, call) => script[call] ?? 'good');
    p = await startPipeline({ config, overrides: { store, backend } });
    const result = await p.client.generate({ prompt: uniquePrompt('monkey'), size: 'small' });
    expect(result.status).toBe('completed');
    expect(backend.calls).toHaveLength(2);
    // The retry was of the same attempt (same seed), not a regeneration.
    expect(backend.calls.map((c) => [c.attempt, c.seed])).toEqual([
      [0, backend.calls[0]!.seed],
      [0, backend.calls[0]!.seed],
    ]);
  });

  it('fails fast, without retrying, when the render cannot succeed', async () => {
    const config = testConfig();
    const store = new FsBlobStore(join(config.dataDir, 'store'));
    const backend = new ScriptedBackend(store, () => 'broken');
    p = await startPipeline({ config, overrides: { store, backend } });
    const started = Date.now();
    const error = await p.client.generate({ prompt: uniquePrompt('pig'), size: 'small' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestFailedError);
    expect((error as RequestFailedError).type).toBe('RenderFailed');
    expect((error as RequestFailedError).message).toContain('CLIPTextEncode');
    expect(backend.calls).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('maps domain errors to failures with their type and retryability', () => {
    const retryable = toFailure(new StorageUnavailableError('down')) as ApplicationFailure;
    expect(retryable).toBeInstanceOf(ApplicationFailure);
    expect([retryable.type, retryable.nonRetryable]).toEqual(['StorageUnavailable', false]);
    const plain = new Error('unknown');
    expect(toFailure(plain)).toBe(plain);
  });
});
