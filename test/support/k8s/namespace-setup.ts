// What a namespace needs before the kubernetes backend can render in it, made with admin
// credentials: the worker's identity exactly as k8s/base defines it (so the Role is what gets
// proven), the storage Secret the runner reads, and a bound model claim. Shared by the tests,
// `npm run k8s:local` and the benchmark.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  CoreV1Api,
  RbacAuthorizationV1Api,
  loadAllYaml,
  type KubeConfig,
  type KubernetesObject,
  type V1Role,
  type V1RoleBinding,
  type V1ServiceAccount,
} from '@kubernetes/client-node';
import { kubernetesToolPaths } from '../../../toolchain/kubernetes';
import { projectRoot } from '../../../toolchain/pypi-binary';

/** The objects `kubectl kustomize <dir>` renders, parsed. */
export function renderKustomization(dir: string): KubernetesObject[] {
  const yaml = execFileSync(kubernetesToolPaths().kubectl, ['kustomize', join(projectRoot, dir)], { encoding: 'utf8' });
  return loadAllYaml(yaml) as KubernetesObject[];
}

/** Creates the namespace with k8s/base's ServiceAccount, Role and RoleBinding; returns a token of that account. */
export async function createWorkerNamespace(admin: KubeConfig, namespace: string, tokenSeconds = 3600): Promise<string> {
  const core = admin.makeApiClient(CoreV1Api);
  const rbac = admin.makeApiClient(RbacAuthorizationV1Api);
  await core.createNamespace({ body: { metadata: { name: namespace } } });
  const base = renderKustomization('k8s/base');
  const sa = base.find((o) => o.kind === 'ServiceAccount') as V1ServiceAccount | undefined;
  const role = base.find((o) => o.kind === 'Role') as V1Role | undefined;
  const binding = base.find((o) => o.kind === 'RoleBinding') as V1RoleBinding | undefined;
  if (!sa || !role || !binding) throw new Error('k8s/base must render a ServiceAccount, a Role and a RoleBinding');
  const inNs = <T extends KubernetesObject>(o: T): T => ({ ...o, metadata: { ...o.metadata, namespace } });
  await core.createNamespacedServiceAccount({ namespace, body: inNs(sa) });
  await rbac.createNamespacedRole({ namespace, body: inNs(role) });
  await rbac.createNamespacedRoleBinding({
    namespace,
    body: { ...inNs(binding), subjects: binding.subjects?.map((s) => (s.kind === 'ServiceAccount' ? { ...s, namespace } : s)) },
  });
  const token = await core.createNamespacedServiceAccountToken({
    name: sa.metadata!.name!,
    namespace,
    body: { spec: { audiences: [], expirationSeconds: tokenSeconds } },
  });
  return token.status!.token;
}

/** The storage Secret the runner's envFrom names. */
export async function createStorageSecret(
  admin: KubeConfig,
  namespace: string,
  creds: { accessKeyId: string; secretAccessKey: string },
  name = 'cubcanvas-storage',
): Promise<void> {
  await admin.makeApiClient(CoreV1Api).createNamespacedSecret({
    namespace,
    body: { metadata: { name }, stringData: { AWS_ACCESS_KEY_ID: creds.accessKeyId, AWS_SECRET_ACCESS_KEY: creds.secretAccessKey } },
  });
}

/**
 * A ReadOnlyMany model claim bound to a hostPath volume named `<namespace>-models`: the scheduler
 * does not place a pod whose claim is unbound.
 */
export async function createModelVolume(admin: KubeConfig, namespace: string, path: string, claimName = 'cubcanvas-models'): Promise<void> {
  const core = admin.makeApiClient(CoreV1Api);
  const pv = `${namespace}-models`;
  await core.createPersistentVolume({
    body: {
      metadata: { name: pv },
      spec: {
        capacity: { storage: '64Gi' },
        accessModes: ['ReadOnlyMany'],
        hostPath: { path },
        storageClassName: '',
        claimRef: { namespace, name: claimName },
        persistentVolumeReclaimPolicy: 'Retain',
      },
    },
  });
  await core.createNamespacedPersistentVolumeClaim({
    namespace,
    body: {
      metadata: { name: claimName },
      spec: { accessModes: ['ReadOnlyMany'], storageClassName: '', volumeName: pv, resources: { requests: { storage: '64Gi' } } },
    },
  });
}

/** Deletes the namespace and its model volume (volumes are cluster-wide). */
export async function deleteWorkerNamespace(admin: KubeConfig, namespace: string): Promise<void> {
  const core = admin.makeApiClient(CoreV1Api);
  await core.deleteNamespace({ name: namespace }).catch(() => undefined);
  await core.deletePersistentVolume({ name: `${namespace}-models` }).catch(() => undefined);
}
