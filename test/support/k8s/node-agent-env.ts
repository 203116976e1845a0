// A container's environment and command line as the kubelet builds them
// (pkg/kubelet/kubelet_pods.go makeEnvironmentVariables): envFrom first, then env in order, each
// value able to refer to earlier ones with $(NAME); then $(NAME) in command and args.
// A missing Secret, ConfigMap or key that is not optional is a ConfigError, which the agent reports
// as CreateContainerConfigError with this message.
import type { CoreV1Api, V1ConfigMap, V1Container, V1Pod, V1Secret } from '@kubernetes/client-node';
import { LOOPBACK } from './node-agent-status';

export class ConfigError extends Error {}

/** The HTTP status of a client-node ApiException, or undefined for other errors. */
export function apiCode(err: unknown): number | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

/** Kubernetes' $(VAR) expansion (third_party/forked/golang/expansion): unknown names stay as written, $$ is $. */
export function expand(input: string, vars: Record<string, string>): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (ch !== '$' || i + 1 >= input.length) {
      out += ch;
      continue;
    }
    const next = input[i + 1];
    if (next === '$') {
      out += '$';
      i++;
    } else if (next === '(') {
      const close = input.indexOf(')', i + 2);
      if (close < 0) {
        out += input.slice(i);
        break;
      }
      const name = input.slice(i + 2, close);
      out += Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : `$(${name})`;
      i = close;
    } else {
      out += ch;
    }
  }
  return out;
}

