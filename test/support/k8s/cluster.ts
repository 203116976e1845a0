// A test file's corner of the run's control plane: its own namespace with the worker's
// ServiceAccount, Role and RoleBinding taken from k8s/base (so the Role is what the tests prove
// sufficient), and a node-pool label of its own so other files' pods never land on its nodes.
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { KubeConfig } from '@kubernetes/client-node';
import {
  createModelVolume as createModelVolumeIn,
  createStorageSecret as createStorageSecretIn,
  createWorkerNamespace,
  deleteWorkerNamespace,
} from './namespace-setup';

export { renderKustomization } from './namespace-setup';

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
  const workerToken = await createWorkerNamespace(admin, name);
  return {
    name,
    admin,
    worker: kubeConfigFor(workerToken, name),
    workerToken,
    pool: { key: 'cubcanvas.test/pool', value: name },
    delete: () => deleteWorkerNamespace(admin, name),
  };
}

/** The storage Secret the runner's envFrom names, with the run's SeaweedFS credentials. */
export async function createStorageSecret(ns: TestNamespace, secretName = 'cubcanvas-storage'): Promise<void> {
  const s3 = inject('s3');
  await createStorageSecretIn(ns.admin, ns.name, s3, secretName);
}

export async function createModelVolume(ns: TestNamespace): Promise<void> {
  await createModelVolumeIn(ns.admin, ns.name, '/tmp');
}
