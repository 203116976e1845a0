// `cubcanvas doctor` against real Temporal and S3 servers, small HTTP servers that answer as the
// Kubernetes API and ComfyUI do, and the run's real Kubernetes control plane for the RBAC check.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../config/settings';
import { accessChecksNeeded, kubernetesAccessResult, runDoctor, type AccessCheck, type CheckResult } from '../cli/doctor';
import { REQUIRED_PERMISSIONS } from '../render/kubernetes/permissions';
import { kubeconfigYaml } from './support/k8s/control-plane';
import { s3Env } from './support/s3';
import { until } from './support/until';

let kube: Server;
let comfy: Server;
let kubeconfig: string;
let comfyUrl: string;
let kubeStatus = 200;
/** "verb resource[/subresource]" pairs the fake API server refuses. */
let denied = new Set<string>();
let namespaceExists = true;
/** resourceAttributes of every SelfSubjectAccessReview the fake API server answered. */
let reviews: Record<string, string>[] = [];

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

beforeAll(async () => {
  kube = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/version') return res.end(JSON.stringify({ major: '1', minor: '31', gitVersion: 'v1.31.2', platform: 'linux/amd64' }));
    if (req.method === 'POST' && req.url?.startsWith('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews')) {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        if (kubeStatus === 403) {
          res.statusCode = 403;
          return res.end(
            JSON.stringify({
              kind: 'Status',
              apiVersion: 'v1',
              status: 'Failure',
              message: 'selfsubjectaccessreviews.authorization.k8s.io is forbidden: User "ci" cannot create resource',
              reason: 'Forbidden',
              code: 403,
            }),
          );
        }
        const review = JSON.parse(body) as { spec: { resourceAttributes: Record<string, string> } };
        const a = review.spec.resourceAttributes;
        reviews.push(a);
        const allowed = !denied.has(`${a.verb} ${a.resource}${a.subresource ? `/${a.subresource}` : ''}`);
        res.statusCode = 201;
        res.end(JSON.stringify({ ...review, status: { allowed } }));
      });
      return;
    }
    if (req.url === '/api/v1/namespaces/cubcanvas' && namespaceExists)
      return res.end(JSON.stringify({ kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'cubcanvas' } }));
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
    res.end(
      JSON.stringify({
        system: { os: 'posix', comfyui_version: '0.3.66', python_version: '3.12' },
        devices: [{ name: 'cuda:0 NVIDIA A10G', type: 'cuda', index: 0, vram_total: 24 * 2 ** 30, vram_free: 20 * 2 ** 30 }],
      }),
    );
  });
  comfyUrl = `http://127.0.0.1:${await listen(comfy)}`;
});

afterAll(() => {
  kube?.close();
  comfy?.close();
});

const byName = (results: CheckResult[]) => Object.fromEntries(results.map((r) => [r.name, r]));

/** What loadConfig needs to accept CUBCANVAS_BACKEND=kubernetes. */
const kubernetesBackendEnv = {
  CUBCANVAS_BACKEND: 'kubernetes',
  CUBCANVAS_GPU_TYPE: 'A10G',
  CUBCANVAS_K8S_RUNNER_IMAGE: 'registry.example/cubcanvas-runner:test',
};

/** The kubernetes check alone (the client reads KUBECONFIG from process.env, as kubectl does). */
async function kubernetesCheck(env: Record<string, string>): Promise<CheckResult> {
  process.env.KUBECONFIG = env.KUBECONFIG;
  return byName(await runDoctor(loadConfig(env), env)).kubernetes!;
}

