// Settings that must not leak or mislead: `cubcanvas config` masks every secret (issue 8), and a
// CUBCANVAS_S3_PREFIX with ".", ".." or empty segments stops the process at start-up.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { maskSecret } from '../config/parse';
import { loadConfig } from '../config/settings';
import { projectRoot } from '../toolchain/pypi-binary';

const BIN = join(projectRoot, 'bin', 'cubcanvas');

function cli(args: string[], env: Record<string, string>) {
  const res = spawnSync(BIN, args, { encoding: 'utf8', env: { ...process.env, TEMPORAL_ADDRESS: '', ...env }, timeout: 60_000 });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYq8rTvWKEY';
const SESSION_TOKEN = 'FwoGZXIvYXdzEJrQ8kLmNpRsTuVwXyzZ9q';
const S3 = { CUBCANVAS_STORAGE: 's3', CUBCANVAS_S3_BUCKET: 'cubcanvas-test', CUBCANVAS_S3_ENDPOINT: 'http://127.0.0.1:8333' };

describe('cubcanvas config', () => {
  it('prints no secret in clear: the AWS secret key and session token show as **** and their last 4 characters', () => {
    const env = { ...S3, AWS_ACCESS_KEY_ID: 'AKIA0000TESTID1', AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: SESSION_TOKEN };
    const res = cli(['config'], env);
    expect(res.code, res.stderr).toBe(0);
    const out = `${res.stdout}${res.stderr}`;
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain(SESSION_TOKEN);
    // Not even a long piece of either (the masked form keeps 4 characters).
    for (const secret of [SECRET, SESSION_TOKEN]) for (let i = 0; i + 6 <= secret.length; i++) expect(out).not.toContain(secret.slice(i, i + 6));
    // Still useful: which credentials are set, and which key it is.
    expect(res.stdout).toContain('AWS_SECRET_ACCESS_KEY=****WKEY\n');
    expect(res.stdout).toContain('AWS_SESSION_TOKEN=****zZ9q\n');
    const resolved = JSON.parse(res.stdout.slice(res.stdout.indexOf('resolved: ') + 'resolved: '.length));
    expect(resolved.s3.credentials).toEqual({ accessKeyId: 'AKIA0000TESTID1', secretAccessKey: '****WKEY', sessionToken: '****zZ9q' });
    expect(resolved.s3).toMatchObject({ bucket: 'cubcanvas-test', endpoint: 'http://127.0.0.1:8333' });
  });

  it('masks short secrets entirely and any token or password setting by its name', () => {
    expect(maskSecret('short')).toBe('****');
    expect(maskSecret('abcdefghijkl')).toBe('****ijkl');
    const res = cli(['config'], { AWS_SECRET_ACCESS_KEY: 'tiny-secret', AWS_SESSION_TOKEN: 'tok' });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('AWS_SECRET_ACCESS_KEY=****\n');
    expect(res.stdout).not.toContain('tiny-secret');
    expect(res.stdout).toContain('AWS_SESSION_TOKEN=****\n');
    // The HTTP API's token list, too: name=token pairs.
    const api = cli(['config'], { CUBCANVAS_API_TOKENS: 'alice=alice-secret-token-1234' });
    expect(api.code, api.stderr).toBe(0);
    expect(api.stdout).not.toContain('alice-secret-token');
    expect(api.stdout).toContain('CUBCANVAS_API_TOKENS=****1234\n');
    // And the webhook signing secret.
    const hook = cli(['config'], {
      CUBCANVAS_WEBHOOK_SECRET: 'whsec_c2VjcmV0LXNpZ25pbmcta2V5LTk4NzY1NDMyMQ==',
      CUBCANVAS_WEBHOOK_ALLOWED_HOSTS: 'hooks.example.com',
    });
    expect(hook.code, hook.stderr).toBe(0);
    expect(hook.stdout).not.toContain('c2VjcmV0LXNpZ25pbmct');
    expect(hook.stdout).toContain('CUBCANVAS_WEBHOOK_SECRET=****MQ==\n');
  });

  it('refuses a URL setting with a password in it, without printing the password', () => {
    const res = cli(['config'], { ...S3, CUBCANVAS_S3_ENDPOINT: 'http://admin:hunter2hunter2@127.0.0.1:8333' });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('CUBCANVAS_S3_ENDPOINT');
    expect(res.stderr).toContain('credentials');
    expect(`${res.stdout}${res.stderr}`).not.toContain('hunter2');
    const comfy = cli(['config'], { CUBCANVAS_COMFYUI_URL: 'http://me:hunter2hunter2@gpu-box:8188' });
    expect(comfy.code).toBe(2);
    expect(comfy.stderr).toContain('CUBCANVAS_COMFYUI_URL');
    expect(`${comfy.stdout}${comfy.stderr}`).not.toContain('hunter2');
  });
});

describe('CUBCANVAS_S3_PREFIX', () => {
  it.each(['..', '../other-team', 'a/../b', 'a/..', '.', './a', 'a/./b', 'a//b', 'a//', '//a//b'])('refuses %j, naming the setting', (prefix) => {
    expect(() => loadConfig({ ...S3, CUBCANVAS_S3_PREFIX: prefix })).toThrow(/CUBCANVAS_S3_PREFIX: .*(segment)/);
  });

  it.each([
    ['cubcanvas', 'cubcanvas/'],
    ['cubcanvas/', 'cubcanvas/'],
    ['/team-a/cubcanvas', 'team-a/cubcanvas/'],
    ['v1.2/..hidden/a..b', 'v1.2/..hidden/a..b/'],
  ])('accepts %j as %j', (prefix, normalised) => {
    expect(loadConfig({ ...S3, CUBCANVAS_S3_PREFIX: prefix }).s3?.prefix).toBe(normalised);
  });

  it('stops the CLI at start-up with a message naming the setting', () => {
    const res = cli(['config'], { ...S3, CUBCANVAS_S3_PREFIX: 'shared/../other-team' });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/CUBCANVAS_S3_PREFIX: "shared\/\.\.\/other-team\/" has a "\.\." segment/);
    expect(res.stdout).toBe('');
  });
});
