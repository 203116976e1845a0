// `cubcanvas doctor`: checks each configured dependency and says what works and what does not.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { connectToTemporal } from '../temporal/grpc-interceptors';
import type { Config } from '../config/settings';
import { ALL_SEARCH_ATTRIBUTES } from '../domain/search-attributes';
import { readComfyUiAnswer, systemStatsSchema } from '../render/comfyui/comfyui-schemas';
import { permissionResourceName, REQUIRED_PERMISSIONS } from '../render/kubernetes/permissions';
import { TEMPORAL_CLI } from '../temporal/cli-path';
import { findTool, toolVersion } from '../toolchain/pypi-binary';
import { createStore } from '../worker/dependencies';

export interface CheckResult {
  name: string;
  ok: boolean;
  /** false: not configured, so not checked. */
  checked: boolean;
  detail: string;
}

const pass = (name: string, detail: string): CheckResult => ({ name, ok: true, checked: true, detail });
const fail = (name: string, detail: string): CheckResult => ({ name, ok: false, checked: true, detail });
const skip = (name: string, detail: string): CheckResult => ({ name, ok: true, checked: false, detail });
const message = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0]!;

async function withTimeout<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function checkTemporal(config: Config): Promise<CheckResult> {
  if (!config.temporalAddress) {
    const cli = findTool(TEMPORAL_CLI);
    return cli
      ? pass('temporal', `embedded dev server (no TEMPORAL_ADDRESS): ${toolVersion(TEMPORAL_CLI, cli)} at ${cli}`)
      : fail('temporal', 'no TEMPORAL_ADDRESS and no Temporal CLI for the embedded server: run node scripts/setup.mjs');
  }
  try {
    const connection = await withTimeout(
      10_000,
      `connect to ${config.temporalAddress}`,
      connectToTemporal({ address: config.temporalAddress, ...config.temporalSecurity, connectTimeout: '5 seconds' }),
    );
    try {
      const info = await connection.workflowService.getSystemInfo({});
      await connection.workflowService.describeNamespace({ namespace: config.namespace });
      const attrs = await connection.operatorService.listSearchAttributes({ namespace: config.namespace });
      const missing = ALL_SEARCH_ATTRIBUTES.filter((k) => !(k.name in (attrs.customAttributes ?? {}))).map((k) => k.name);
      const detail = `${config.temporalAddress} (${config.temporalSecurityDescription}), server ${info.serverVersion || 'unknown'}, namespace ${config.namespace}`;
      return missing.length
        ? fail('temporal', `${detail}; search attributes missing: ${missing.join(', ')} (a worker registers them at start when allowed)`)
        : pass('temporal', detail);
    } finally {
      await connection.close();
    }
  } catch (err) {
    return fail('temporal', `${config.temporalAddress} (${config.temporalSecurityDescription}): ${message(err)}`);
  }
}

async function checkStorage(config: Config): Promise<CheckResult> {
  const store = createStore(config);
  const key = `doctor/probe-${randomUUID()}.txt`;
  const body = Buffer.from(`cubcanvas doctor ${new Date().toISOString()}`);
  try {
    await store.put(key, body, { contentType: 'text/plain' });
    const back = await store.get(key);
    if (!back.equals(body)) return fail('storage', `${store.description}: read back different bytes`);
    const where = await store.locate(key);
    if (/^https?:/.test(where)) {
      const res = await fetch(where);
      if (!res.ok) return fail('storage', `${store.description}: write/read work but the presigned URL answers ${res.status}`);
    }
    await store.delete(key);
    if (await store.head(key)) return fail('storage', `${store.description}: delete did not remove the probe`);
    return pass('storage', `${store.description}: write, read${/^https?:/.test(where) ? ', presigned URL' : ''} and delete work`);
  } catch (err) {
    return fail('storage', `${store.description}: ${message(err)}`);
  }
}

/** One verb on one resource, as a SelfSubjectAccessReview answered it. */
export interface AccessCheck {
  group: string;
  resource: string;
  subresource?: string;
  verb: string;
  allowed: boolean;
}

/** Every (verb, resource) the kubernetes backend needs, in REQUIRED_PERMISSIONS order. */
export function accessChecksNeeded(): Omit<AccessCheck, 'allowed'>[] {
  return REQUIRED_PERMISSIONS.flatMap(({ verbs, ...resource }) => verbs.map((verb) => ({ ...resource, verb })));
}

/**
 * The kubernetes check's verdict from the answers. What is missing fails the check only when the
 * kubernetes backend is in use: with another backend a kubeconfig may be there for other work.
 */
