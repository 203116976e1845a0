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
import { z } from 'zod';
import {
  boolSetting,
  checked,
  enumSetting,
  numberSetting,
  optionalTextSetting,
  parseSettings,
  refuse,
  requiredTextSetting,
  textSetting,
  type Env,
} from './env-schema';
import { httpUrlSchema, type SettingDoc } from './parse';
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

/**
 * CUBCANVAS_S3_PREFIX, normalised to "a/b/" ("" for none). Keys are built by appending to it, so
 * a "." or ".." segment would reach other deployments' keys wherever a store, proxy or URL
 * resolves the path, and an empty segment ("a//b") is kept by AWS but collapsed by some
 * S3-compatible stores, so one setting would name different keys on different stores: refused.
 */
const s3PrefixSetting = textSetting('').transform((raw, ctx) => {
  let prefix = raw.replace(/^\/+/, '');
  if (!prefix) return '';
  if (!prefix.endsWith('/')) prefix += '/';
  if (!/^[A-Za-z0-9._\-/]+$/.test(prefix)) return refuse(ctx, `"${prefix}" may only hold letters, digits, ".", "_", "-" and "/"`);
  const segments = prefix.slice(0, -1).split('/');
  if (segments.some((seg) => seg === '')) return refuse(ctx, `"${prefix}" has an empty segment ("//"); write it as a/b/`);
  const dots = segments.find((seg) => seg === '.' || seg === '..');
  if (dots) return refuse(ctx, `"${prefix}" has a "${dots}" segment; each segment must name a folder`);
  return prefix;
});

/** The S3 group, read when CUBCANVAS_STORAGE=s3. Credentials are taken as given (not trimmed): they are secrets, compared byte for byte. */
const S3_SCHEMA = z.object({
  CUBCANVAS_S3_BUCKET: requiredTextSetting('is required when CUBCANVAS_STORAGE=s3').refine(
    ...checked(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'is not a valid bucket name (3..63 lower-case letters, digits, "." and "-")'),
  ),
  CUBCANVAS_S3_ENDPOINT: httpUrlSchema('for S3 use AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY'),
  CUBCANVAS_S3_PREFIX: s3PrefixSetting,
  AWS_REGION: optionalTextSetting(),
  AWS_DEFAULT_REGION: textSetting('us-east-1'),
  CUBCANVAS_S3_FORCE_PATH_STYLE: boolSetting(false),
  CUBCANVAS_S3_URL_EXPIRY_SECONDS: numberSetting(3600, 1, 604_800),
  AWS_ACCESS_KEY_ID: z.string().optional(),
  AWS_SECRET_ACCESS_KEY: z.string().optional(),
  AWS_SESSION_TOKEN: z.string().optional(),
});

