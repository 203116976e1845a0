// Every environment variable cubcanvas reads, with its default and meaning. The README's settings
// table is this list; `cubcanvas config` prints the resolved values. Validated once at start-up:
// a bad value stops the process with a message naming the variable.
import { loadTemporalConnection, type TemporalSecurity } from '../temporal/connection-options';
import { resolve } from 'node:path';
import { DEFAULT_CURRENCY, DEFAULT_GPU_PRICES, parsePriceTable, type PriceTable } from '../domain/cost';
import { ConfigError } from '../domain/errors';
import { DEFAULT_TASK_QUEUE } from '../domain/naming';
import { CORNERS, type Corner } from '../imaging/watermark';
import { CONTENT_CREDENTIALS_SETTINGS, loadContentCredentialsSettings, type ContentCredentialsSettings } from '../imaging/content-credentials/settings';
import { bool, httpUrlSetting, num, str, type Env, type SettingDoc } from './parse';
import { API_SETTINGS } from '../api/settings';
import { KUBERNETES_SETTINGS, loadKubernetesSettings, loadWorkerSettings, type KubernetesSettings, type WorkerSettings } from './kubernetes-settings';
import { loadModerationSettings, MODERATION_SETTINGS, type ModerationSettings } from '../moderation/settings';
import { loadTracingSettings, TELEMETRY_SETTINGS, type TracingSettings } from '../telemetry/settings';
import { loadWebhookSettings, WEBHOOK_SETTINGS, type WebhookSettings } from '../webhooks/settings';

export const BACKENDS = ['preview', 'comfyui', 'kubernetes'] as const;
export type BackendName = (typeof BACKENDS)[number];
export const STORAGE_KINDS = ['fs', 's3'] as const;
export type StorageKind = (typeof STORAGE_KINDS)[number];

export interface Config {
  temporalAddress: string | undefined;
  /** TLS, API key and gRPC metadata for TEMPORAL_ADDRESS (not for the embedded server). */
  temporalSecurity: TemporalSecurity;
  temporalSecurityDescription: string;
  namespace: string;
  taskQueue: string;
  dataDir: string;
  storage: StorageKind;
  backend: BackendName;
  gpuPrices: PriceTable;
  currency: string;
  watermark: { text: string; corner: Corner; opacity: number };
  /** C2PA signing certificate and key, and the trust anchors of `cubcanvas verify` (the content-credentials settings). */
  contentCredentials: ContentCredentialsSettings;
  preview: { steps: number; stepMs: number };
  uiPort: number;
  maxConcurrentActivities: number;
  /** Set when storage is s3. */
  s3: S3Settings | undefined;
  k8sNamespace: string;
  kubernetes: KubernetesSettings;
  worker: WorkerSettings;
  comfyuiUrl: string | undefined;
  comfyuiGraph: string | undefined;
  /** CUBCANVAS_COMFYUI_MODEL_PATHS: the comfyui backend's server's extra_model_paths.yaml, when this worker can see the models. */
  comfyuiModelPaths: string | undefined;
  comfyuiModelHashCache: string | undefined;
  gpuType: string | undefined;
  /** The optional guard model (CUBCANVAS_MODERATION_URL and the rest); undefined = the stage is off. */
  moderation: ModerationSettings | undefined;
  /** OpenTelemetry tracing (CUBCANVAS_OTEL, OTEL_EXPORTER_OTLP_ENDPOINT); undefined = off. */
  tracing: TracingSettings | undefined;
  /** Webhooks (the webhook settings); undefined when no host is allowed: every callbackUrl is refused. */
  webhooks: WebhookSettings | undefined;
  /** Retention (README "Retention and deletion"): days a request's picture and prompt are kept (0 = forever) and how often the purge runs. */
  retention: { days: number; intervalHours: number };
}

export interface S3Settings {
  bucket: string;
  endpoint: string | undefined;
  region: string;
  prefix: string;
  forcePathStyle: boolean;
  urlExpirySeconds: number;
  /** From AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY when both are set; otherwise the SDK's chain (profiles, roles). */
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | undefined;
}

