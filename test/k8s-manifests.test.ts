// The manifests in k8s/ judged by Kubernetes itself: every overlay is rendered with the pinned
// kubectl (kustomize) and applied with a server-side dry run to the run's real API server (its
// validation, defaulting and PodSecurity admission), in a namespace of this file's own. On top of
// what the server checks: the rules this project sets for them (least-privilege Role, the worker's
// shutdown budget, probes on the health port, settings that exist and that the worker accepts, no
// emptyDir store). The Role is then bound for real and its token asked what it may do.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  ApiException,
  AuthorizationV1Api,
  BatchV1Api,
  CoreV1Api,
  loadAllYaml,
  loadYaml,
  type KubernetesObject,
  type V1ConfigMap,
  type V1Container,
  type V1Deployment,
  type V1Job,
  type V1PersistentVolumeClaim,
  type V1PodDisruptionBudget,
  type V1Role,
  type V1RoleBinding,
  type V1Secret,
} from '@kubernetes/client-node';
import { SETTINGS, loadConfig, runnerStorageEnv } from '../config/settings';
import { loadWorkerSettings } from '../config/kubernetes-settings';
import { buildRenderJob } from '../render/kubernetes/job-builder';
import { ANNOTATION, LABEL, renderJobName } from '../render/kubernetes/naming';
import { REQUIRED_PERMISSIONS } from '../render/kubernetes/permissions';
import { kubernetesToolPaths } from '../toolchain/kubernetes';
import { isExecutable, projectRoot } from '../toolchain/pypi-binary';
import { adminKubeConfig, kubeConfigFor } from './support/k8s/cluster';

const k8sDir = join(projectRoot, 'k8s');
const kubectl = kubernetesToolPaths().kubectl;
const OVERLAYS = ['base', 'overlays/dev', 'overlays/prod'] as const;
type Overlay = (typeof OVERLAYS)[number];
/** The namespace the manifests name; every test copy is moved out of it. */
const SHIPPED_NAMESPACE = 'cubcanvas';
/** Settings of Node and glibc rather than of cubcanvas, allowed in the worker's env (README "Worker memory"). */
const RUNTIME_ENV = ['NODE_OPTIONS', 'MALLOC_ARENA_MAX'];
/** A memory quantity of the manifests (they use Mi and Gi only) in MiB. */
function mebibytes(quantity: string): number {
  const m = /^(\d+)(Mi|Gi)$/.exec(quantity);
  if (!m) throw new Error(`memory quantity ${quantity}: the manifests use Mi or Gi`);
  return Number(m[1]) * (m[2] === 'Gi' ? 1024 : 1);
}

