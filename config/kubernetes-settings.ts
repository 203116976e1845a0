// Settings of the kubernetes render backend and of the worker process that runs in a cluster. Kept
// apart from config/settings.ts so the Job builder's inputs read as one table; the README's
// settings table is SETTINGS + KUBERNETES_SETTINGS.
import { ConfigError } from '../domain/errors';
import { z } from 'zod';
import { checked, enumSetting, numberSetting, optionalTextSetting, parseSettings, refuse, textSetting, unsetWhenBlank, type Env } from './env-schema';
import type { SettingDoc } from './parse';

export interface Toleration {
  key: string;
  operator: 'Equal' | 'Exists';
  value?: string;
  effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export type ModelVolume = { kind: 'pvc'; claimName: string } | { kind: 'nfs'; server: string; path: string };

export interface KubernetesSettings {
  namespace: string;
  runnerImage: string | undefined;
  /** The container's command; undefined = the image's entrypoint. */
  runnerCommand: string[] | undefined;
  imagePullPolicy: 'Always' | 'IfNotPresent' | 'Never';
  imagePullSecret: string | undefined;
  gpuCount: number;
  cpuRequest: string;
  cpuLimit: string;
  memoryRequest: string;
  memoryLimit: string;
  nodeSelector: Record<string, string>;
  tolerations: Toleration[];
  modelVolume: ModelVolume | undefined;
  modelMountPath: string;
  /** Secret whose keys (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) become the runner's environment. */
  storageSecret: string | undefined;
  serviceAccount: string | undefined;
  ttlSecondsAfterFinished: number;
  activeDeadlineSeconds: number;
  backoffLimit: number;
  unschedulableTimeoutSeconds: number;
  kueueQueue: string | undefined;
  /** Minutes between sweeps of Jobs whose render has closed; 0 = no sweeper schedule. */
  sweepIntervalMinutes: number;
}

export interface WorkerSettings {
  /** Port of the worker's /healthz and /readyz; 0 = not served. */
  healthPort: number;
  /** How long a stopping worker lets its activities finish before cancelling them. */
  shutdownGraceSeconds: number;
}

export const KUBERNETES_SETTINGS: SettingDoc[] = [
  {
    name: 'CUBCANVAS_K8S_RUNNER_IMAGE',
    default: '(required for kubernetes)',
    meaning: 'Image of the GPU pod (runner/Dockerfile: ComfyUI plus the runner), e.g. registry.example.com/cubcanvas-runner:0.1.0.',
  },
  {
    name: 'CUBCANVAS_K8S_RUNNER_COMMAND',
    default: "(the image's entrypoint)",
    meaning: 'The runner container\'s command, as a JSON array of strings (e.g. ["node","--import","tsx","/app/runner/main.ts"]).',
  },
  { name: 'CUBCANVAS_K8S_IMAGE_PULL_POLICY', default: 'IfNotPresent', meaning: 'imagePullPolicy of the runner container: Always, IfNotPresent or Never.' },
  {
    name: 'CUBCANVAS_K8S_IMAGE_PULL_SECRET',
    default: '(none)',
    meaning: 'Name of a docker-registry Secret for pulling the runner image from a private registry.',
  },
  { name: 'CUBCANVAS_K8S_GPUS', default: '1', meaning: 'nvidia.com/gpu per render pod (request = limit), 0..8; 0 only for clusters without GPUs (tests).' },
  { name: 'CUBCANVAS_K8S_CPU', default: '4/8', meaning: 'CPU request/limit of the render pod in Kubernetes quantities (one value: request = limit).' },
  {
    name: 'CUBCANVAS_K8S_MEMORY',
    default: '24Gi/32Gi',
    meaning: 'Memory request/limit of the render pod (one value: request = limit). The limit is what OOMKilled means.',
  },
  {
    name: 'CUBCANVAS_K8S_NODE_SELECTOR',
    default: '(none)',
    meaning: 'Node labels a render pod needs, key=value pairs separated by commas (e.g. nvidia.com/gpu.product=NVIDIA-A10G).',
  },
  {
    name: 'CUBCANVAS_K8S_TOLERATIONS',
    default: 'nvidia.com/gpu:NoSchedule',
    meaning: 'Taints of the GPU pool the pod tolerates: key[=value][:Effect] separated by commas; "none" for none.',
  },
  {
    name: 'CUBCANVAS_K8S_MODEL_VOLUME',
    default: 'pvc:cubcanvas-models',
    meaning: 'Model weights, mounted read-only: pvc:CLAIM (a ReadOnlyMany claim), nfs:SERVER:/PATH, or none.',
  },
  {
    name: 'CUBCANVAS_K8S_MODEL_MOUNT_PATH',
    default: '/models',
    meaning: 'Where the model volume is mounted in the runner container (runner/extra_model_paths.yaml reads /models).',
  },
  {
    name: 'CUBCANVAS_K8S_STORAGE_SECRET',
    default: 'cubcanvas-storage',
    meaning:
      'Secret whose keys become the runner\'s environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY); "none" when the pod gets storage access another way (IRSA, workload identity).',
  },
  {
    name: 'CUBCANVAS_K8S_SERVICE_ACCOUNT',
    default: '(namespace default, token not mounted)',
    meaning: 'ServiceAccount of the render pod, for clouds that grant storage access to a ServiceAccount.',
  },
  {
    name: 'CUBCANVAS_K8S_TTL_SECONDS',
    default: '300',
    meaning: 'ttlSecondsAfterFinished: a finished Job (and its pod and log) is removed this long after it ends.',
  },
  {
    name: 'CUBCANVAS_K8S_DEADLINE_SECONDS',
    default: '1800',
    meaning: 'activeDeadlineSeconds of a render Job; past it the Job fails and the render fails as timed out (not retried).',
  },
  {
    name: 'CUBCANVAS_K8S_BACKOFF_LIMIT',
    default: '1',
    meaning: 'Pod failures a Job retries itself (exit 10, OOMKilled); exit 20 fails the Job at once and a disruption (preemption, eviction) is not counted.',
  },
  {
    name: 'CUBCANVAS_K8S_UNSCHEDULABLE_SECONDS',
    default: '300',
    meaning: "How long a render pod may stay unschedulable (no node has a free GPU) before the render fails as RenderUnavailable with the scheduler's message.",
  },
  { name: 'CUBCANVAS_K8S_KUEUE_QUEUE', default: '(none)', meaning: 'Kueue LocalQueue name: set to label Jobs kueue.x-k8s.io/queue-name so Kueue admits them.' },
  {
    name: 'CUBCANVAS_K8S_SWEEP_MINUTES',
    default: '10',
    meaning:
      'The worker keeps a Temporal Schedule that deletes Jobs whose render has closed, every this many minutes; 0 = no schedule (`cubcanvas k8s sweep` still works).',
  },
  {
    name: 'CUBCANVAS_WORKER_HEALTH_PORT',
    default: '0 (off)',
    meaning: "Port of the worker's health endpoint (/healthz liveness, /readyz readiness); the Deployment sets 8081.",
  },
  {
    name: 'CUBCANVAS_WORKER_SHUTDOWN_GRACE_SECONDS',
    default: '25',
    meaning:
      "On SIGTERM the worker stops polling and lets running activities finish for this long (render Jobs keep running for the next worker); keep it under the pod's terminationGracePeriodSeconds (30).",
  },
];

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
/** A label key: optional DNS-subdomain prefix, then a name of up to 63 characters. */
const LABEL_KEY = /^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
const QUANTITY = /^[0-9]+(\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;

/** A Kubernetes object's name, "none" (or an unset setting without a default) meaning none. */
function nameSetting(fallback: string | undefined) {
  return unsetWhenBlank(
    z
      .string()
      .optional()
      .transform((v, ctx) => {
        const value = v ?? fallback;
        if (value === undefined || value === 'none') return undefined;
        return DNS_SUBDOMAIN.test(value) ? value : refuse(ctx, `"${value}" is not a valid Kubernetes name`);
      }),
  );
}

/** QUANTITY or REQUEST/LIMIT: one value means request = limit. */
function requestLimitSetting(fallback: string) {
  return textSetting(fallback).transform((raw, ctx) => {
    const parts = raw.split('/').map((p) => p.trim());
    if (parts.length > 2 || parts.some((p) => !QUANTITY.test(p)))
      return refuse(ctx, `"${raw}" is not QUANTITY or REQUEST/LIMIT in Kubernetes quantities (e.g. 4/8 or 24Gi/32Gi)`);
    return { request: parts[0]!, limit: parts[1] ?? parts[0]! };
  });
}

/** The items of a comma-separated list, trimmed, empty ones dropped. */
function items(raw: string): string[] {
  return raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
}

const nodeSelectorSetting = textSetting('').transform((raw, ctx) => {
  const out: Record<string, string> = {};
  for (const pair of items(raw)) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    const value = eq < 0 ? '' : pair.slice(eq + 1);
    if (eq < 0 || !LABEL_KEY.test(key) || !LABEL_VALUE.test(value)) return refuse(ctx, `"${pair}" is not label-key=label-value`);
    out[key] = value;
  }
  return out;
});

const TOLERATION = /^([^=:]+)(?:=([^:]*))?(?::(NoSchedule|PreferNoSchedule|NoExecute))?$/;

const tolerationsSetting = textSetting('nvidia.com/gpu:NoSchedule').transform((raw, ctx) => {
  if (raw === 'none') return [];
  const out: Toleration[] = [];
  for (const part of items(raw)) {
    const m = TOLERATION.exec(part);
    if (!m || !LABEL_KEY.test(m[1]!) || (m[2] !== undefined && !LABEL_VALUE.test(m[2])))
      return refuse(ctx, `"${part}" is not key[=value][:NoSchedule|PreferNoSchedule|NoExecute]`);
    const t: Toleration = m[2] === undefined ? { key: m[1]!, operator: 'Exists' } : { key: m[1]!, operator: 'Equal', value: m[2] };
    if (m[3]) t.effect = m[3] as Toleration['effect'];
    out.push(t);
  }
  return out;
});

const modelVolumeSetting = textSetting('pvc:cubcanvas-models').transform((raw, ctx): ModelVolume | undefined => {
  if (raw === 'none') return undefined;
  const pvc = /^pvc:(.+)$/.exec(raw);
  if (pvc && DNS_SUBDOMAIN.test(pvc[1]!)) return { kind: 'pvc', claimName: pvc[1]! };
  const nfs = /^nfs:([^:/]+):(\/.*)$/.exec(raw);
  if (nfs) return { kind: 'nfs', server: nfs[1]!, path: nfs[2]! };
  return refuse(ctx, `"${raw}" is not pvc:CLAIM-NAME, nfs:SERVER:/PATH or none`);
});

const COMMAND = z.array(z.string().min(1)).min(1);

const runnerCommandSetting = optionalTextSetting().transform((raw, ctx) => {
  if (raw === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  const command = COMMAND.safeParse(parsed);
  return command.success ? command.data : refuse(ctx, `${raw} is not a JSON array of non-empty strings (e.g. ["node","/app/runner/main.js"])`);
});

const KUBERNETES_SCHEMA = z.object({
  CUBCANVAS_K8S_RUNNER_IMAGE: optionalTextSetting().refine((v) => v === undefined || !/\s/.test(v), {
    error: (iss) => `"${String(iss.input)}" is not an image reference`,
  }),
  CUBCANVAS_K8S_IMAGE_PULL_POLICY: enumSetting(['Always', 'IfNotPresent', 'Never'], 'IfNotPresent'),
  CUBCANVAS_K8S_CPU: requestLimitSetting('4/8'),
  CUBCANVAS_K8S_MEMORY: requestLimitSetting('24Gi/32Gi'),
  CUBCANVAS_K8S_MODEL_MOUNT_PATH: textSetting('/models').refine((v) => v.startsWith('/'), { error: (iss) => `"${String(iss.input)}" is not an absolute path` }),
  CUBCANVAS_K8S_KUEUE_QUEUE: optionalTextSetting().refine((v) => v === undefined || LABEL_VALUE.test(v), {
    error: (iss) => `"${String(iss.input)}" is not a valid label value`,
  }),
  CUBCANVAS_K8S_NAMESPACE: textSetting('cubcanvas').refine(...checked(DNS_LABEL, 'is not a Kubernetes namespace name')),
  CUBCANVAS_K8S_RUNNER_COMMAND: runnerCommandSetting,
  CUBCANVAS_K8S_IMAGE_PULL_SECRET: nameSetting(undefined),
  CUBCANVAS_K8S_GPUS: numberSetting(1, 0, 8),
  CUBCANVAS_K8S_NODE_SELECTOR: nodeSelectorSetting,
  CUBCANVAS_K8S_TOLERATIONS: tolerationsSetting,
  CUBCANVAS_K8S_MODEL_VOLUME: modelVolumeSetting,
  CUBCANVAS_K8S_STORAGE_SECRET: nameSetting('cubcanvas-storage'),
  CUBCANVAS_K8S_SERVICE_ACCOUNT: nameSetting(undefined),
  CUBCANVAS_K8S_TTL_SECONDS: numberSetting(300, 0, 7 * 86_400),
  CUBCANVAS_K8S_DEADLINE_SECONDS: numberSetting(1800, 10, 7 * 86_400),
  CUBCANVAS_K8S_BACKOFF_LIMIT: numberSetting(1, 0, 10),
  CUBCANVAS_K8S_UNSCHEDULABLE_SECONDS: numberSetting(300, 1, 86_400),
  CUBCANVAS_K8S_SWEEP_MINUTES: numberSetting(10, 0, 1440),
});

/** The kubernetes backend's settings; `required` (the backend is in use) makes the runner image required. */
export function loadKubernetesSettings(env: Env, required: boolean): KubernetesSettings {
  const s = parseSettings(KUBERNETES_SCHEMA, env);
  if (required && !s.CUBCANVAS_K8S_RUNNER_IMAGE)
    throw new ConfigError('CUBCANVAS_K8S_RUNNER_IMAGE', 'is required when CUBCANVAS_BACKEND=kubernetes (the image built from runner/Dockerfile)');
  return {
    namespace: s.CUBCANVAS_K8S_NAMESPACE,
    runnerImage: s.CUBCANVAS_K8S_RUNNER_IMAGE,
    runnerCommand: s.CUBCANVAS_K8S_RUNNER_COMMAND,
    imagePullPolicy: s.CUBCANVAS_K8S_IMAGE_PULL_POLICY,
    imagePullSecret: s.CUBCANVAS_K8S_IMAGE_PULL_SECRET,
    gpuCount: s.CUBCANVAS_K8S_GPUS,
    cpuRequest: s.CUBCANVAS_K8S_CPU.request,
    cpuLimit: s.CUBCANVAS_K8S_CPU.limit,
    memoryRequest: s.CUBCANVAS_K8S_MEMORY.request,
    memoryLimit: s.CUBCANVAS_K8S_MEMORY.limit,
    nodeSelector: s.CUBCANVAS_K8S_NODE_SELECTOR,
    tolerations: s.CUBCANVAS_K8S_TOLERATIONS,
    modelVolume: s.CUBCANVAS_K8S_MODEL_VOLUME,
    modelMountPath: s.CUBCANVAS_K8S_MODEL_MOUNT_PATH,
    storageSecret: s.CUBCANVAS_K8S_STORAGE_SECRET,
    serviceAccount: s.CUBCANVAS_K8S_SERVICE_ACCOUNT,
    ttlSecondsAfterFinished: s.CUBCANVAS_K8S_TTL_SECONDS,
    activeDeadlineSeconds: s.CUBCANVAS_K8S_DEADLINE_SECONDS,
    backoffLimit: s.CUBCANVAS_K8S_BACKOFF_LIMIT,
    unschedulableTimeoutSeconds: s.CUBCANVAS_K8S_UNSCHEDULABLE_SECONDS,
    kueueQueue: s.CUBCANVAS_K8S_KUEUE_QUEUE,
    sweepIntervalMinutes: s.CUBCANVAS_K8S_SWEEP_MINUTES,
  };
}

const WORKER_SCHEMA = z.object({
  CUBCANVAS_WORKER_HEALTH_PORT: numberSetting(0, 0, 65535),
  CUBCANVAS_WORKER_SHUTDOWN_GRACE_SECONDS: numberSetting(25, 0, 3600),
});

export function loadWorkerSettings(env: Env): WorkerSettings {
  const s = parseSettings(WORKER_SCHEMA, env);
  return { healthPort: s.CUBCANVAS_WORKER_HEALTH_PORT, shutdownGraceSeconds: s.CUBCANVAS_WORKER_SHUTDOWN_GRACE_SECONDS };
}