function s3Settings(env: Env): S3Settings {
  const s = parseSettings(S3_SCHEMA, env);
  return {
    bucket: s.CUBCANVAS_S3_BUCKET,
    endpoint: s.CUBCANVAS_S3_ENDPOINT,
    region: s.AWS_REGION ?? s.AWS_DEFAULT_REGION,
    prefix: s.CUBCANVAS_S3_PREFIX,
    forcePathStyle: s.CUBCANVAS_S3_FORCE_PATH_STYLE,
    urlExpirySeconds: s.CUBCANVAS_S3_URL_EXPIRY_SECONDS,
    credentials:
      s.AWS_ACCESS_KEY_ID && s.AWS_SECRET_ACCESS_KEY
        ? {
            accessKeyId: s.AWS_ACCESS_KEY_ID,
            secretAccessKey: s.AWS_SECRET_ACCESS_KEY,
            ...(s.AWS_SESSION_TOKEN ? { sessionToken: s.AWS_SESSION_TOKEN } : {}),
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

/** CUBCANVAS_GPU_PRICES read with the cost model's own parser, its error becoming the setting's issue. */
const gpuPricesSetting = textSetting(DEFAULT_GPU_PRICES).transform((text, ctx) => {
  try {
    return parsePriceTable(text);
  } catch (err) {
    return refuse(ctx, err instanceof ConfigError ? err.message.replace(/^configuration CUBCANVAS_GPU_PRICES: /, '') : String(err));
  }
});

/** The settings of the core group (everything but Temporal's connection, S3, Kubernetes and the feature modules). */
const CORE_SCHEMA = z.object({
  CUBCANVAS_TASK_QUEUE: textSetting(DEFAULT_TASK_QUEUE).refine(...checked(/^[A-Za-z0-9._-]{1,100}$/, 'must be 1..100 letters, digits, ".", "_" or "-"')),
  CUBCANVAS_CURRENCY: textSetting(DEFAULT_CURRENCY).refine(...checked(/^[A-Z]{3}$/, 'is not a 3-letter currency code such as CNY or USD')),
  CUBCANVAS_WATERMARK_TEXT: textSetting('cubcanvas').refine((text) => [...text].length <= 60, 'is longer than 60 characters'),
  CUBCANVAS_STORAGE: enumSetting(STORAGE_KINDS, 'fs'),
  CUBCANVAS_BACKEND: enumSetting(BACKENDS, 'preview'),
  CUBCANVAS_GPU_PRICES: gpuPricesSetting,
  CUBCANVAS_GPU_TYPE: optionalTextSetting(),
  CUBCANVAS_DATA_DIR: textSetting('./.cubcanvas'),
  CUBCANVAS_COMFYUI_URL: httpUrlSchema('for S3 use AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY'),
  CUBCANVAS_COMFYUI_GRAPH: optionalTextSetting(),
  CUBCANVAS_COMFYUI_MODEL_PATHS: optionalTextSetting(),
  CUBCANVAS_COMFYUI_MODEL_HASH_CACHE: optionalTextSetting(),
  CUBCANVAS_WATERMARK_CORNER: enumSetting(CORNERS, 'bottom-right'),
  CUBCANVAS_WATERMARK_OPACITY: numberSetting(0.7, 0.05, 1, false),
  CUBCANVAS_PREVIEW_STEPS: numberSetting(8, 1, 200),
  CUBCANVAS_PREVIEW_STEP_MS: numberSetting(0, 0, 60_000),
  CUBCANVAS_UI_PORT: numberSetting(8233, 1, 65535),
  CUBCANVAS_MAX_CONCURRENT_ACTIVITIES: numberSetting(8, 1, 256),
  CUBCANVAS_RETENTION_DAYS: numberSetting(0, 0, 36_500),
  CUBCANVAS_RETENTION_INTERVAL_HOURS: numberSetting(24, 1, 8760),
});

/** Rules between settings of the core group: what a backend needs, a GPU type that has a price. */
function checkBackendNeeds(s: z.output<typeof CORE_SCHEMA>): void {
  const prices = s.CUBCANVAS_GPU_PRICES;
  const gpuType = s.CUBCANVAS_GPU_TYPE;
  if (gpuType && prices[gpuType] === undefined)
    throw new ConfigError('CUBCANVAS_GPU_TYPE', `"${gpuType}" has no price in CUBCANVAS_GPU_PRICES (${Object.keys(prices).join(', ')})`);
  if (s.CUBCANVAS_BACKEND === 'kubernetes') {
    // The pod uploads its outputs itself: a folder on the worker's disk is out of its reach.
    if (s.CUBCANVAS_STORAGE !== 's3')
      throw new ConfigError('CUBCANVAS_STORAGE', 'must be s3 when CUBCANVAS_BACKEND=kubernetes (the GPU pod uploads to the store itself)');
    if (!gpuType)
      throw new ConfigError(
        'CUBCANVAS_GPU_TYPE',
        `is required when CUBCANVAS_BACKEND=kubernetes (the GPU pool's type, one of ${Object.keys(prices)
          .filter((k) => k !== 'none')
          .join(', ')})`,
      );
  }
  if (s.CUBCANVAS_BACKEND === 'comfyui' && !s.CUBCANVAS_COMFYUI_URL)
    throw new ConfigError('CUBCANVAS_COMFYUI_URL', 'is required when CUBCANVAS_BACKEND=comfyui (e.g. http://127.0.0.1:8188)');
}

export function loadConfig(env: Env = process.env): Config {
  const temporal = loadTemporalConnection(env, (setting, message) => {
    throw new ConfigError(setting, message);
  });
  const address = temporal.address?.trim() || undefined;
  if (address !== undefined && !/^[A-Za-z0-9.\-[\]:]+:\d+$/.test(address)) {
    throw new ConfigError('TEMPORAL_ADDRESS', `"${address}" is not host:port`);
  }
  const s = parseSettings(CORE_SCHEMA, env);
  const kubernetes = loadKubernetesSettings(env, s.CUBCANVAS_BACKEND === 'kubernetes');
  checkBackendNeeds(s);
  return {
    temporalAddress: address,
    temporalSecurity: temporal.security,
    temporalSecurityDescription: temporal.description,
    namespace: temporal.namespace ?? 'default',
    taskQueue: s.CUBCANVAS_TASK_QUEUE,
    dataDir: resolve(s.CUBCANVAS_DATA_DIR),
    storage: s.CUBCANVAS_STORAGE,
    s3: s.CUBCANVAS_STORAGE === 's3' ? s3Settings(env) : undefined,
    k8sNamespace: kubernetes.namespace,
    kubernetes,
    worker: loadWorkerSettings(env),
    comfyuiUrl: s.CUBCANVAS_COMFYUI_URL,
    comfyuiGraph: s.CUBCANVAS_COMFYUI_GRAPH,
    comfyuiModelPaths: s.CUBCANVAS_COMFYUI_MODEL_PATHS,
    comfyuiModelHashCache: s.CUBCANVAS_COMFYUI_MODEL_HASH_CACHE,
    gpuType: s.CUBCANVAS_GPU_TYPE,
    backend: s.CUBCANVAS_BACKEND,
    gpuPrices: s.CUBCANVAS_GPU_PRICES,
    currency: s.CUBCANVAS_CURRENCY,
    watermark: { text: s.CUBCANVAS_WATERMARK_TEXT, corner: s.CUBCANVAS_WATERMARK_CORNER, opacity: s.CUBCANVAS_WATERMARK_OPACITY },
    contentCredentials: loadContentCredentialsSettings(env),
    preview: { steps: s.CUBCANVAS_PREVIEW_STEPS, stepMs: s.CUBCANVAS_PREVIEW_STEP_MS },
    uiPort: s.CUBCANVAS_UI_PORT,
    maxConcurrentActivities: s.CUBCANVAS_MAX_CONCURRENT_ACTIVITIES,
    retention: { days: s.CUBCANVAS_RETENTION_DAYS, intervalHours: s.CUBCANVAS_RETENTION_INTERVAL_HOURS },
    moderation: loadModerationSettings(env),
    tracing: loadTracingSettings(env),
    webhooks: loadWebhookSettings(env),
  };
}
