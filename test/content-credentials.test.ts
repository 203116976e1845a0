// Content credentials (C2PA) on published pictures, checked with an implementation nobody on this
// project wrote: the official C2PA library (c2pa-rs, through PyPI c2pa-python, installed by the
// setup into .tools/c2pa-python). Each test signs with a fresh development chain of its own, and
// gives its root to the official reader as the only trust anchor: "Trusted" there means signature
// valid, hash binding valid and the chain ending at that root.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { ConfigError } from '../domain/errors';
import { makeDevCertificate } from '../imaging/content-credentials/dev-certificate';
import { signerFromSettings } from '../imaging/content-credentials/signer';
import { TRAINED_ALGORITHMIC_MEDIA } from '../imaging/content-credentials/xmp';
import { chunks } from '../imaging/png-text';
import { projectRoot } from '../toolchain/pypi-binary';
import { requireC2paPython } from '../toolchain/c2pa-python';
import { startPipeline, testConfig, uniquePrompt, type TestPipeline } from './support/pipeline';

const BIN = join(projectRoot, 'bin', 'cubcanvas');

interface OfficialReading {
  /** Reader.get_validation_state(): "Trusted", "Valid" or "Invalid"; absent when there is no manifest. */
  state?: string;
  manifest?: { claim_generator_info?: { name: string; version?: string }[]; assertions: { label: string; data: Record<string, unknown> }[] };
  failures?: { code: string }[];
  /** The library's error when it found nothing to read (e.g. ManifestNotFound). */
  error?: string;
}

// Reads a file with c2pa-rs: the active manifest, its validation state and its failures.
const READER = `
import json, sys, c2pa
settings = c2pa.Settings.from_dict({"verify": {"verify_trust": True}, "trust": {"trust_anchors": open(sys.argv[2]).read()}})
try:
    with open(sys.argv[1], "rb") as f:
        reader = c2pa.Reader("image/png", f, context=c2pa.Context(settings))
        store = json.loads(reader.json())
        results = reader.get_validation_results() or {}
        print(json.dumps({"state": reader.get_validation_state(), "manifest": store["manifests"][store["active_manifest"]],
                          "failures": (results.get("activeManifest") or {}).get("failure", [])}))
except c2pa.C2paError as e:
    print(json.dumps({"error": type(e).__name__ + ": " + str(e)}))
`;