export type { SettingDoc } from './parse';

export const SETTINGS: SettingDoc[] = [
  {
    name: 'TEMPORAL_ADDRESS',
    default: '(unset)',
    meaning: 'host:port of a Temporal frontend. Unset: the CLI starts an embedded dev server whose database lives in the data folder.',
  },
  { name: 'TEMPORAL_NAMESPACE', default: 'default', meaning: 'Temporal namespace for workflows and search attributes.' },
  {
    name: 'TEMPORAL_TLS',
    default: 'false',
    meaning:
      "`true`: connect to TEMPORAL_ADDRESS over TLS with the system CAs (implied by TEMPORAL_API_KEY or any TEMPORAL_TLS_* below). Read, like the rest of the TEMPORAL_* connection settings, by Temporal's own @temporalio/envconfig: the same variables the `temporal` CLI takes.",
  },
  {
    name: 'TEMPORAL_TLS_SERVER_CA_CERT_PATH',
    default: '(unset)',
    meaning: "PEM file of the CA that signed the frontend's certificate (a private CA); `..._DATA` gives the PEM inline instead.",
  },
  {
    name: 'TEMPORAL_TLS_SERVER_NAME',
    default: '(host of the address)',
    meaning: "Name to verify the frontend's certificate against, when it differs from the address's host.",
  },
  {
    name: 'TEMPORAL_TLS_CLIENT_CERT_PATH',
    default: '(unset)',
    meaning: "mTLS: PEM file of this client's certificate (with TEMPORAL_TLS_CLIENT_KEY_PATH); `..._DATA` inline.",
  },
  {
    name: 'TEMPORAL_TLS_CLIENT_KEY_PATH',
    default: '(unset)',
    meaning: "mTLS: PEM file of this client's private key; TEMPORAL_TLS_CLIENT_KEY_DATA inline (masked in output).",
  },
  { name: 'TEMPORAL_API_KEY', default: '(unset)', meaning: 'API key (Temporal Cloud), sent as a bearer token over TLS; masked in every output.' },
  {
    name: 'TEMPORAL_PROFILE',
    default: '(unset)',
    meaning: 'Profile of a Temporal TOML config file to take address, namespace, TLS and API key from; the environment variables above override it.',
  },
  {
    name: 'TEMPORAL_CONFIG_FILE',
    default: '(unset)',
    meaning:
      "The TOML config file (default ~/.config/temporalio/temporal.toml, read only when TEMPORAL_PROFILE or this is set, so a developer's own file never redirects the demo or the tests).",
  },
  {
    name: 'TEMPORAL_CLI_PATH',
    default: '(unset)',
    meaning: 'Path of the `temporal` binary for the embedded server; otherwise `temporal` on PATH, then .tools/temporal/bin/temporal.',
  },
  {
    name: 'CUBCANVAS_WEED_PATH',
    default: '(unset)',
    meaning: 'Path of the SeaweedFS `weed` binary for tests and `npm run s3:local`; otherwise `weed` on PATH, then .tools/weed/bin/weed.',
  },
  {
    name: 'CUBCANVAS_TASK_QUEUE',
    default: DEFAULT_TASK_QUEUE,
    meaning: 'Task queue the worker polls and clients start workflows on. Versioned: change it for an incompatible release.',
  },
  { name: 'CUBCANVAS_DATA_DIR', default: './.cubcanvas', meaning: 'Folder for the embedded server database (temporal.db) and the filesystem store (store/).' },
  { name: 'CUBCANVAS_STORAGE', default: 'fs', meaning: 'Blob store: fs (files under the data folder) or s3 (any S3-compatible service).' },
  { name: 'CUBCANVAS_S3_BUCKET', default: '(required for s3)', meaning: 'Bucket for images, cache, staging, ledger and reports.' },
  {
    name: 'CUBCANVAS_S3_ENDPOINT',
    default: '(AWS S3)',
    meaning:
      'Endpoint URL of a non-AWS service, e.g. http://127.0.0.1:8333 (SeaweedFS) or https://oss-cn-hangzhou.aliyuncs.com; no user:password@ (credentials go in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY).',
  },
  {
    name: 'CUBCANVAS_S3_PREFIX',
    default: '(none)',
    meaning:
      'Prefix for every key, e.g. cubcanvas/ (a trailing / is added), so deployments can share a bucket. Letters, digits, ".", "_", "-" and "/"; no ".", ".." or empty segments.',
  },
  { name: 'CUBCANVAS_S3_FORCE_PATH_STYLE', default: 'false', meaning: 'true for path-style URLs (SeaweedFS, Ceph, most self-hosted stores).' },
  {
    name: 'CUBCANVAS_S3_URL_EXPIRY_SECONDS',
    default: '3600',
    meaning: 'Lifetime of the presigned GET URL minted each time a client reads a result, 1..604800.',
  },
  {
    name: 'AWS_REGION',
    default: 'us-east-1',
    meaning:
      'Region for S3 (AWS_DEFAULT_REGION also works). Credentials come from the standard AWS chain: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, AWS_PROFILE, instance roles.',
  },
  {
    name: 'CUBCANVAS_BACKEND',
    default: 'preview',
    meaning:
      'Render backend: preview (CPU drawing, labelled PREVIEW, no model), comfyui (an existing ComfyUI server at CUBCANVAS_COMFYUI_URL) or kubernetes (a GPU Job per render running the runner; needs CUBCANVAS_STORAGE=s3, CUBCANVAS_GPU_TYPE and CUBCANVAS_K8S_RUNNER_IMAGE).',
  },
  {
    name: 'CUBCANVAS_COMFYUI_GRAPH',
    default: 'qwen-image-lightning-8step',
    meaning: 'Graph from comfy-workflows/manifest.json: qwen-image-lightning-8step, qwen-image-20step or qwen-image-coloring-page.',
  },
  {
    name: 'CUBCANVAS_GPU_TYPE',
    default: '(from the server)',
    meaning:
      'GPU type for the price table: required by the kubernetes backend (the GPU pool\'s type); for comfyui, unset means read from ComfyUI /system_stats (e.g. "NVIDIA A10G" is A10G).',
  },
  {
    name: 'CUBCANVAS_GPU_PRICES',
    default: DEFAULT_GPU_PRICES,
    meaning: 'Hourly price per GPU type, TYPE=PRICE pairs separated by commas. The type "none" (preview) is always 0.',
  },
  { name: 'CUBCANVAS_CURRENCY', default: DEFAULT_CURRENCY, meaning: 'Currency of CUBCANVAS_GPU_PRICES, copied into every cost record.' },
  {
    name: 'CUBCANVAS_WATERMARK_TEXT',
    default: 'cubcanvas',
    meaning: 'Visible watermark text (Latin script renders everywhere; other scripts need a font that has them).',
  },
  { name: 'CUBCANVAS_WATERMARK_CORNER', default: 'bottom-right', meaning: `Watermark corner: ${CORNERS.join(', ')}.` },
  { name: 'CUBCANVAS_WATERMARK_OPACITY', default: '0.7', meaning: 'Watermark opacity, 0.05..1.' },
  ...CONTENT_CREDENTIALS_SETTINGS,
  { name: 'CUBCANVAS_PREVIEW_STEPS', default: '8', meaning: 'Progress steps the preview renderer reports (like sampler steps).' },
  {
    name: 'CUBCANVAS_PREVIEW_STEP_MS',
    default: '0',
    meaning: 'Delay per preview step in ms, to make the preview behave like a slow GPU render (demos, tests).',
  },
  { name: 'CUBCANVAS_UI_PORT', default: '8233', meaning: 'Web UI port of the embedded dev server started by `cubcanvas dev`.' },
  { name: 'CUBCANVAS_MAX_CONCURRENT_ACTIVITIES', default: '8', meaning: 'Activities one worker runs at once.' },
  {
    name: 'CUBCANVAS_K8S_NAMESPACE',
    default: 'cubcanvas',
    meaning:
      'Namespace for GPU render Jobs; `doctor` checks that the credentials have every permission the kubernetes backend needs there. The cluster comes from KUBECONFIG, ~/.kube/config or the in-cluster service account.',
  },
  {
    name: 'CUBCANVAS_COMFYUI_URL',
    default: '(unset)',
    meaning: 'Base URL of a ComfyUI server, e.g. http://gpu-box:8188: required by the comfyui backend; `doctor` checks its /system_stats.',
  },
  {
    name: 'CUBCANVAS_COMFYUI_MODEL_PATHS',
    default: '(unset)',
    meaning:
      "comfyui backend: the extra_model_paths.yaml the ComfyUI server runs with, when this worker sees the same model folders (ComfyUI on this machine). Then every model file the graph loads is hashed into the picture's provenance and held to the hashes pinned in comfy-workflows/manifest.json; unset, only the ComfyUI version is recorded.",
  },
  {
    name: 'CUBCANVAS_COMFYUI_MODEL_HASH_CACHE',
    default: '<first base_path of CUBCANVAS_COMFYUI_MODEL_PATHS>/.cubcanvas-model-hashes.json',
    meaning: 'JSON file of model file hashes by path, size and mtime, so a 20 GB file is hashed once (not again while it is unchanged).',
  },
  { name: 'CUBCANVAS_LOG_LEVEL', default: 'WARN (CLI), INFO (worker)', meaning: 'Temporal SDK log level: TRACE, DEBUG, INFO, WARN or ERROR.' },
  ...KUBERNETES_SETTINGS,
  ...MODERATION_SETTINGS,
  ...API_SETTINGS,
  ...WEBHOOK_SETTINGS,
  ...TELEMETRY_SETTINGS,
  {
    name: 'CUBCANVAS_RETENTION_DAYS',
    default: '0',
    meaning:
      "Days a request's picture, prompt text and unshared cache entry are kept: the worker keeps a Temporal Schedule that purges older requests (as `cubcanvas purge --older-than <days>d`), and the embedded server keeps closed workflow histories (which hold the prompt) this long. 0 = keep forever, no schedule.",
  },
  {
    name: 'CUBCANVAS_RETENTION_INTERVAL_HOURS',
    default: '24',
    meaning: 'How often the retention Schedule runs the purge, when CUBCANVAS_RETENTION_DAYS is on.',
  },
  {
    name: 'CUBCANVAS_WORKFLOW_BUNDLE',
    default: '(unset)',
    meaning: 'Path of a prebuilt workflow bundle; unset, the worker bundles workflows/ at start-up (a few seconds).',
  },
];

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const v = str(env, name, fallback);
  if (!(allowed as readonly string[]).includes(v)) throw new ConfigError(name, `"${v}" is not one of ${allowed.join(', ')}`);
  return v as T;
}