describe('cubcanvas doctor', () => {
  it('reports every configured dependency working', async () => {
    const env = { ...s3Env('doctor/'), TEMPORAL_ADDRESS: inject('temporalAddress'), CUBCANVAS_COMFYUI_URL: comfyUrl, KUBECONFIG: kubeconfig };
    process.env.KUBECONFIG = kubeconfig;
    kubeStatus = 200;
    denied = new Set();
    reviews = [];
    const r = byName(await runDoctor(loadConfig(env), env));
    expect(r.temporal).toMatchObject({ ok: true, checked: true });
    expect(r.temporal!.detail).toContain('namespace default');
    expect(r.storage).toMatchObject({ ok: true });
    expect(r.storage!.detail).toContain('presigned URL');
    expect(r.kubernetes).toMatchObject({ ok: true, checked: true });
    expect(r.kubernetes!.detail).toContain('v1.31.2');
    expect(r.kubernetes!.detail).toContain('may do all the kubernetes backend needs in namespace cubcanvas (9 permissions)');
    // Asked about every verb of REQUIRED_PERMISSIONS, each in the configured namespace.
    expect(reviews.map((a) => `${a.namespace} ${a.group}/${a.resource}/${a.subresource ?? ''} ${a.verb}`).sort()).toEqual(
      REQUIRED_PERMISSIONS.flatMap((p) => p.verbs.map((v) => `cubcanvas ${p.group}/${p.resource}/${p.subresource ?? ''} ${v}`)).sort(),
    );
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

  it('names the missing permissions: a failure with the kubernetes backend, a note with another', async () => {
    kubeStatus = 200;
    denied = new Set(['delete jobs', 'get pods/log']);
    namespaceExists = true;
    const base = { ...s3Env('doctor/'), KUBECONFIG: kubeconfig };
    const inUse = await kubernetesCheck({ ...base, ...kubernetesBackendEnv });
    expect(inUse).toMatchObject({ ok: false, checked: true });
    expect(inUse.detail).toMatch(/; not allowed in namespace cubcanvas: delete jobs\.batch, get pods\/log$/);
    const preview = await kubernetesCheck(base);
    expect(preview).toMatchObject({ ok: true, checked: true });
    expect(preview.detail).toContain(
      'note: not allowed in namespace cubcanvas: delete jobs.batch, get pods/log (needed only with CUBCANVAS_BACKEND=kubernetes)',
    );
    denied = new Set();
    namespaceExists = false;
    const noNamespace = await kubernetesCheck({ ...base, ...kubernetesBackendEnv });
    expect(noNamespace).toMatchObject({ ok: false });
    expect(noNamespace.detail).toContain('namespace cubcanvas does not exist');
    namespaceExists = true;
  });
});

describe('kubernetes permission verdict', () => {
  const answers = (refused: string[]): AccessCheck[] =>
    accessChecksNeeded().map((c) => ({ ...c, allowed: !refused.includes(`${c.verb} ${c.resource}${c.subresource ? `/${c.subresource}` : ''}`) }));
  const base = { cluster: 'https://k8s:6443 (Kubernetes v1.31.2)', namespace: 'cubcanvas' };

  it('asks one question per verb of REQUIRED_PERMISSIONS', () => {
    expect(accessChecksNeeded().map((c) => `${c.verb} ${c.resource}${c.subresource ? `/${c.subresource}` : ''}`)).toEqual([
      'create jobs',
      'get jobs',
      'list jobs',
      'watch jobs',
      'delete jobs',
      'get pods',
      'list pods',
      'watch pods',
      'get pods/log',
    ]);
  });

  it('passes when everything is allowed', () => {
    expect(kubernetesAccessResult({ ...base, checks: answers([]), backendInUse: true })).toEqual({
      name: 'kubernetes',
      ok: true,
      checked: true,
      detail: 'https://k8s:6443 (Kubernetes v1.31.2); may do all the kubernetes backend needs in namespace cubcanvas (9 permissions)',
    });
  });

  it('names exactly what is missing, in the order of REQUIRED_PERMISSIONS', () => {
    const r = kubernetesAccessResult({ ...base, checks: answers(['get pods/log', 'watch pods', 'delete jobs']), backendInUse: true });
    expect(r).toMatchObject({ ok: false, checked: true });
    expect(r.detail).toBe('https://k8s:6443 (Kubernetes v1.31.2); not allowed in namespace cubcanvas: delete jobs.batch, watch pods, get pods/log');
  });

  it('only notes what is missing when another backend renders', () => {
    const r = kubernetesAccessResult({ ...base, checks: answers(['create jobs']), backendInUse: false });
    expect(r).toMatchObject({ ok: true, checked: true });
    expect(r.detail).toBe(
      'https://k8s:6443 (Kubernetes v1.31.2); note: not allowed in namespace cubcanvas: create jobs.batch (needed only with CUBCANVAS_BACKEND=kubernetes)',
    );
  });

  it('reports a missing namespace beside missing permissions', () => {
    const r = kubernetesAccessResult({ ...base, checks: answers(['get pods']), namespaceMissing: true, backendInUse: true });
    expect(r.ok).toBe(false);
    expect(r.detail).toBe('https://k8s:6443 (Kubernetes v1.31.2); namespace cubcanvas does not exist; not allowed in namespace cubcanvas: get pods');
  });
});

describe('cubcanvas doctor on a real API server', () => {
  it("names the verb a ServiceAccount's Role lacks, and passes once the Role grants it", async () => {
    const { CoreV1Api, KubeConfig, RbacAuthorizationV1Api } = await import('@kubernetes/client-node');
    const k8s = inject('k8s');
    const admin = new KubeConfig();
    admin.loadFromFile(k8s.adminKubeconfigPath);
    const core = admin.makeApiClient(CoreV1Api);
    const rbac = admin.makeApiClient(RbacAuthorizationV1Api);
    // A namespace of its own: the control plane is shared by the whole run.
    const namespace = `doctor-${randomUUID().slice(0, 8)}`;
    await core.createNamespace({ body: { metadata: { name: namespace } } });
    try {
      await core.createNamespacedServiceAccount({ namespace, body: { metadata: { name: 'worker' } } });
      // The Role the k8s/ manifests grant, built from the same list, less `delete jobs`.
      const rules = (without: string | undefined) =>
        REQUIRED_PERMISSIONS.map((p) => ({
          apiGroups: [p.group],
          resources: [p.subresource ? `${p.resource}/${p.subresource}` : p.resource],
          verbs: p.verbs.filter((v) => `${v} ${p.resource}` !== without),
        }));
      await rbac.createNamespacedRole({ namespace, body: { metadata: { name: 'worker' }, rules: rules('delete jobs') } });
      await rbac.createNamespacedRoleBinding({
        namespace,
        body: {
          metadata: { name: 'worker' },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'worker' },
          subjects: [{ kind: 'ServiceAccount', name: 'worker', namespace }],
        },
      });
      const token = await core.createNamespacedServiceAccountToken({ name: 'worker', namespace, body: { spec: { audiences: [], expirationSeconds: 600 } } });
      const path = join(mkdtempSync(join(tmpdir(), 'cubcanvas-kube-sa-')), 'config');
      writeFileSync(path, kubeconfigYaml(k8s.server, k8s.caData, token.status!.token, namespace));
      const env = { ...s3Env('doctor/'), ...kubernetesBackendEnv, KUBECONFIG: path, CUBCANVAS_K8S_NAMESPACE: namespace };

      // The authorizer reads RBAC objects from an informer: a fresh RoleBinding may need a moment.
      const denied = await until(
        'the RoleBinding to take effect',
        async () => {
          const r = await kubernetesCheck(env);
          return r.detail.includes('not allowed') && !r.detail.includes('get jobs') ? r : undefined;
        },
        10_000,
      );
      expect(denied).toMatchObject({ ok: false, checked: true });
      expect(denied.detail).toContain('(Kubernetes v1.37.2)');
      expect(denied.detail).toMatch(new RegExp(`; not allowed in namespace ${namespace}: delete jobs\\.batch$`));

      await rbac.replaceNamespacedRole({ name: 'worker', namespace, body: { metadata: { name: 'worker' }, rules: rules(undefined) } });
      const allowed = await until(
        'the Role update to take effect',
        async () => {
          const r = await kubernetesCheck(env);
          return r.ok ? r : undefined;
        },
        10_000,
      );
      expect(allowed.detail).toContain(`may do all the kubernetes backend needs in namespace ${namespace}`);
    } finally {
      await core.deleteNamespace({ name: namespace }).catch(() => undefined);
    }
  });
});