/** A resource quantity ("500m", "2Gi", "1e3") as a plain number of units. */
export function parseQuantity(q: string): number {
  const m = /^([+-]?[0-9.]+(?:[eE][+-]?[0-9]+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/.exec(q.trim());
  if (!m) throw new ConfigError(`invalid quantity ${JSON.stringify(q)}`);
  const factors: Record<string, number> = {
    '': 1,
    m: 1e-3,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    P: 1e15,
    E: 1e18,
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
    Pi: 2 ** 50,
    Ei: 2 ** 60,
  };
  return Number(m[1]) * factors[m[2] ?? '']!;
}

export interface EnvContext {
  core: CoreV1Api;
  pod: V1Pod;
  container: V1Container;
  /** The node's allocatable resources: the value of limits.* when the container sets none. */
  allocatable: Record<string, string>;
}

function fieldValue(pod: V1Pod, path: string): string {
  const meta = pod.metadata ?? {};
  const keyed = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (keyed) return (keyed[1] === 'labels' ? meta.labels : meta.annotations)?.[keyed[2]!] ?? '';
  switch (path) {
    case 'metadata.name':
      return meta.name ?? '';
    case 'metadata.namespace':
      return meta.namespace ?? '';
    case 'metadata.uid':
      return meta.uid ?? '';
    case 'metadata.labels':
    case 'metadata.annotations': {
      const map = (path === 'metadata.labels' ? meta.labels : meta.annotations) ?? {};
      return Object.keys(map)
        .sort()
        .map((k) => `${k}=${JSON.stringify(map[k])}`)
        .join('\n');
    }
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP':
    case 'status.hostIPs':
    case 'status.podIP':
    case 'status.podIPs':
      return LOOPBACK;
    default:
      throw new ConfigError(`unsupported fieldPath: ${path}`);
  }
}

function resourceValue(ctx: EnvContext, resource: string, divisor: string | undefined): string {
  const [kind, name] = resource.split('.', 2) as [string, string | undefined];
  if ((kind !== 'limits' && kind !== 'requests') || !name) throw new ConfigError(`unsupported container resource: ${resource}`);
  const res = ctx.container.resources ?? {};
  // As the kubelet does: an unset limit is the node's allocatable, an unset request is the limit.
  const raw =
    kind === 'limits'
      ? (res.limits?.[name] ?? ctx.allocatable[name])
      : (res.requests?.[name] ?? res.limits?.[name] ?? (name === 'cpu' ? '0' : ctx.allocatable[name]));
  if (raw === undefined) throw new ConfigError(`unsupported container resource: ${resource}`);
  const value = parseQuantity(raw) / parseQuantity(divisor ?? '1');
  return String(Math.ceil(value));
}

async function readOrUndefined<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (err) {
    if (apiCode(err) === 404) return undefined;
    throw err;
  }
}

/**
 * Resolves env and envFrom against the API server. Returns the variables the pod defines (the
 * caller adds the agent's own underneath; like an image's ENV, those are not seen by $(NAME)) and
 * the expanded command line.
 */
export async function resolveContainer(ctx: EnvContext): Promise<{ env: Record<string, string>; command: string[] }> {
  const { core, pod, container } = ctx;
  const namespace = pod.metadata?.namespace ?? 'default';
  const secrets = new Map<string, V1Secret | undefined>();
  const configMaps = new Map<string, V1ConfigMap | undefined>();
  const secret = async (name: string): Promise<V1Secret | undefined> => {
    if (!secrets.has(name)) secrets.set(name, await readOrUndefined(() => core.readNamespacedSecret({ name, namespace })));
    return secrets.get(name);
  };
  const configMap = async (name: string): Promise<V1ConfigMap | undefined> => {
    if (!configMaps.has(name)) configMaps.set(name, await readOrUndefined(() => core.readNamespacedConfigMap({ name, namespace })));
    return configMaps.get(name);
  };
  const decode = (b64: string): string => Buffer.from(b64, 'base64').toString('utf8');

  const env: Record<string, string> = {};
  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    if (from.configMapRef) {
      const cm = await configMap(from.configMapRef.name ?? '');
      if (!cm) {
        if (from.configMapRef.optional) continue;
        throw new ConfigError(`configmap "${from.configMapRef.name}" not found`);
      }
      for (const [k, v] of Object.entries(cm.data ?? {})) env[prefix + k] = v;
    } else if (from.secretRef) {
      const s = await secret(from.secretRef.name ?? '');
      if (!s) {
        if (from.secretRef.optional) continue;
        throw new ConfigError(`secret "${from.secretRef.name}" not found`);
      }
      for (const [k, v] of Object.entries(s.data ?? {})) env[prefix + k] = decode(v);
    }
  }
  for (const e of container.env ?? []) {
    const vf = e.valueFrom;
    if (!vf) {
      env[e.name] = expand(e.value ?? '', env);
    } else if (vf.fieldRef) {
      env[e.name] = fieldValue(pod, vf.fieldRef.fieldPath);
    } else if (vf.resourceFieldRef) {
      env[e.name] = resourceValue(ctx, vf.resourceFieldRef.resource, vf.resourceFieldRef.divisor);
    } else if (vf.configMapKeyRef) {
      const { name = '', key, optional } = vf.configMapKeyRef;
      const cm = await configMap(name);
      if (!cm) {
        if (optional) continue;
        throw new ConfigError(`configmap "${name}" not found`);
      }
      const v = cm.data?.[key] ?? (cm.binaryData?.[key] !== undefined ? decode(cm.binaryData[key]!) : undefined);
      if (v === undefined) {
        if (optional) continue;
        throw new ConfigError(`couldn't find key ${key} in ConfigMap ${namespace}/${name}`);
      }
      env[e.name] = v;
    } else if (vf.secretKeyRef) {
      const { name = '', key, optional } = vf.secretKeyRef;
      const s = await secret(name);
      if (!s) {
        if (optional) continue;
        throw new ConfigError(`secret "${name}" not found`);
      }
      const v = s.data?.[key];
      if (v === undefined) {
        if (optional) continue;
        throw new ConfigError(`couldn't find key ${key} in Secret ${namespace}/${name}`);
      }
      env[e.name] = decode(v);
    } else {
      throw new ConfigError(`env ${e.name}: unsupported valueFrom`);
    }
  }
  const command = [...(container.command ?? []), ...(container.args ?? [])].map((a) => expand(a, env));
  return { env, command };
}