/**
 * CUBCANVAS_S3_PREFIX, normalised to "a/b/" ("" for none). Keys are built by appending to it, so
 * a "." or ".." segment would reach other deployments' keys wherever a store, proxy or URL
 * resolves the path, and an empty segment ("a//b") is kept by AWS but collapsed by some
 * S3-compatible stores, so one setting would name different keys on different stores: refused.
 */
function s3Prefix(env: Env): string {
  let prefix = str(env, 'CUBCANVAS_S3_PREFIX', '').replace(/^\/+/, '');
  if (!prefix) return '';
  if (!prefix.endsWith('/')) prefix += '/';
  if (!/^[A-Za-z0-9._\-/]+$/.test(prefix)) throw new ConfigError('CUBCANVAS_S3_PREFIX', `"${prefix}" may only hold letters, digits, ".", "_", "-" and "/"`);
  const segments = prefix.slice(0, -1).split('/');
  if (segments.some((seg) => seg === '')) throw new ConfigError('CUBCANVAS_S3_PREFIX', `"${prefix}" has an empty segment ("//"); write it as a/b/`);
  const dots = segments.find((seg) => seg === '.' || seg === '..');
  if (dots) throw new ConfigError('CUBCANVAS_S3_PREFIX', `"${prefix}" has a "${dots}" segment; each segment must name a folder`);
  return prefix;
}

