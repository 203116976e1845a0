// A test file's corner of the run's control plane: its own namespace with the worker's
// ServiceAccount, Role and RoleBinding taken from k8s/base (so the Role is what the tests prove
// sufficient), the storage Secret, the model volume, and GPU nodes of its own for its node agent.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { inject } from 'vitest';
import { CoreV1Api, KubeConfig, RbacAuthorizationV1Api, loadAllYaml, type KubernetesObject, type V1Role, type V1RoleBinding, type V1ServiceAccount } from '@kubernetes/client-node';
import { kubernetesToolPaths } from '../../../toolchain/kubernetes';
import { projectRoot } from '../../../toolchain/pypi-binary';

export function kubeConfigFor(token: string, namespace = 'default'): KubeConfig {
  const { server, caData } = inject('k8s');
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'test', server, caData: Buffer.from(caData).toString('base64'), skipTLSVerify: false }],
    users: [{ name: 'user', token }],
    contexts: [{ name: 'test', cluster: 'test', user: 'user', namespace }],
    currentContext: 'test',
  });
  return kc;
}

export const adminKubeConfig = (): KubeConfig => kubeConfigFor(inject('k8s').adminToken);

/** The objects `kubectl kustomize <dir>` renders, parsed. */
export function renderKustomization(dir: string): KubernetesObject[] {
  const yaml = execFileSync(kubernetesToolPaths().kubectl, ['kustomize', join(projectRoot, dir)], { encoding: 'utf8' });
  return loadAllYaml(yaml) as KubernetesObject[];
}

export interface TestNamespace {
  name: string;
  /** A member of system:masters, for setting up and inspecting. */
  admin: KubeConfig;
  /** The worker's ServiceAccount token, bound by the Role from k8s/base: what the backend uses. */
  worker: KubeConfig;
  workerToken: string;
  /** Node label every pod of this file must select, so other files' pods never land on its nodes. */
  pool: { key: string; value: string };
  delete(): Promise<void>;
}

export async function createTestNamespace(prefix: string): Promise<TestNamespace> {
  const name = `${prefix}-${randomUUID().slice(0, 6)}`;
  const admin = adminKubeConfig();
  const core = admin.makeApiClient(CoreV1Api);
  const rbac = admin.makeApiClient(RbacAuthorizationV1Api);
  await core.createNamespace({ body: { metadata: { name } } });
  const base = renderKustomization('k8s/base');
  const sa = base.find((o) => o.kind === 'ServiceAccount') as V1ServiceAccount;
  const role = base.find((o) => o.kind === 'Role') as V1Role;
  const binding = base.find((o) => o.kind === 'RoleBinding') as V1RoleBinding;
  if (!sa || !role || !binding) throw new Error('k8s/base must render a ServiceAccount, a Role and a RoleBinding');
  const inNs = <T extends KubernetesObject>(o: T): T => ({ ...o, metadata: { ...o.metadata, namespace: name, resourceVersion: undefined } });
  await core.createNamespacedServiceAccount({ namespace: name, body: inNs(sa) });
  await rbac.createNamespacedRole({ namespace: name, body: inNs(role) });
  await rbac.createNamespacedRoleBinding({ namespace: name, body: { ...inNs(binding), subjects: binding.subjects?.map((s) => ({ ...s, namespace: s.kind === 'ServiceAccount' ? name : s.namespace })) } });
  const token = await core.createNamespacedServiceAccountToken({ name: sa.metadata!.name!, namespace: name, body: { spec: { audiences: [], expirationSeconds: 3600 } } });
  const workerToken = token.status!.token;
  return {
    name,
    admin,
    worker: kubeConfigFor(workerToken, name),
    workerToken,
    pool: { key: 'cubcanvas.test/pool', value: name },
    async delete() {
      await core.deleteNamespace({ name }).catch(() => undefined);
      // Volumes are cluster-wide: the namespace does not take its model volume with it.
      await core.deletePersistentVolume({ name: `${name}-models` }).catch(() => undefined);
    },
  };
}

/** The storage Secret the runner's envFrom names, with the run's SeaweedFS credentials. */
export async function createStorageSecret(ns: TestNamespace, secretName = 'cubcanvas-storage'): Promise<void> {
  const s3 = inject('s3');
  await ns.admin.makeApiClient(CoreV1Api).createNamespacedSecret({
    namespace: ns.name,
    body: { metadata: { name: secretName }, stringData: { AWS_ACCESS_KEY_ID: s3.accessKeyId, AWS_SECRET_ACCESS_KEY: s3.secretAccessKey } },
  });
}

/** A ReadOnlyMany model claim bound to a hostPath volume: the scheduler will not place a pod whose claim is unbound. */
export async function createModelVolume(ns: TestNamespace, claimName = 'cubcanvas-models', path = '/tmp'): Promise<void> {
  const core = ns.admin.makeApiClient(CoreV1Api);
  const pv = `${ns.name}-models`;
  await core.createPersistentVolume({
    body: {
      metadata: { name: pv },
      spec: { capacity: { storage: '64Gi' }, accessModes: ['ReadOnlyMany'], hostPath: { path }, storageClassName: '', claimRef: { namespace: ns.name, name: claimName }, persistentVolumeReclaimPolicy: 'Retain' },
    },
  });
  await core.createNamespacedPersistentVolumeClaim({
    namespace: ns.name,
    body: { metadata: { name: claimName }, spec: { accessModes: ['ReadOnlyMany'], storageClassName: '', volumeName: pv, resources: { requests: { storage: '64Gi' } } } },
  });
}
