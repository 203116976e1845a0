// The readers every settings module shares: one message format for a bad value, naming the variable.
import { ConfigError } from '../domain/errors';

export type Env = Record<string, string | undefined>;

/** One row of the README's settings table. */
export interface SettingDoc {
  name: string;
  default: string;
  meaning: string;
}

export function str(env: Env, name: string, fallback: string): string {
  const v = env[name];
  return v === undefined || v.trim() === '' ? fallback : v.trim();
}

/** The trimmed value, or undefined when unset or blank. */
/** true/1/yes or false/0/no, any case. */
export function bool(env: Env, name: string, fallback: boolean): boolean {
  const v = str(env, name, String(fallback)).toLowerCase();
  if (['true', '1', 'yes'].includes(v)) return true;
  if (['false', '0', 'no'].includes(v)) return false;
  throw new ConfigError(name, `"${v}" is not true or false`);
}

export function optional(env: Env, name: string): string | undefined {
  return str(env, name, '') || undefined;
}

export function num(env: Env, name: string, fallback: number, min: number, max: number, integer = true): number {
  const raw = str(env, name, String(fallback));
  const v = Number(raw);
  if (!Number.isFinite(v) || (integer && !Number.isInteger(v)) || v < min || v > max) {
    throw new ConfigError(name, `"${raw}" is not ${integer ? 'an integer' : 'a number'} in ${min}..${max}`);
  }
  return v;
}

/**
 * Names whose values are secrets: AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, secretAccessKey,
 * sessionToken, any *_TOKEN / *_PASSWORD / *_API_KEY, a private key given inline (TEMPORAL_TLS_CLIENT_KEY_DATA). Compared without case or underscores so that
 * one rule covers environment variables and the resolved config's fields. Names of Kubernetes
 * Secrets (CUBCANVAS_K8S_STORAGE_SECRET, imagePullSecret) are not secrets and do not match.
 */
const SECRET_NAME_ENDINGS = ['secretaccesskey', 'secretkey', 'token', 'tokens', 'password', 'passwd', 'apikey', 'privatekey', 'keydata', 'webhooksecret'];

export function isSecretName(name: string): boolean {
  const flat = name.replace(/[_-]/g, '').toLowerCase();
  return SECRET_NAME_ENDINGS.some((end) => flat.endsWith(end));
}

/**
 * What output and logs show of a secret: "****" and, for a long one, its last 4 characters (enough
 * to tell two keys apart, too few to help guess a 12+ character secret).
 */
export function maskSecret(value: string): string {
  return value.length >= 12 ? `****${value.slice(-4)}` : '****';
}

/** A URL's password (http://user:PASSWORD@host) replaced by "****"; other text unchanged. */
export function maskUrlPassword(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^/?#@:\s]*:)[^/?#@\s]*@/gi, '$1****@');
}

/** A copy of a settings value (or the resolved config) fit for output: secrets masked by name, URL passwords hidden. */
export function redactSecrets(value: unknown, name = ''): unknown {
  if (typeof value === 'string') return isSecretName(name) ? maskSecret(value) : maskUrlPassword(value);
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactSecrets(v, k)]));
  return value;
}

/**
 * An http(s) URL setting, or undefined when unset. A URL with user:password@ is refused: it would be
 * printed wherever the URL is (descriptions, worker and doctor lines), and fetch refuses it anyway;
 * `whereCredentialsGo` says where they belong instead.
 */
export function httpUrlSetting(env: Env, name: string, whereCredentialsGo: string): URL | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol)) throw new ConfigError(name, `"${maskUrlPassword(raw)}" is not an http(s) URL`);
  if (url.username || url.password)
    throw new ConfigError(name, `"${maskUrlPassword(raw)}" holds credentials (user:password@), which are not supported (${whereCredentialsGo})`);
  return url;
}