function s3Settings(env: Env): S3Settings {
  const bucket = str(env, 'CUBCANVAS_S3_BUCKET', '');
  if (!bucket) throw new ConfigError('CUBCANVAS_S3_BUCKET', 'is required when CUBCANVAS_STORAGE=s3');
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
    throw new ConfigError('CUBCANVAS_S3_BUCKET', `"${bucket}" is not a valid bucket name (3..63 lower-case letters, digits, "." and "-")`);
  const endpoint = httpUrl(env, 'CUBCANVAS_S3_ENDPOINT');
  const prefix = s3Prefix(env);
  return {
    bucket,
    endpoint,
    region: str(env, 'AWS_REGION', str(env, 'AWS_DEFAULT_REGION', 'us-east-1')),
    prefix,
    forcePathStyle: bool(env, 'CUBCANVAS_S3_FORCE_PATH_STYLE', false),
    urlExpirySeconds: num(env, 'CUBCANVAS_S3_URL_EXPIRY_SECONDS', 3600, 1, 604_800),
    credentials:
      env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
        ? {
            accessKeyId: env.AWS_ACCESS_KEY_ID,
            secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
            ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
          }
        : undefined,
  };
}

/**
 * The store settings a GPU pod needs to reach the worker's store, as environment variables (the
 * inverse of s3Settings). Credentials are left out: they travel in a Secret.
 */
