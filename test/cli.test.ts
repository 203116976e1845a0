// bin/cubcanvas as a user runs it: real processes, the embedded dev server, exit codes and output.
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { projectRoot } from '../toolchain/pypi-binary';
import { ANIMALS } from '../render/preview/animals';
import { drawPreview } from '../render/preview/draw';
import { until } from './support/until';
import { freePort } from '../toolchain/free-port';
import { s3Env } from './support/s3';

const BIN = join(projectRoot, 'bin', 'cubcanvas');

function cli(args: string[], env: Record<string, string> = {}) {
  const res = spawnSync(BIN, args, { encoding: 'utf8', env: { ...process.env, TEMPORAL_ADDRESS: '', ...env }, timeout: 90_000 });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

/** Like cli(), without blocking the test's event loop (needed while other processes are watched). */
function cliAsync(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const proc = spawn(BIN, args, { env: { ...process.env, TEMPORAL_ADDRESS: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => proc.once('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('cubcanvas CLI', () => {
  it('screen --json reports the verdict and exits 0 either way', () => {
    const unsafe = cli(['screen', 'a bear with a g u n', '--json']);
    expect(unsafe.code).toBe(0);
    expect(JSON.parse(unsafe.stdout)).toMatchObject({ allowed: false, category: 'weapons', finalPrompt: null, negativePrompt: null });
    const safe = cli(['screen', '会笑的企鹅', '--json']);
    expect(safe.code).toBe(0);
    const verdict = JSON.parse(safe.stdout);
    expect(verdict).toMatchObject({ allowed: true, category: null, reasons: [] });
    expect(verdict.finalPrompt).toMatch(/^会笑的企鹅, /);
  });

  it('check-image --json measures a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cubcanvas-cli-'));
    const good = join(dir, 'good.png');
    const dark = join(dir, 'dark.png');
    const png = await drawPreview({ animal: ANIMALS[3]!, width: 512, height: 512, seed: 1 });
    writeFileSync(good, png);
    await sharp(png).linear(0.1, 0).toFile(dark);
    const ok = cli(['check-image', good, '--size', '512x512', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, reasons: [], metrics: { width: 512, height: 512 } });
    const bad = cli(['check-image', dark, '--json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).reasons.join()).toMatch(/too_dark/);
    const missing = cli(['check-image', join(dir, 'nope.png')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
    expect(missing.stderr).not.toContain('Usage:');
  });

  it('check-image exits 2 for a file that is not an image (unreadable), as text and as JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cubcanvas-cli-'));
    const notImage = join(dir, 'notes.png');
    writeFileSync(notImage, 'these are not the pixels you are looking for\n');
    const text = cli(['check-image', notImage]);
    expect(text.code).toBe(2);
    expect(text.stderr).toContain(`${notImage} is not a readable image`);
    expect(text.stderr).not.toContain('Usage:');
    expect(text.stdout).toBe('');
    const json = cli(['check-image', notImage, '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({ error: { type: 'Unreadable', message: expect.stringContaining('is not a readable image') } });
  });

  it('prints the usage text for usage errors only, and every error as JSON with --json', () => {
    const usage = cli(['paint']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Usage:');
    const badOption = cli(['screen', 'a panda', '--colour', 'red', '--json']);
    expect(badOption.code).toBe(2);
    expect(JSON.parse(badOption.stdout)).toEqual({ error: { type: 'UsageError', message: expect.stringContaining("'--colour'") } });
    const invalid = cli(['generate', '   ', '--json']);
    expect(invalid.code).toBe(2);
    expect(JSON.parse(invalid.stdout)).toEqual({ error: { type: 'InvalidRequest', message: expect.stringContaining('prompt is empty') } });
    expect(invalid.stderr).toBe('');
    const setting = cli(['generate', 'a panda', '--json'], { CUBCANVAS_WATERMARK_OPACITY: 'strong' });
    expect(setting.code).toBe(2);
    expect(JSON.parse(setting.stdout).error).toMatchObject({ type: 'ConfigError', message: expect.stringContaining('CUBCANVAS_WATERMARK_OPACITY') });
    // A runtime error (here: the data folder's server record names a live process) gets its message, not the usage.
    const dataDir = mkdtempSync(join(tmpdir(), 'cubcanvas-cli-busy-'));
    writeFileSync(join(dataDir, 'server.json'), JSON.stringify({ pid: process.pid, address: '127.0.0.1:1', kind: 'command' }));
    const busy = cli(['status', 'x'], { CUBCANVAS_DATA_DIR: dataDir });
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain('another cubcanvas command');
    expect(busy.stderr).not.toContain('Usage:');
  });

  it("keeps stdout for results: the SDK's native log lines go to stderr even at DEBUG", () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cubcanvas-cli-log-'));
    const res = cli(['status', 'no-such-request', '--json'], { CUBCANVAS_DATA_DIR: dataDir, CUBCANVAS_LOG_LEVEL: 'DEBUG' });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/\[DEBUG\].*sdkComponent: 'core'/s);
    // stdout holds the JSON error and nothing else.
    expect(JSON.parse(res.stdout)).toEqual({ error: { type: 'NotFound', message: expect.stringContaining('no request no-such-request') } });
  }, 90_000);

  it('rejects bad input and bad settings with a message naming the problem', () => {
    const empty = cli(['generate', '   ']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('prompt is empty');
    const size = cli(['generate', 'a panda', '--size', '3000x10']);
    expect(size.code).toBe(2);
    expect(size.stderr).toContain('width 3000 is outside 256..2048');
    const setting = cli(['generate', 'a panda'], { CUBCANVAS_WATERMARK_OPACITY: 'strong' });
    expect(setting.code).toBe(2);
    expect(setting.stderr).toContain('CUBCANVAS_WATERMARK_OPACITY');
    const unknown = cli(['paint']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "paint"');
  });

  it('generate runs on the embedded server; a second run of the same prompt is a cache hit', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cubcanvas-cli-'));
    const env = { CUBCANVAS_DATA_DIR: dataDir };
    const first = cli(['generate', 'a cute baby panda on a grassy hill', '--size', 'small', '--json'], env);
    expect(first.stderr).toContain('✓ render');
    expect(first.code, first.stderr).toBe(0);
    const a = JSON.parse(first.stdout);
    expect(a).toMatchObject({ status: 'completed', cacheHit: false, preview: true, width: 512, cost: { gpuSeconds: 0, amount: 0, currency: 'CNY' } });
    expect(a.imageUrl.startsWith(dataDir)).toBe(true);
    expect(a.timings.map((t: { step: string }) => t.step)).toEqual(['screen', 'cache', 'render', 'watermark', 'publish', 'cost']);

    const second = cli(['generate', 'A cute baby panda on a  grassy hill', '--size', 'small'], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain('cache hit');
    expect(second.stdout.trim()).toMatch(new RegExp(`^${dataDir}/store/images/.+\\.png$`));

    const rejected = cli(['generate', 'a drunk pig', '--json'], env);
    expect(rejected.code).toBe(3);
    expect(JSON.parse(rejected.stdout)).toMatchObject({ status: 'rejected', category: 'alcohol' });
  }, 180_000);

  it('generate on S3 prints a presigned URL that serves the picture; status mints a fresh one later', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cubcanvas-cli-s3-'));
    // The CLI's own start and stop take seconds on a loaded machine: URLs live long enough for the
    // test to fetch them; that each read mints a new one is seen in its signing time. (Expiry itself
    // is tested in-process in test/requests-and-results.test.ts.)
    const env = { CUBCANVAS_DATA_DIR: dataDir, CUBCANVAS_S3_URL_EXPIRY_SECONDS: '600', ...s3Env(`cli-${Date.now()}/`) };
    const requestId = `cli-s3-${Date.now()}`;
    const run = cli(['generate', 'a cute baby panda on a grassy hill', '--size', 'small', '--request-id', requestId], env);
    expect(run.code, run.stderr).toBe(0);
    const url = run.stdout.trim();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/cubcanvas-test\/cli-\d+\/images\/.+\.png\?.*X-Amz-Signature=/);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect((await sharp(Buffer.from(await res.arrayBuffer())).metadata()).width).toBe(512);

    await new Promise((resolve) => setTimeout(resolve, 1100));
    const status = cli(['status', requestId, '--json'], env);
    expect(status.code, status.stderr).toBe(0);
    const fresh = JSON.parse(status.stdout).imageUrl as string;
    const signedAt = (u: string) => new URL(u).searchParams.get('X-Amz-Date')!;
    expect(fresh).not.toBe(url);
    expect(signedAt(fresh) > signedAt(url)).toBe(true);
    expect((await fetch(fresh)).status).toBe(200);

    // Cancelling a finished request cancels nothing, and says so.
    const cancel = cli(['cancel', requestId], env);
    expect(cancel.code).toBe(3);
    expect(cancel.stderr).toContain(`request ${requestId} already finished (completed); nothing to cancel`);
    expect(cancel.stderr).not.toContain('Usage:');
    expect(cancel.stdout).toBe('');
    const cancelJson = cli(['cancel', requestId, '--json'], env);
    expect(cancelJson.code).toBe(3);
    expect(JSON.parse(cancelJson.stdout)).toEqual({ error: { type: 'AlreadyFinished', message: expect.stringContaining('already finished') } });
    const unknown = cli(['cancel', 'no-such-request'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no request no-such-request');
    expect(unknown.stderr).not.toContain('Usage:');
  }, 180_000);

  it('dev serves the Web UI and a worker that other commands use', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cubcanvas-dev-'));
    const uiPort = await freePort();
    // Renders of 40 x 600 ms, so that a request can be watched and cancelled while it runs: at 250 ms
    // a loaded CI machine once took longer than the 10 s render to start the status and cancel CLIs.
    const env = {
      ...process.env,
      TEMPORAL_ADDRESS: '',
      CUBCANVAS_DATA_DIR: dataDir,
      CUBCANVAS_UI_PORT: String(uiPort),
      CUBCANVAS_PREVIEW_STEPS: '40',
      CUBCANVAS_PREVIEW_STEP_MS: '600',
    };
    const dev = spawn(BIN, ['dev'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    dev.stderr.on('data', (c: Buffer) => (log += c.toString()));
    try {
      await until('dev to be ready', async () => (log.includes('Ctrl-C') ? true : undefined), 60_000);
      expect(log).toContain(`Web UI:          http://localhost:${uiPort}`);
      const ui = await until('the Web UI to answer', async () => {
        const res = await fetch(`http://localhost:${uiPort}/`);
        return res.ok ? res : undefined;
      });
      expect(ui.status).toBe(200);
      const run = cli(['generate', 'a little fox', '--size', 'small'], { CUBCANVAS_DATA_DIR: dataDir });
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('on the dev server of');
      const done = cli(['status', run.stdout.trim().replace(/^.*\/images\/(.+)\.png$/, '$1'), '--json'], { CUBCANVAS_DATA_DIR: dataDir });
      expect(done.code, done.stderr).toBe(0);
      expect(JSON.parse(done.stdout)).toMatchObject({
        state: 'COMPLETED',
        outcome: 'completed',
        step: 'done',
        cacheHit: false,
        gpuSeconds: 0,
        cost: 0,
        imageUrl: run.stdout.trim(),
      });

      // A long request, watched with status and stopped with cancel.
      const requestId = `cli-cancel-${Date.now()}`;
      const long = spawn(BIN, ['generate', 'a sleepy koala', '--size', 'small', '--request-id', requestId], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let longErr = '';
      long.stderr.on('data', (c: Buffer) => (longErr += c.toString()));
      const exited = new Promise<number | null>((resolve) => long.once('exit', resolve));
      const watched = await until(
        'the request to be rendering',
        async () => {
          const st = await cliAsync(['status', requestId, '--json'], { CUBCANVAS_DATA_DIR: dataDir });
          const parsed = st.code === 0 ? JSON.parse(st.stdout) : undefined;
          return parsed?.render?.value > 0 ? parsed : undefined;
        },
        30_000,
      );
      expect(watched).toMatchObject({ state: 'RUNNING', step: 'render', render: { max: 40, phase: 'sampling' } });
      const cancelled = cli(['cancel', requestId], { CUBCANVAS_DATA_DIR: dataDir });
      expect(cancelled.code, cancelled.stderr).toBe(0);
      expect(await exited).toBe(1);
      expect(longErr).toContain('failed (CancelledFailure)');
      const missing = cli(['status', 'no-such-request'], { CUBCANVAS_DATA_DIR: dataDir });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('no request no-such-request');

      const second = cli(['dev'], { CUBCANVAS_DATA_DIR: dataDir });
      expect(second.code).toBe(2);
      expect(second.stderr).toContain('already running');
    } finally {
      dev.kill('SIGINT');
      await new Promise((resolve) => dev.once('exit', resolve));
    }
    expect(dev.exitCode).toBe(0);
  }, 180_000);
});
