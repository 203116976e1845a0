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