export function kubernetesAccessResult(opts: {
  cluster: string;
  namespace: string;
  checks: AccessCheck[];
  namespaceMissing?: boolean;
  backendInUse: boolean;
}): CheckResult {
  const missing = opts.checks.filter((c) => !c.allowed).map((c) => `${c.verb} ${permissionResourceName(c)}`);
  const problems = [
    ...(opts.namespaceMissing ? [`namespace ${opts.namespace} does not exist`] : []),
    ...(missing.length ? [`not allowed in namespace ${opts.namespace}: ${missing.join(', ')}`] : []),
  ].join('; ');
  if (!problems)
    return pass('kubernetes', `${opts.cluster}; may do all the kubernetes backend needs in namespace ${opts.namespace} (${opts.checks.length} permissions)`);
  return opts.backendInUse
    ? fail('kubernetes', `${opts.cluster}; ${problems}`)
    : pass('kubernetes', `${opts.cluster}; note: ${problems} (needed only with CUBCANVAS_BACKEND=kubernetes)`);
}

async function checkKubernetes(config: Config, env: NodeJS.ProcessEnv): Promise<CheckResult> {
  const configured = env.KUBECONFIG || env.KUBERNETES_SERVICE_HOST || existsSync(join(homedir(), '.kube', 'config'));
  if (!configured) return skip('kubernetes', 'not configured (no KUBECONFIG, ~/.kube/config or in-cluster service account)');
  const namespace = config.kubernetes.namespace;
  try {
    // Loaded only here: the Kubernetes client takes over a second to import.
    const { AuthorizationV1Api, CoreV1Api, KubeConfig, VersionApi } = await import('@kubernetes/client-node');
    const kc = new KubeConfig();
    kc.loadFromDefault();
    const version = await withTimeout(10_000, 'Kubernetes API', kc.makeApiClient(VersionApi).getCode());
    const cluster = `${kc.getCurrentCluster()?.server ?? 'cluster'} (Kubernetes ${version.gitVersion})`;
    // Asked rather than tried: creating and deleting a probe Job would schedule a pod (maybe a
    // GPU), and a read-only probe cannot tell whether create or delete would be refused.
    const authorization = kc.makeApiClient(AuthorizationV1Api);
    const checks = await withTimeout(
      10_000,
      'SelfSubjectAccessReview',
      Promise.all(
        accessChecksNeeded().map(async (c): Promise<AccessCheck> => {
          const review = await authorization.createSelfSubjectAccessReview({
            body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { namespace, ...c } } },
          });
          return { ...c, allowed: review.status?.allowed === true };
        }),
      ),
    );
    // Permissions are granted per namespace name whether or not it exists; a Job in a missing
    // namespace still fails. The worker's Role need not read namespaces, so a refusal says nothing.
    const namespaceMissing = await withTimeout(10_000, `read namespace ${namespace}`, kc.makeApiClient(CoreV1Api).readNamespace({ name: namespace })).then(
      () => false,
      (err: unknown) => (err as { code?: number }).code === 404,
    );
    return kubernetesAccessResult({ cluster, namespace, checks, namespaceMissing, backendInUse: config.backend === 'kubernetes' });
  } catch (err) {
    const code = (err as { code?: number }).code;
    const hint = code === 403 ? ' (forbidden: the credentials may not even ask what they are allowed to do)' : '';
    return fail('kubernetes', `${message(err)}${hint}`);
  }
}

async function checkComfyUi(config: Config): Promise<CheckResult> {
  if (!config.comfyuiUrl) return skip('comfyui', 'not configured (CUBCANVAS_COMFYUI_URL)');
  const url = new URL('/system_stats', config.comfyuiUrl);
  try {
    const res = await withTimeout(10_000, `GET ${url}`, fetch(url));
    if (!res.ok) return fail('comfyui', `GET ${url} answered ${res.status}`);
    const stats = await readComfyUiAnswer(systemStatsSchema, res, 'GET /system_stats');
    const devices = (stats.devices ?? []).map((d) => `${d.name ?? d.type ?? 'device'}${d.vram_total ? ` ${Math.round(d.vram_total / 2 ** 30)} GiB` : ''}`);
    return pass(
      'comfyui',
      `${config.comfyuiUrl}: ComfyUI ${stats.system?.comfyui_version ?? 'unknown version'}, devices: ${devices.join(', ') || 'none reported'}`,
    );
  } catch (err) {
    return fail('comfyui', `${config.comfyuiUrl}: ${message(err)}`);
  }
}

async function checkModeration(config: Config): Promise<CheckResult> {
  if (!config.moderation) return skip('moderation', 'not configured (CUBCANVAS_MODERATION_URL): the local screening layers alone');
  // Loaded only when configured, like the Kubernetes client.
  const { probeGuardModel } = await import('../moderation/probe');
  const { ok, detail } = await probeGuardModel(config.moderation);
  return ok ? pass('moderation', detail) : fail('moderation', detail);
}

export async function runDoctor(config: Config, env: NodeJS.ProcessEnv = process.env): Promise<CheckResult[]> {
  return Promise.all([checkTemporal(config), checkStorage(config), checkKubernetes(config, env), checkComfyUi(config), checkModeration(config)]);
}
