// `cubcanvas doctor` against real Temporal and S3 servers, and small HTTP servers that answer as
// the Kubernetes API and ComfyUI do (none of those exist on this machine).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/settings';
import { runDoctor, type CheckResult } from '../cli/doctor';
import { s3Env } from './support/s3';

let kube: Server;
let comfy: Server;
let kubeconfig: string;
let comfyUrl: string;
let kubeStatus = 200;

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

beforeAll(async () => {
  kube = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/version') return res.end(JSON.stringify({ major: '1', minor: '31', gitVersion: 'v1.31.2', platform: 'linux/amd64' }));
    if (req.url?.startsWith('/apis/batch/v1/namespaces/cubcanvas/jobs')) {
      res.statusCode = kubeStatus;
      if (kubeStatus === 403) return res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'jobs.batch is forbidden: User "ci" cannot list resource "jobs"', reason: 'Forbidden', code: 403 }));
      return res.end(JSON.stringify({ kind: 'JobList', apiVersion: 'batch/v1', metadata: { resourceVersion: '1' }, items: [] }));
    }
    res.statusCode = 404;
    res.end(JSON.stringify({ kind: 'Status', code: 404 }));
  });
  const kubePort = await listen(kube);
  kubeconfig = join(mkdtempSync(join(tmpdir(), 'cubcanvas-kube-')), 'config');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1
kind: Config
clusters:
- name: test
  cluster:
    server: http://127.0.0.1:${kubePort}
    insecure-skip-tls-verify: true
users:
- name: ci
  user:
    token: test-token
contexts:
- name: test
  context: { cluster: test, user: ci, namespace: cubcanvas }
current-context: test
`,
  );
  comfy = createServer((req, res) => {
    if (req.url !== '/system_stats') {
      res.statusCode = 404;
      return res.end();
    }
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ system: { os: 'posix', comfyui_version: '0.3.66', python_version: '3.12' }, devices: [{ name: 'cuda:0 NVIDIA A10G', type: 'cuda', index: 0, vram_total: 24 * 2 ** 30, vram_free: 20 * 2 ** 30 }] }));
  });
  comfyUrl = `http://127.0.0.1:${await listen(comfy)}`;
});

afterAll(() => {
  kube?.close();
  comfy?.close();
});

const byName = (results: CheckResult[]) => Object.fromEntries(results.map((r) => [r.name, r]));

describe('cubcanvas doctor', () => {
  it('reports every configured dependency working', async () => {
    const env = { ...s3Env('doctor/'), TEMPORAL_ADDRESS: inject('temporalAddress'), CUBCANVAS_COMFYUI_URL: comfyUrl, KUBECONFIG: kubeconfig };
    process.env.KUBECONFIG = kubeconfig;
    kubeStatus = 200;
    const r = byName(await runDoctor(loadConfig(env), env));
    expect(r.temporal).toMatchObject({ ok: true, checked: true });
    expect(r.temporal!.detail).toContain('namespace default');
    expect(r.storage).toMatchObject({ ok: true });
    expect(r.storage!.detail).toContain('presigned URL');
    expect(r.kubernetes).toMatchObject({ ok: true, checked: true });
    expect(r.kubernetes!.detail).toContain('v1.31.2');
    expect(r.comfyui).toMatchObject({ ok: true });
    expect(r.comfyui!.detail).toContain('NVIDIA A10G 24 GiB');
  });

  it('says what does not work, and skips what is not configured', async () => {
    const env = { ...s3Env('doctor/'), CUBCANVAS_S3_BUCKET: 'absent-bucket', TEMPORAL_ADDRESS: '127.0.0.1:1', KUBECONFIG: kubeconfig };
    process.env.KUBECONFIG = kubeconfig;
    kubeStatus = 403;
    const r = byName(await runDoctor(loadConfig(env), env));
    expect(r.temporal).toMatchObject({ ok: false });
    expect(r.storage).toMatchObject({ ok: false });
    expect(r.storage!.detail).toContain('"absent-bucket"');
    expect(r.kubernetes).toMatchObject({ ok: false });
    expect(r.kubernetes!.detail).toContain('forbidden');
    expect(r.comfyui).toMatchObject({ ok: true, checked: false });
  });
});