interface KubectlRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], input?: string): KubectlRun {
  const res = spawnSync(kubectl, args, { input, encoding: 'utf8', cwd: projectRoot, timeout: 60_000 });
  if (res.error) throw res.error;
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

const admin = (args: string[], input?: string) => run(['--kubeconfig', inject('k8s').adminKubeconfigPath, ...args], input);

/**
 * The rendered text moved into namespace `ns`: namespaced objects, the Namespace object itself and
 * RoleBinding subjects. Done on the text, not on parsed objects, so that what the server judges is
 * byte for byte what kustomize produced (a parse and re-dump through typed models would drop
 * unknown fields, the very mistakes the dry run must catch).
 */
function intoNamespace(text: string, ns: string): string {
  return text
    .split(/^---$/m)
    .map((doc) => {
      const moved = doc.replace(new RegExp(`^(\\s*)namespace: ${SHIPPED_NAMESPACE}$`, 'gm'), `$1namespace: ${ns}`);
      return /^kind: Namespace$/m.test(moved) ? moved.replace(new RegExp(`^  name: ${SHIPPED_NAMESPACE}$`, 'm'), `  name: ${ns}`) : moved;
    })
    .join('---');
}

interface Rendered {
  overlay: Overlay;
  ns: string;
  /** Rendered and moved into ns. */
  text: string;
  objects: KubernetesObject[];
}

function render(overlay: Overlay, ns: string): Rendered {
  const out = run(['kustomize', join(k8sDir, overlay)]);
  if (out.status !== 0) throw new Error(`kubectl kustomize k8s/${overlay} failed:\n${out.stderr}`);
  const text = intoNamespace(out.stdout, ns);
  return { overlay, ns, text, objects: loadAllYaml(text) as KubernetesObject[] };
}

function all<T extends KubernetesObject>(r: Rendered, kind: string): T[] {
  return r.objects.filter((o) => o.kind === kind) as T[];
}
function one<T extends KubernetesObject>(r: Rendered, kind: string): T {
  const found = all<T>(r, kind);
  expect(
    found.map((o) => o.metadata?.name),
    `k8s/${r.overlay}: one ${kind}`,
  ).toHaveLength(1);
  return found[0]!;
}

const workerContainer = (d: V1Deployment): V1Container => {
  const c = d.spec!.template.spec!.containers.find((x) => x.name === 'worker');
  expect(c, 'container "worker"').toBeDefined();
  return c!;
};

/** The worker's environment as the pod sees it: the ConfigMap, then literal env and downward-API values. */
function workerEnv(r: Rendered): Record<string, string> {
  const c = workerContainer(one<V1Deployment>(r, 'Deployment'));
  const env: Record<string, string> = { ...one<V1ConfigMap>(r, 'ConfigMap').data };
  for (const e of c.env ?? []) {
    if (e.value !== undefined) env[e.name] = e.value;
    else if (e.valueFrom?.fieldRef?.fieldPath === 'metadata.namespace') env[e.name] = r.ns;
  }
  return env;
}

/** Grants as "group/resource[/sub]:verb", for set comparison. */
function grants(role: V1Role): string[] {
  return (role.rules ?? [])
    .flatMap((rule) => (rule.apiGroups ?? []).flatMap((g) => (rule.resources ?? []).flatMap((res) => rule.verbs.map((v) => `${g}/${res}:${v}`))))
    .sort();
}
const requiredGrants = REQUIRED_PERMISSIONS.flatMap((p) =>
  p.verbs.map((v) => `${p.group}/${p.resource}${p.subresource ? `/${p.subresource}` : ''}:${v}`),
).sort();

/** A parsed object as plain JSON data (the YAML loader returns typed model instances). */
const plain = <T>(o: T): T => JSON.parse(JSON.stringify(o)) as T;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

const runId = randomUUID().slice(0, 6);
const nsFor = (label: string) => `k8s-manifests-${label}-${runId}`;
const rendered = {} as Record<Overlay, Rendered>;
const created: string[] = [];

/** Creates the namespace for real from the rendered Namespace object (with its PodSecurity labels). */
function createNamespace(r: Rendered): void {
  const nsDoc = r.text.split(/^---$/m).find((d) => /^kind: Namespace$/m.test(d));
  expect(nsDoc, `k8s/${r.overlay} renders a Namespace`).toBeDefined();
  const res = admin(['apply', '-f', '-'], nsDoc);
  expect(res.status, res.stderr).toBe(0);
  created.push(r.ns);
}

beforeAll(() => {
  if (!isExecutable(kubectl)) throw new Error(`${kubectl} is missing: run "node scripts/setup.mjs" to build the Kubernetes tools`);
  for (const overlay of OVERLAYS) {
    rendered[overlay] = render(overlay, nsFor(overlay.replace('overlays/', '')));
    createNamespace(rendered[overlay]);
  }
});

afterAll(async () => {
  const core = adminKubeConfig().makeApiClient(CoreV1Api);
  await Promise.all(created.map((name) => core.deleteNamespace({ name }).catch(() => undefined)));
});

describe('k8s/ files', () => {
  it('every YAML file starts with a comment saying what it is for', () => {
    const files = yamlFiles(k8sDir);
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const f of files) expect(readFileSync(f, 'utf8'), relative(projectRoot, f)).toMatch(/^# \S/);
  });

  it('renders base, dev and prod with the pinned kubectl, every namespaced object in the (test) namespace', () => {
    for (const overlay of OVERLAYS) {
      const r = rendered[overlay];
      for (const o of r.objects) {
        if (o.kind === 'Namespace') expect(o.metadata?.name).toBe(r.ns);
        else expect(o.metadata?.namespace, `${overlay}: ${o.kind}/${o.metadata?.name}`).toBe(r.ns);
      }
    }
  });
});

describe.each(OVERLAYS)('k8s/%s', (overlay) => {
  const r = () => rendered[overlay];

  it('passes a server-side dry run on the real API server, with no PodSecurity or validation warnings', () => {
    const res = admin(['apply', '--dry-run=server', '--validate=strict', '-f', '-'], r().text);
    expect(res.status, res.stderr).toBe(0);
    // One line per object; the Namespace exists already, so it is "configured" or "unchanged".
    expect(
      res.stdout
        .trim()
        .split('\n')
        .filter((l) => /\(server dry run\)$/.test(l)),
    ).toHaveLength(r().objects.length);
    // The namespace warns on anything that is not PodSecurity "restricted": the worker must be.
    expect(res.stderr, res.stderr).not.toMatch(/warning/i);
  });

  it('holds only namespaced objects of the expected kinds: no ClusterRole or ClusterRoleBinding', () => {
    const kinds = new Set(r().objects.map((o) => o.kind));
    expect(kinds.has('ClusterRole')).toBe(false);
    expect(kinds.has('ClusterRoleBinding')).toBe(false);
    for (const kind of kinds)
      expect([
        'Namespace',
        'ServiceAccount',
        'Role',
        'RoleBinding',
        'ConfigMap',
        'Secret',
        'Deployment',
        'PodDisruptionBudget',
        'PersistentVolumeClaim',
      ]).toContain(kind);
  });

  it('gives the worker a Role with exactly the verbs the backend needs: no wildcard, no Secrets, no ConfigMaps', () => {
    const role = one<V1Role>(r(), 'Role');
    expect(role.metadata?.name).toBe('cubcanvas-worker');
    for (const rule of role.rules ?? []) {
      for (const list of [rule.apiGroups, rule.resources, rule.verbs, rule.resourceNames]) expect(list ?? []).not.toContain('*');
      expect(rule.nonResourceURLs).toBeUndefined();
      expect(rule.resources ?? []).not.toContain('secrets');
      expect(rule.resources ?? []).not.toContain('configmaps');
    }
    expect(grants(role)).toEqual(requiredGrants);
    expect(grants(role)).toEqual(
      [
        'batch/jobs:create',
        'batch/jobs:get',
        'batch/jobs:list',
        'batch/jobs:watch',
        'batch/jobs:delete',
        '/pods:get',
        '/pods:list',
        '/pods:watch',
        '/pods/log:get',
      ].sort(),
    );
    const binding = one<V1RoleBinding>(r(), 'RoleBinding');
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'cubcanvas-worker' });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'cubcanvas-worker', namespace: r().ns }]);
    expect(one<KubernetesObject>(r(), 'ServiceAccount').metadata?.name).toBe('cubcanvas-worker');
  });

  it('runs the worker with its ServiceAccount, the ConfigMap and the storage Secret, hardened', () => {
    const deployment = one<V1Deployment>(r(), 'Deployment');
    const pod = deployment.spec!.template.spec!;
    const c = workerContainer(deployment);
    expect(pod.serviceAccountName).toBe('cubcanvas-worker');
    expect(pod.automountServiceAccountToken).toBe(true);
    expect(c.image).toMatch(/(^|\/)cubcanvas-worker(:|@|$)/);
    expect(c.args).toEqual(['worker']);
    expect(c.envFrom).toEqual([{ configMapRef: { name: one<V1ConfigMap>(r(), 'ConfigMap').metadata!.name } }, { secretRef: { name: 'cubcanvas-storage' } }]);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(c.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(c.resources?.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
    expect(c.resources?.limits?.memory).toBeDefined();
  });

  it('serves probes on the named health port that CUBCANVAS_WORKER_HEALTH_PORT opens', () => {
    const c = workerContainer(one<V1Deployment>(r(), 'Deployment'));
    const health = c.ports?.find((p) => p.name === 'health');
    expect(health).toBeDefined();
    expect(workerEnv(r()).CUBCANVAS_WORKER_HEALTH_PORT).toBe(String(health!.containerPort));
    const onHealthPort = (port: number | string | undefined) => port === 'health' || port === health!.containerPort;
    expect(c.readinessProbe?.httpGet?.path).toBe('/readyz');
    expect(onHealthPort(c.readinessProbe?.httpGet?.port)).toBe(true);
    expect(c.livenessProbe?.httpGet?.path).toBe('/healthz');
    expect(onHealthPort(c.livenessProbe?.httpGet?.port)).toBe(true);
    if (c.startupProbe) expect(onHealthPort(c.startupProbe.httpGet?.port)).toBe(true);
  });

  it("lets the worker's shutdown grace end before the pod is killed", () => {
    const deployment = one<V1Deployment>(r(), 'Deployment');
    const grace = loadWorkerSettings(workerEnv(r())).shutdownGraceSeconds;
    expect(loadWorkerSettings({}).shutdownGraceSeconds).toBe(25);
    expect(deployment.spec!.template.spec!.terminationGracePeriodSeconds).toBe(30);
    expect(deployment.spec!.template.spec!.terminationGracePeriodSeconds!).toBeGreaterThan(grace);
  });

  it('keys its ConfigMap on documented settings only, and the worker accepts the configuration', () => {
    const data = one<V1ConfigMap>(r(), 'ConfigMap').data ?? {};
    const documented = new Set(SETTINGS.map((s) => s.name));
    for (const key of Object.keys(data)) expect(documented.has(key), `${key} is not a setting in config/settings.ts`).toBe(true);
    for (const e of workerContainer(one<V1Deployment>(r(), 'Deployment')).env ?? [])
      expect(documented.has(e.name) || RUNTIME_ENV.includes(e.name), `env ${e.name}`).toBe(true);
    // The worker's own validation, on the values the pod gets (credentials from the Secret).
    const config = loadConfig({ ...workerEnv(r()), AWS_ACCESS_KEY_ID: 'id', AWS_SECRET_ACCESS_KEY: 'secret' });
    expect(config.backend).toBe('kubernetes');
    expect(config.storage).toBe('s3');
    expect(config.kubernetes.namespace).toBe(r().ns);
    expect(config.kubernetes.runnerImage).toBeDefined();
    expect(config.kubernetes.storageSecret).toBe('cubcanvas-storage');
    // The render pods' model claim is the one these manifests create.
    const pvc = one<V1PersistentVolumeClaim>(r(), 'PersistentVolumeClaim');
    expect(config.kubernetes.modelVolume).toEqual({ kind: 'pvc', claimName: pvc.metadata!.name });
    expect(config.kubernetes.modelMountPath).toBe('/models');
    expect(pvc.spec?.resources?.requests?.storage).toBeDefined();
  });

  it("holds the worker's memory: a V8 heap limit well under the container's memory limit, two malloc arenas", () => {
    const c = workerContainer(one<V1Deployment>(r(), 'Deployment'));
    const env = workerEnv(r());
    const heapMiB = Number(/--max-old-space-size=(\d+)/.exec(env.NODE_OPTIONS ?? '')?.[1]);
    expect(heapMiB, 'NODE_OPTIONS sets --max-old-space-size').toBeGreaterThanOrEqual(384);
    // Native memory (sharp's pictures, the picture model's WASM heap, the Temporal core) needs the rest.
    expect(heapMiB * 2).toBeLessThanOrEqual(mebibytes(c.resources!.limits!.memory!));
    expect(env.MALLOC_ARENA_MAX).toBe('2');
  });

  it('keeps no store in an emptyDir: storage is S3, and the only emptyDir is /tmp', () => {
    const deployment = one<V1Deployment>(r(), 'Deployment');
    const emptyDirs = new Set((deployment.spec!.template.spec!.volumes ?? []).filter((v) => v.emptyDir).map((v) => v.name));
    const mounts = (workerContainer(deployment).volumeMounts ?? []).filter((m) => emptyDirs.has(m.name));
    expect(mounts.map((m) => m.mountPath)).toEqual(['/tmp']);
    expect(workerEnv(r()).CUBCANVAS_STORAGE).toBe('s3');
    const dataDir = workerEnv(r()).CUBCANVAS_DATA_DIR;
    if (dataDir) expect(dataDir.startsWith('/tmp')).toBe(false);
  });

  it('has a PodDisruptionBudget over the worker pods that leaves drains possible', () => {
    const pdb = one<V1PodDisruptionBudget>(r(), 'PodDisruptionBudget');
    const labels = one<V1Deployment>(r(), 'Deployment').spec!.template.metadata!.labels!;
    for (const [k, v] of Object.entries(pdb.spec!.selector!.matchLabels!)) expect(labels[k]).toBe(v);
    expect(pdb.spec!.maxUnavailable ?? pdb.spec!.minAvailable).toBe(1);
  });
});