function readWithOfficialLibrary(png: Buffer, caFile: string): OfficialReading {
  const file = join(mkdtempSync(join(tmpdir(), 'c2pa-read-')), 'picture.png');
  writeFileSync(file, png);
  const run = spawnSync('python3', ['-c', READER, file, caFile], {
    encoding: 'utf8',
    env: { ...process.env, PYTHONPATH: requireC2paPython() },
    timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(`c2pa-python failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as OfficialReading;
}

function cli(args: string[], env: Record<string, string>) {
  const res = spawnSync(BIN, args, { encoding: 'utf8', env: { ...process.env, TEMPORAL_ADDRESS: '', ...env }, timeout: 90_000 });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

/** The same PNG with one pixel changed: the image data re-encoded, every other chunk (the manifest too) kept in place. */
async function withOnePixelChanged(png: Buffer): Promise<Buffer> {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  data[0] = data[0]! ^ 0xff;
  const repainted = await sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
    .png()
    .toBuffer();
  const newIdat = chunks(repainted).filter((c) => c.type === 'IDAT');
  const parts: Buffer[] = [png.subarray(0, 8)];
  let idatWritten = false;
  for (const c of chunks(png)) {
    if (c.type !== 'IDAT') parts.push(png.subarray(c.start, c.end));
    else if (!idatWritten) {
      parts.push(...newIdat.map((n) => repainted.subarray(n.start, n.end)));
      idatWritten = true;
    }
  }
  return Buffer.concat(parts);
}

const withoutManifest = (png: Buffer) =>
  Buffer.concat([
    png.subarray(0, 8),
    ...chunks(png)
      .filter((c) => c.type !== 'caBX')
      .map((c) => png.subarray(c.start, c.end)),
  ]);

describe('content credentials on published pictures', () => {
  let p: TestPipeline;
  let dir: string;
  let env: Record<string, string>;
  let published: Buffer;
  let requestId: string;
  let cacheKey: string;
  const prompt = uniquePrompt('koala');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'c2pa-cert-'));
    const made = await makeDevCertificate();
    writeFileSync(join(dir, 'chain.pem'), made.chain);
    writeFileSync(join(dir, 'signer.key'), made.key);
    writeFileSync(join(dir, 'ca.pem'), made.ca);
    env = {
      CUBCANVAS_C2PA_CERTIFICATE: join(dir, 'chain.pem'),
      // The key as PEM text, as a Kubernetes Secret handed in as an environment variable would be.
      CUBCANVAS_C2PA_PRIVATE_KEY: made.key,
      CUBCANVAS_C2PA_TRUST_ANCHORS: join(dir, 'ca.pem'),
    };
    p = await startPipeline({ env });
    requestId = `c2pa-${randomUUID()}`;
    const result = await p.client.generate({ prompt, size: 'small', requestId });
    if (result.status !== 'completed') throw new Error(`request did not complete: ${JSON.stringify(result)}`);
    cacheKey = result.cacheKey;
    published = await p.worker.deps.store.get(result.imageKey);
  });
  afterAll(async () => {
    await p?.stop();
  });

  it('signs the published picture so that the official C2PA library trusts it and reads what made it', () => {
    const reading = readWithOfficialLibrary(published, join(dir, 'ca.pem'));
    expect(reading.failures).toEqual([]);
    expect(reading.state).toBe('Trusted');
    const m = reading.manifest!;
    expect(m.claim_generator_info?.[0]?.name).toBe('cubcanvas');
    const actions = m.assertions.find((a) => a.label === 'c2pa.actions.v2')!.data.actions as Record<string, unknown>[];
    expect(actions.map((a) => a.action)).toEqual(['c2pa.created', 'c2pa.edited']);
    expect(actions[0]).toMatchObject({
      digitalSourceType: TRAINED_ALGORITHMIC_MEDIA,
      softwareAgent: { name: 'cubcanvas' },
      parameters: { 'com.cubcanvas.generator': { requestId, cacheKey, model: 'cubcanvas-preview', graphVersion: 'preview-v1', preview: true } },
    });
    expect(JSON.stringify(actions[1])).toContain('visible watermark label');
  });

  it('states the prompt only when CUBCANVAS_C2PA_INCLUDE_PROMPT asks for it', async () => {
    const withPrompt = await startPipeline({ env: { ...env, CUBCANVAS_C2PA_INCLUDE_PROMPT: 'true' } });
    try {
      const asked = `${uniquePrompt('wombat')} 画一只会笑的袋熊`;
      const result = await withPrompt.client.generate({ prompt: asked, size: 'small' });
      if (result.status !== 'completed') throw new Error(`request did not complete: ${JSON.stringify(result)}`);
      const reading = readWithOfficialLibrary(await withPrompt.worker.deps.store.get(result.imageKey), join(dir, 'ca.pem'));
      expect(reading.state).toBe('Trusted');
      const actions = reading.manifest!.assertions.find((a) => a.label === 'c2pa.actions.v2')!.data.actions as Record<string, unknown>[];
      expect(actions[0]).toMatchObject({ parameters: { 'com.cubcanvas.generator': { prompt: asked } } });
    } finally {
      await withPrompt.stop();
    }
    // The default pipeline's manifest has no prompt field at all.
    const actions = readWithOfficialLibrary(published, join(dir, 'ca.pem')).manifest!.assertions.find((a) => a.label === 'c2pa.actions.v2')!.data.actions as {
      parameters: Record<string, Record<string, unknown>>;
    }[];
    expect(actions[0]!.parameters['com.cubcanvas.generator']).not.toHaveProperty('prompt');
  });

  it('states the digital source type in XMP too, and carries the prompt text nowhere', () => {
    const text = published.toString('latin1');
    expect(text).toContain(`Iptc4xmpExt:DigitalSourceType="${TRAINED_ALGORITHMIC_MEDIA}"`);
    expect(text).not.toContain(prompt);
    expect(text).not.toContain('koala number');
  });

  it('is detected as tampered by the official library and by `cubcanvas verify` when one pixel changes', async () => {
    const tampered = await withOnePixelChanged(published);
    const reading = readWithOfficialLibrary(tampered, join(dir, 'ca.pem'));
    expect(reading.state).toBe('Invalid');
    expect(reading.failures!.map((f) => f.code)).toContain('assertion.dataHash.mismatch');

    const file = join(dir, 'tampered.png');
    writeFileSync(file, tampered);
    const run = cli(['verify', file, '--json'], env);
    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ status: 'invalid', signatureValid: true, hashBindingValid: false });
  });

  it('`cubcanvas verify` says valid and trusted, with the request id, cache key and source type', () => {
    const file = join(dir, 'published.png');
    writeFileSync(file, published);
    const json = cli(['verify', file, '--json'], env);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      status: 'valid',
      signatureValid: true,
      hashBindingValid: true,
      trusted: true,
      digitalSourceType: TRAINED_ALGORITHMIC_MEDIA,
      xmpDigitalSourceType: TRAINED_ALGORITHMIC_MEDIA,
      generator: { requestId, cacheKey },
    });
    const text = cli(['verify', file], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('VALID: signature valid, hash binding valid, signer trusted');
    // Another organisation's root: the same manifest is valid, its signer untrusted.
    const other = cli(['verify', file, '--json'], { ...env, CUBCANVAS_C2PA_TRUST_ANCHORS: join(projectRoot, '.tools', 'c2pa-dev', 'ca.pem') });
    expect(other.code).toBe(0);
    expect(JSON.parse(other.stdout)).toMatchObject({ status: 'valid', trusted: false });
  });

  it('finds no manifest once it is stripped (official library and verify: exit 2)', () => {
    const stripped = withoutManifest(published);
    expect(readWithOfficialLibrary(stripped, join(dir, 'ca.pem')).error).toMatch(/ManifestNotFound/i);
    const file = join(dir, 'stripped.png');
    writeFileSync(file, stripped);
    const run = cli(['verify', file, '--json'], env);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'no-manifest' });
  });

  it('`cubcanvas verify` exits 2 with a message on a non-image and on a truncated picture', () => {
    const notImage = join(dir, 'notes.txt');
    writeFileSync(notImage, 'just some text, not a picture\n');
    const a = cli(['verify', notImage], env);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('not a PNG or JPEG picture');

    const truncated = join(dir, 'truncated.png');
    writeFileSync(truncated, published.subarray(0, Math.floor(published.length / 2)));
    const b = cli(['verify', truncated, '--json'], env);
    expect(b.code).toBe(2);
    expect(JSON.parse(b.stdout).error).toMatchObject({ type: 'Unreadable' });
    expect(JSON.parse(b.stdout).error.message).toMatch(/damaged or truncated/);
  });
});

describe('signing certificate settings', () => {
  it('stops worker start-up on an expired certificate, naming the setting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'c2pa-expired-'));
    const made = await makeDevCertificate({ notBefore: new Date(Date.now() - 10 * 86_400_000), days: 2 });
    writeFileSync(join(dir, 'chain.pem'), made.chain);
    writeFileSync(join(dir, 'signer.key'), made.key);
    const config = testConfig({ CUBCANVAS_C2PA_CERTIFICATE: join(dir, 'chain.pem'), CUBCANVAS_C2PA_PRIVATE_KEY: join(dir, 'signer.key') });
    await expect(startPipeline({ config })).rejects.toThrow(/CUBCANVAS_C2PA_CERTIFICATE: certificate "CN=cubcanvas development signer.*" expired on/);
  });

  it('names the setting for a missing file and for a key that is not the certificate’s', async () => {
    const missing = signerFromSettings({ certificate: '/nonexistent/chain.pem', privateKey: '/nonexistent/key.pem' });
    await expect(missing).rejects.toThrow(ConfigError);
    await expect(missing).rejects.toThrow(/CUBCANVAS_C2PA_CERTIFICATE: cannot read "\/nonexistent\/chain.pem" \(no such file\)/);

    const [a, b] = await Promise.all([makeDevCertificate(), makeDevCertificate()]);
    await expect(signerFromSettings({ certificate: a.chain, privateKey: b.key })).rejects.toThrow(/CUBCANVAS_C2PA_PRIVATE_KEY: does not belong to certificate/);
    const signer = await signerFromSettings({ certificate: a.chain, privateKey: a.key });
    expect(signer.subject).toContain('cubcanvas development signer');
  });
});
