// `bin/cubcanvas serve` as a user runs it: the embedded default, /healthz, a clean exit on SIGTERM.
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../toolchain/pypi-binary';
import { until } from './support/until';

const BIN = join(projectRoot, 'bin', 'cubcanvas');
const env = (extra: Record<string, string> = {}) => ({
  ...process.env,
  TEMPORAL_ADDRESS: '',
  CUBCANVAS_API_TOKENS: '',
  CUBCANVAS_API_TOKENS_FILE: '',
  CUBCANVAS_DATA_DIR: mkdtempSync(join(tmpdir(), 'cubcanvas-serve-')),
  ...extra,
});

describe('cubcanvas serve', () => {
  it('starts on the embedded server, answers /healthz and a request, and exits 0 on SIGTERM', async () => {
    const serveEnv = env();
    const proc = spawn(BIN, ['serve', '--port', '0'], { env: serveEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    try {
      // An early exit fails at once with what serve said, instead of after the wait.
      const url = await Promise.race([
        until('the API address', async () => /HTTP API:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)?.[1], 90_000),
        exited.then((code) => Promise.reject(new Error(`serve exited with ${code} before listening: ${stderr}`))),
      ]);
      // The lines after the address are separate writes: wait for the one about auth too.
      await until('the auth line', async () => (stderr.includes('auth:            NONE') ? true : undefined), 10_000);
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ ok: true });
      const started = await fetch(`${url}/v1/images`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: 'a cute baby panda on a grassy hill', size: 'small' }),
      });
      expect(started.status).toBe(202);
      const { requestId } = (await started.json()) as { requestId: string };
      const done = await until(
        'completed',
        async () => {
          const s = (await (await fetch(`${url}/v1/images/${requestId}`)).json()) as { status: string; caller?: string };
          return s.status === 'completed' ? s : undefined;
        },
        60_000,
      );
      expect(done.caller).toBe('anonymous');
    } finally {
      proc.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stderr).toContain('stopping');
    // The caller reached the ledger: the cost report groups by it.
    const cost = spawnSync(BIN, ['cost', '--by', 'caller'], { env: serveEnv, encoding: 'utf8', timeout: 60_000 });
    expect(cost.status).toBe(0);
    expect(cost.stdout).toMatch(/^anonymous\s+1\s/m);
  }, 150_000);

  it('refuses a non-loopback host without tokens', () => {
    const res = spawnSync(BIN, ['serve', '--host', '0.0.0.0', '--port', '0'], { env: env(), encoding: 'utf8', timeout: 60_000 });
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('refusing to listen on 0.0.0.0 without tokens');
  });
});
