// The readers every settings module shares: one message format for a bad value, naming the variable.
import { boolSetting, numberSetting, oneOfSetting, optionalTextSetting, parseSetting, refuse, textSetting, unsetWhenBlank, type Env } from './env-schema';
import { z } from 'zod';

export type { Env } from './env-schema';

/** One row of the README's settings table. */
export interface SettingDoc {
  name: string;
  default: string;
  meaning: string;
}

// Single-setting readers for the settings modules outside config/ (api, moderation, webhooks, …):
// each is the zod schema of env-schema.ts applied to one variable.

/** The trimmed value, or `fallback` when unset or blank. */
export function str(env: Env, name: string, fallback: string): string {
  return parseSetting(env, name, textSetting(fallback));
}

/** true/1/yes or false/0/no, any case. */
export function bool(env: Env, name: string, fallback: boolean): boolean {
  return parseSetting(env, name, boolSetting(fallback));
}

/** The trimmed value, or undefined when unset or blank. */
export function optional(env: Env, name: string): string | undefined {
  return parseSetting(env, name, optionalTextSetting());
}

/** One of `allowed` in any case, returned as `allowed` spells it; `fallback` when unset or blank. */
export function oneOf<const T extends readonly [string, ...string[]]>(env: Env, name: string, allowed: T, fallback: T[number]): T[number];
export function oneOf<const T extends readonly [string, ...string[]]>(env: Env, name: string, allowed: T): T[number] | undefined;
export function oneOf<const T extends readonly [string, ...string[]]>(env: Env, name: string, allowed: T, fallback?: T[number]): T[number] | undefined {
  return parseSetting(env, name, oneOfSetting(allowed, fallback));
}

export function num(env: Env, name: string, fallback: number, min: number, max: number, integer = true): number {
  return parseSetting(env, name, numberSetting(fallback, min, max, integer));
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
 * `whereCredentialsGo` says where they belong instead. The value keeps its text (trimmed).
 */
export function httpUrlSchema(whereCredentialsGo: string) {
  return unsetWhenBlank(
    z
      .string()
      .transform((raw, ctx) => {
        let url: URL | undefined;
        try {
          url = new URL(raw);
        } catch {
          url = undefined;
        }
        if (!url || !['http:', 'https:'].includes(url.protocol)) return refuse(ctx, `"${maskUrlPassword(raw)}" is not an http(s) URL`);
        if (url.username || url.password)
          return refuse(ctx, `"${maskUrlPassword(raw)}" holds credentials (user:password@), which are not supported (${whereCredentialsGo})`);
        return raw;
      })
      .optional(),
  );
}

/** httpUrlSchema for one variable, parsed into a URL. */
export function httpUrlSetting(env: Env, name: string, whereCredentialsGo: string): URL | undefined {
  const raw = parseSetting(env, name, httpUrlSchema(whereCredentialsGo));
  return raw === undefined ? undefined : new URL(raw);
}
