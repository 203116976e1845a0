// Settings of webhooks: who may be called back, the signing secret, the retry schedule. Spread into
// config/settings.ts's SETTINGS and Config (as api/settings.ts is); the allow-list alone is read by
// the client, which refuses a callback target before a request starts.
import { ConfigError } from '../domain/errors';
import { num, optional, type Env, type SettingDoc } from '../config/parse';
import { parseAllowList, type AllowRule } from './allow-list';
import { ALLOWED_HOSTS_SETTING } from './target';

export const WEBHOOK_SETTINGS: SettingDoc[] = [
  {
    name: ALLOWED_HOSTS_SETTING,
    default: '(empty: webhooks refused)',
    meaning:
      'Hosts a callbackUrl may name, separated by commas: host names, IP addresses or *.suffix (any name below suffix). Mark an entry +http to allow plain http, +private to let it resolve to loopback, link-local or private addresses (otherwise refused at delivery), e.g. hooks.example.com,*.partner.cn,receiver.internal+http+private. Empty: a request with a callbackUrl gets 400.',
  },
  {
    name: 'CUBCANVAS_WEBHOOK_SECRET',
    default: '(required with the hosts)',
    meaning:
      'Signing secret in the Standard Webhooks format: whsec_ followed by base64 of 24..64 random bytes (e.g. `echo whsec_$(openssl rand -base64 32)`). Receivers verify with the same value.',
  },
  {
    name: 'CUBCANVAS_WEBHOOK_TIMEOUT_MS',
    default: '15000',
    meaning: 'Time one delivery attempt may take (connect, send, answer), 100..60000; a timeout is retried.',
  },
  {
    name: 'CUBCANVAS_WEBHOOK_RETRY_INITIAL_MS',
    default: '5000',
    meaning:
      'Wait before the first retry of a failed delivery; each next wait doubles, up to CUBCANVAS_WEBHOOK_RETRY_MAX_INTERVAL_MS (a Retry-After from the receiver is honoured up to that too).',
  },
  { name: 'CUBCANVAS_WEBHOOK_RETRY_MAX_INTERVAL_MS', default: '600000', meaning: 'Longest wait between two delivery attempts (10 min).' },
  { name: 'CUBCANVAS_WEBHOOK_RETRY_FOR_SECONDS', default: '86400', meaning: 'How long a delivery is retried before it is given up (24 h).' },
  {
    name: 'CUBCANVAS_WEBHOOK_MAX_ATTEMPTS',
    default: '0',
    meaning: 'Attempts per event at most; 0 = as many as fit in CUBCANVAS_WEBHOOK_RETRY_FOR_SECONDS (about 150 with the defaults).',
  },
  {
    name: 'CUBCANVAS_WEBHOOK_PROGRESS_INTERVAL_MS',
    default: '2000',
    meaning: 'Least time between two image.progress events of one request (sent only when the request asked for them; best effort, not retried).',
  },
];

export interface WebhookRetrySettings {
  initialIntervalMs: number;
  maximumIntervalMs: number;
  /** 0 = unlimited within retryForSeconds (Temporal's meaning of 0). */
  maximumAttempts: number;
  retryForSeconds: number;
}

export interface WebhookSettings {
  allowList: AllowRule[];
  /** whsec_…; the field name ends in "secretKey", so the resolved config printed by `cubcanvas config` masks it. */
  signingSecretKey: string;
  timeoutMs: number;
  retry: WebhookRetrySettings;
  progressIntervalMs: number;
}

/** The allow-list alone (what a client needs to refuse a target); [] when unset. */
export function loadWebhookAllowList(env: Env): AllowRule[] {
  try {
    return parseAllowList(optional(env, ALLOWED_HOSTS_SETTING) ?? '');
  } catch (err) {
    throw new ConfigError(ALLOWED_HOSTS_SETTING, (err as Error).message);
  }
}

/**
 * Checks the Standard Webhooks secret format. The standardwebhooks libraries strip "whsec_" and
 * base64-decode the rest; the spec asks for 24..64 random bytes (HMAC-SHA256 gains nothing beyond 64).
 */
function signingSecret(env: Env): string {
  const name = 'CUBCANVAS_WEBHOOK_SECRET';
  const secret = optional(env, name);
  // The messages never repeat the value: they land in logs.
  if (!secret)
    throw new ConfigError(
      name,
      `is required when ${ALLOWED_HOSTS_SETTING} is set (whsec_ + base64 of 24..64 random bytes, e.g. echo whsec_$(openssl rand -base64 32))`,
    );
  if (!secret.startsWith('whsec_')) throw new ConfigError(name, 'must start with "whsec_" (the Standard Webhooks format: whsec_ + base64)');
  const body = secret.slice('whsec_'.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body) || body.length % 4 !== 0)
    throw new ConfigError(name, 'is not whsec_ followed by standard base64 (A-Z a-z 0-9 + /, padded with =)');
  const bytes = Buffer.from(body, 'base64').length;
  if (bytes < 24 || bytes > 64) throw new ConfigError(name, `decodes to ${bytes} bytes; the Standard Webhooks spec asks for 24..64`);
  return secret;
}

/** undefined when no host is allowed: webhooks are off and every callbackUrl is refused. */
export function loadWebhookSettings(env: Env): WebhookSettings | undefined {
  const allowList = loadWebhookAllowList(env);
  if (allowList.length === 0) {
    if (optional(env, 'CUBCANVAS_WEBHOOK_SECRET'))
      throw new ConfigError('CUBCANVAS_WEBHOOK_SECRET', `is set but ${ALLOWED_HOSTS_SETTING} is empty, so no webhook would ever be sent`);
    return undefined;
  }
  const initialIntervalMs = num(env, 'CUBCANVAS_WEBHOOK_RETRY_INITIAL_MS', 5000, 100, 3_600_000);
  const maximumIntervalMs = num(env, 'CUBCANVAS_WEBHOOK_RETRY_MAX_INTERVAL_MS', 600_000, 100, 86_400_000);
  if (maximumIntervalMs < initialIntervalMs)
    throw new ConfigError(
      'CUBCANVAS_WEBHOOK_RETRY_MAX_INTERVAL_MS',
      `(${maximumIntervalMs}) is shorter than CUBCANVAS_WEBHOOK_RETRY_INITIAL_MS (${initialIntervalMs})`,
    );
  return {
    allowList,
    signingSecretKey: signingSecret(env),
    timeoutMs: num(env, 'CUBCANVAS_WEBHOOK_TIMEOUT_MS', 15_000, 100, 60_000),
    retry: {
      initialIntervalMs,
      maximumIntervalMs,
      maximumAttempts: num(env, 'CUBCANVAS_WEBHOOK_MAX_ATTEMPTS', 0, 0, 100_000),
      retryForSeconds: num(env, 'CUBCANVAS_WEBHOOK_RETRY_FOR_SECONDS', 86_400, 1, 30 * 86_400),
    },
    progressIntervalMs: num(env, 'CUBCANVAS_WEBHOOK_PROGRESS_INTERVAL_MS', 2000, 100, 3_600_000),
  };
}