describe('overlay specifics', () => {
  it('base: no Secret (the operator creates cubcanvas-storage), a ReadOnlyMany model claim with no storage class', () => {
    const r = rendered.base;
    expect(all(r, 'Secret')).toEqual([]);
    const pvc = one<V1PersistentVolumeClaim>(r, 'PersistentVolumeClaim');
    expect(pvc.metadata?.name).toBe('cubcanvas-models');
    expect(pvc.spec?.accessModes).toEqual(['ReadOnlyMany']);
    expect(pvc.spec?.storageClassName).toBeUndefined();
    const data = one<V1ConfigMap>(r, 'ConfigMap').data!;
    expect(data).toMatchObject({
      CUBCANVAS_BACKEND: 'kubernetes',
      CUBCANVAS_STORAGE: 's3',
      CUBCANVAS_K8S_MODEL_VOLUME: 'pvc:cubcanvas-models',
      CUBCANVAS_K8S_STORAGE_SECRET: 'cubcanvas-storage',
    });
    for (const key of ['CUBCANVAS_K8S_RUNNER_IMAGE', 'CUBCANVAS_K8S_GPUS', 'CUBCANVAS_K8S_NODE_SELECTOR', 'CUBCANVAS_K8S_TOLERATIONS', 'CUBCANVAS_GPU_TYPE'])
      expect(data[key], key).toBeTruthy();
  });

  it('dev: one worker, smaller, S3 at a configured endpoint with generated credentials, render pods without GPUs', () => {
    const r = rendered['overlays/dev'];
    const deployment = one<V1Deployment>(r, 'Deployment');
    expect(deployment.spec?.replicas).toBe(1);
    const env = workerEnv(r);
    expect(env.CUBCANVAS_S3_ENDPOINT).toMatch(/^https?:\/\//);
    expect(env.CUBCANVAS_K8S_GPUS).toBe('0');
    const base = workerContainer(one<V1Deployment>(rendered.base, 'Deployment')).resources!.requests!;
    expect(workerContainer(deployment).resources!.requests!.memory).not.toBe(base.memory);
    // Kept without a hash suffix: CUBCANVAS_K8S_STORAGE_SECRET names it for the render pods.
    const secret = one<V1Secret>(r, 'Secret');
    expect(secret.metadata?.name).toBe(env.CUBCANVAS_K8S_STORAGE_SECRET);
    expect(Object.keys(secret.data ?? {}).sort()).toEqual(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']);
    expect(deployment.spec!.template.spec!.volumes?.filter((v) => v.emptyDir).map((v) => v.name)).toEqual(['tmp']);
  });

  it('prod: two or more workers, pinned images, a GPU per render pod, the Kueue setting shown', () => {
    const r = rendered['overlays/prod'];
    expect(one<V1Deployment>(r, 'Deployment').spec!.replicas!).toBeGreaterThanOrEqual(2);
    const pinned = /^[^@]+:(?!latest$)[A-Za-z0-9_][A-Za-z0-9_.-]*(@sha256:[0-9a-f]{64})?$/;
    expect(workerContainer(one<V1Deployment>(r, 'Deployment')).image).toMatch(pinned);
    const env = workerEnv(r);
    expect(env.CUBCANVAS_K8S_RUNNER_IMAGE).toMatch(pinned);
    expect(Number(env.CUBCANVAS_K8S_GPUS)).toBeGreaterThanOrEqual(1);
    expect(env.CUBCANVAS_K8S_NODE_SELECTOR).toBeTruthy();
    expect(all(r, 'Secret')).toEqual([]);
    expect(readFileSync(join(k8sDir, 'overlays', 'prod', 'worker-config-patch.yaml'), 'utf8')).toMatch(/^\s*# CUBCANVAS_K8S_KUEUE_QUEUE: \S+/m);
  });
});

describe('runner-job-template.yaml', () => {
  const file = join(k8sDir, 'base', 'runner-job-template.yaml');
  const text = () => intoNamespace(readFileSync(file, 'utf8'), rendered.base.ns);

  it('is kept out of the kustomization (applying it would start a GPU Job)', () => {
    const kustomization = loadYaml<{ resources: string[] }>(readFileSync(join(k8sDir, 'base', 'kustomization.yaml'), 'utf8'));
    expect(kustomization.resources).not.toContain('runner-job-template.yaml');
    expect(rendered.base.objects.some((o) => o.kind === 'Job')).toBe(false);
  });

  it('is the Job render/kubernetes/job-builder.ts builds from the base settings', () => {
    const template = plain(loadYaml<V1Job>(text()));
    const meta = template.metadata!;
    const config = loadConfig({ ...workerEnv(rendered.base), AWS_ACCESS_KEY_ID: 'id', AWS_SECRET_ACCESS_KEY: 'secret' });
    const identity = {
      renderId: meta.annotations![ANNOTATION.renderId]!,
      attempt: Number(meta.labels![LABEL.attempt]),
      launch: Number(meta.labels![LABEL.launch]),
      taskQueue: meta.annotations![ANNOTATION.taskQueue]!,
      jobKey: meta.annotations![ANNOTATION.jobKey]!,
      manifestKey: meta.annotations![ANNOTATION.manifestKey]!,
    };
    const built = plain(
      buildRenderJob(
        config.kubernetes,
        { ...identity, name: renderJobName(identity.renderId, identity.attempt, identity.launch) },
        runnerStorageEnv(config.s3!),
      ),
    );
    delete meta.namespace;
    expect(template, 'k8s/base/runner-job-template.yaml no longer matches what job-builder.ts builds: update the template').toEqual(built);
  });

  it('shows the contract: failure policy on the exit codes, GPU, pool placement, read-only models, the job key', () => {
    const job = loadYaml<V1Job>(text());
    const spec = job.spec!;
    const pod = spec.template.spec!;
    const c = pod.containers[0]!;
    expect(pod.restartPolicy).toBe('Never');
    expect(spec.ttlSecondsAfterFinished).toBeGreaterThan(0);
    expect(spec.activeDeadlineSeconds).toBeGreaterThan(0);
    expect(spec.backoffLimit).toBeDefined();
    expect(spec.podFailurePolicy!.rules.map((rule) => [rule.action, rule.onExitCodes?.values ?? rule.onPodConditions?.map((p) => p.type)])).toEqual([
      ['FailJob', [20]],
      ['Ignore', ['DisruptionTarget']],
      ['Count', [10]],
    ]);
    expect(c.resources?.limits?.['nvidia.com/gpu']).toBe('1');
    expect(pod.tolerations?.some((t) => t.key === 'nvidia.com/gpu')).toBe(true);
    expect(Object.keys(pod.nodeSelector ?? {})).not.toHaveLength(0);
    const models = c.volumeMounts?.find((m) => m.mountPath === '/models');
    expect(models?.readOnly).toBe(true);
    expect(pod.volumes?.find((v) => v.name === models?.name)?.persistentVolumeClaim).toMatchObject({ claimName: 'cubcanvas-models', readOnly: true });
    expect(c.envFrom).toEqual([{ secretRef: { name: 'cubcanvas-storage' } }]);
    expect(c.env?.some((e) => e.name === 'RUNNER_JOB_KEY')).toBe(true);
  });

  it('passes a server-side dry run, and meets PodSecurity "restricted"', () => {
    const res = admin(['apply', '--dry-run=server', '--validate=strict', '-f', '-'], text());
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/^job\.batch\/cc-[0-9a-f]+-a0-l0 created \(server dry run\)$/m);
    expect(res.stderr, res.stderr).not.toMatch(/warning/i);
  });

  it('is judged for real: the server rejects the template with restartPolicy OnFailure (podFailurePolicy needs Never)', () => {
    const broken = text().replace('restartPolicy: Never', 'restartPolicy: OnFailure');
    expect(broken).not.toBe(text());
    const res = admin(['apply', '--dry-run=server', '-f', '-'], broken);
    expect(res.status).not.toBe(0);
    expect(res.stderr).toMatch(/podFailurePolicy|restartPolicy/);
  });
});

describe("the worker's Role, bound for real", () => {
  const ns = () => rendered.base.ns;
  let token: string;

  beforeAll(async () => {
    // The ServiceAccount, Role and RoleBinding exactly as rendered, applied for real.
    const rbac = rendered.base.text
      .split(/^---$/m)
      .filter((d) => /^kind: (ServiceAccount|Role|RoleBinding)$/m.test(d))
      .join('---');
    const res = admin(['apply', '-f', '-'], rbac);
    expect(res.status, res.stderr).toBe(0);
    const core = adminKubeConfig().makeApiClient(CoreV1Api);
    const issued = await core.createNamespacedServiceAccountToken({
      name: 'cubcanvas-worker',
      namespace: ns(),
      body: { spec: { audiences: [], expirationSeconds: 600 } },
    });
    token = issued.status!.token;
  });

  async function allowed(attributes: { verb: string; group?: string; resource: string; subresource?: string; namespace?: string }): Promise<boolean> {
    const authz = kubeConfigFor(token, ns()).makeApiClient(AuthorizationV1Api);
    const review = await authz.createSelfSubjectAccessReview({
      body: { spec: { resourceAttributes: { namespace: ns(), group: '', ...attributes } } },
    });
    return review.status!.allowed;
  }

  it('allows every verb the backend uses (render/kubernetes/permissions.ts)', async () => {
    for (const p of REQUIRED_PERMISSIONS) {
      for (const verb of p.verbs) {
        expect(
          await allowed({ verb, group: p.group, resource: p.resource, subresource: p.subresource }),
          `${verb} ${p.resource}${p.subresource ? `/${p.subresource}` : ''}`,
        ).toBe(true);
      }
    }
  });

  it('denies everything else worth having: pod writes, Secrets, ConfigMaps, Job updates, other namespaces, cluster scope', async () => {
    const denied = [
      { verb: 'delete', resource: 'pods' },
      { verb: 'create', resource: 'pods' },
      { verb: 'create', resource: 'pods', subresource: 'exec' },
      { verb: 'get', resource: 'secrets' },
      { verb: 'list', resource: 'secrets' },
      { verb: 'create', resource: 'configmaps' },
      { verb: 'get', resource: 'configmaps' },
      { verb: 'update', group: 'batch', resource: 'jobs' },
      { verb: 'patch', group: 'batch', resource: 'jobs' },
      { verb: 'create', group: 'batch', resource: 'jobs', namespace: 'default' },
      { verb: 'list', group: 'batch', resource: 'jobs', namespace: 'kube-system' },
      { verb: 'list', resource: 'namespaces', namespace: '' },
      { verb: 'create', group: 'rbac.authorization.k8s.io', resource: 'roles' },
    ];
    for (const attributes of denied) {
      expect(
        await allowed(attributes),
        `${attributes.verb} ${attributes.resource}${attributes.subresource ? `/${attributes.subresource}` : ''} in ${attributes.namespace ?? ns()}`,
      ).toBe(false);
    }
  });

  it('works with the real API: the token creates the template Job (dry run) and lists Jobs, and is refused Secrets', async () => {
    const kc = kubeConfigFor(token, ns());
    const job = loadYaml<V1Job>(intoNamespace(readFileSync(join(k8sDir, 'base', 'runner-job-template.yaml'), 'utf8'), ns()));
    const batch = kc.makeApiClient(BatchV1Api);
    const dry = await batch.createNamespacedJob({ namespace: ns(), body: job, dryRun: 'All' });
    expect(dry.metadata?.name).toBe(job.metadata?.name);
    expect((await batch.listNamespacedJob({ namespace: ns() })).items).toEqual([]);
    const refused = await kc
      .makeApiClient(CoreV1Api)
      .listNamespacedSecret({ namespace: ns() })
      .then(
        () => undefined,
        (err: unknown) => err,
      );
    expect(refused).toBeInstanceOf(ApiException);
    expect((refused as ApiException<unknown>).code).toBe(403);
  });
});