export function runnerStorageEnv(s3: S3Settings): Record<string, string> {
  return {
    CUBCANVAS_STORAGE: 's3',
    CUBCANVAS_S3_BUCKET: s3.bucket,
    ...(s3.endpoint ? { CUBCANVAS_S3_ENDPOINT: s3.endpoint } : {}),
    ...(s3.prefix ? { CUBCANVAS_S3_PREFIX: s3.prefix } : {}),
    CUBCANVAS_S3_FORCE_PATH_STYLE: String(s3.forcePathStyle),
    AWS_REGION: s3.region,
  };
}

function httpUrl(env: Env, name: string): string | undefined {
  return httpUrlSetting(env, name, 'for S3 use AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY') ? env[name]!.trim() : undefined;
}

function comfyuiUrl(env: Env, backend: BackendName): string | undefined {
  const url = httpUrl(env, 'CUBCANVAS_COMFYUI_URL');
  if (backend === 'comfyui' && !url) throw new ConfigError('CUBCANVAS_COMFYUI_URL', 'is required when CUBCANVAS_BACKEND=comfyui (e.g. http://127.0.0.1:8188)');
  return url;
}

function gpuTypeSetting(env: Env, prices: PriceTable): string | undefined {
  const type = env.CUBCANVAS_GPU_TYPE?.trim();
  if (!type) return undefined;
  if (prices[type] === undefined)
    throw new ConfigError('CUBCANVAS_GPU_TYPE', `"${type}" has no price in CUBCANVAS_GPU_PRICES (${Object.keys(prices).join(', ')})`);
  return type;
}

export function loadConfig(env: Env = process.env): Config {
  const temporal = loadTemporalConnection(env, (setting, message) => {
    throw new ConfigError(setting, message);
  });
  const address = temporal.address?.trim() || undefined;
  if (address !== undefined && !/^[A-Za-z0-9.\-[\]:]+:\d+$/.test(address)) {
    throw new ConfigError('TEMPORAL_ADDRESS', `"${address}" is not host:port`);
  }
  const taskQueue = str(env, 'CUBCANVAS_TASK_QUEUE', DEFAULT_TASK_QUEUE);
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(taskQueue))
    throw new ConfigError('CUBCANVAS_TASK_QUEUE', `"${taskQueue}" must be 1..100 letters, digits, ".", "_" or "-"`);
  const currency = str(env, 'CUBCANVAS_CURRENCY', DEFAULT_CURRENCY);
  if (!/^[A-Z]{3}$/.test(currency)) throw new ConfigError('CUBCANVAS_CURRENCY', `"${currency}" is not a 3-letter currency code such as CNY or USD`);
  const text = str(env, 'CUBCANVAS_WATERMARK_TEXT', 'cubcanvas');
  if ([...text].length > 60) throw new ConfigError('CUBCANVAS_WATERMARK_TEXT', 'is longer than 60 characters');
  const storage = oneOf(env, 'CUBCANVAS_STORAGE', STORAGE_KINDS, 'fs');
  const backend = oneOf(env, 'CUBCANVAS_BACKEND', BACKENDS, 'preview');
  const gpuPrices = parsePriceTable(str(env, 'CUBCANVAS_GPU_PRICES', DEFAULT_GPU_PRICES));
  const kubernetes = loadKubernetesSettings(env, backend === 'kubernetes');
  const gpuType = gpuTypeSetting(env, gpuPrices);
  if (backend === 'kubernetes') {
    // The pod uploads its outputs itself: a folder on the worker's disk is out of its reach.
    if (storage !== 's3') throw new ConfigError('CUBCANVAS_STORAGE', 'must be s3 when CUBCANVAS_BACKEND=kubernetes (the GPU pod uploads to the store itself)');
    if (!gpuType)
      throw new ConfigError(
        'CUBCANVAS_GPU_TYPE',
        `is required when CUBCANVAS_BACKEND=kubernetes (the GPU pool's type, one of ${Object.keys(gpuPrices)
          .filter((k) => k !== 'none')
          .join(', ')})`,
      );
  }
  return {
    temporalAddress: address,
    temporalSecurity: temporal.security,
    temporalSecurityDescription: temporal.description,
    namespace: temporal.namespace ?? 'default',
    taskQueue,
    dataDir: resolve(str(env, 'CUBCANVAS_DATA_DIR', './.cubcanvas')),
    storage,
    s3: storage === 's3' ? s3Settings(env) : undefined,
    k8sNamespace: kubernetes.namespace,
    kubernetes,
    worker: loadWorkerSettings(env),
    comfyuiUrl: comfyuiUrl(env, backend),
    comfyuiGraph: env.CUBCANVAS_COMFYUI_GRAPH?.trim() || undefined,
    comfyuiModelPaths: env.CUBCANVAS_COMFYUI_MODEL_PATHS?.trim() || undefined,
    comfyuiModelHashCache: env.CUBCANVAS_COMFYUI_MODEL_HASH_CACHE?.trim() || undefined,
    gpuType,
    backend,
    gpuPrices,
    currency,
    watermark: {
      text,
      corner: oneOf(env, 'CUBCANVAS_WATERMARK_CORNER', CORNERS, 'bottom-right'),
      opacity: num(env, 'CUBCANVAS_WATERMARK_OPACITY', 0.7, 0.05, 1, false),
    },
    contentCredentials: loadContentCredentialsSettings(env),
    preview: {
      steps: num(env, 'CUBCANVAS_PREVIEW_STEPS', 8, 1, 200),
      stepMs: num(env, 'CUBCANVAS_PREVIEW_STEP_MS', 0, 0, 60_000),
    },
    uiPort: num(env, 'CUBCANVAS_UI_PORT', 8233, 1, 65535),
    maxConcurrentActivities: num(env, 'CUBCANVAS_MAX_CONCURRENT_ACTIVITIES', 8, 1, 256),
    retention: { days: num(env, 'CUBCANVAS_RETENTION_DAYS', 0, 0, 36_500), intervalHours: num(env, 'CUBCANVAS_RETENTION_INTERVAL_HOURS', 24, 1, 8760) },
    moderation: loadModerationSettings(env),
    tracing: loadTracingSettings(env),
    webhooks: loadWebhookSettings(env),
  };
}
