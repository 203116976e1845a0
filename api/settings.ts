// Settings of the HTTP API (`cubcanvas serve`). Kept apart from config/settings.ts, whose table
// includes these rows (API_SETTINGS), so that the API's inputs read as one list.
import { ConfigError } from '../domain/errors';
import { num, optional, type Env, type SettingDoc } from '../config/parse';

export const API_SETTINGS: SettingDoc[] = [
  {
    name: 'CUBCANVAS_API_TOKENS',
    default: '(unset)',
    meaning:
      'Bearer tokens of `cubcanvas serve` as NAME=TOKEN pairs separated by commas; the name is recorded as the caller in provenance and cost ledger. Unset (and no tokens file): no auth, loopback only.',
  },
  {
    name: 'CUBCANVAS_API_TOKENS_FILE',
    default: '(unset)',
    meaning:
      "File of `NAME SHA256HEX` lines (the token's SHA-256, not the token; # comments); re-read when it changes, so a removed line stops working without a restart. Used instead of CUBCANVAS_API_TOKENS.",
  },
  {
    name: 'CUBCANVAS_API_RATE_PER_MINUTE',
    default: '60',
    meaning: 'Submissions (POST, DELETE) one token may make per minute; more get 429 with Retry-After. 0 = unlimited.',
  },
  {
    name: 'CUBCANVAS_API_DAILY_QUOTA',
    default: '1000',
    meaning: 'New image requests one token may start per UTC day (counted by this API process); more get 429 with Retry-After. 0 = unlimited.',
  },
  {
    name: 'CUBCANVAS_API_MAX_BACKLOG',
    default: '200',
    meaning: 'Running image requests (counted through visibility, cached 2 s) above which new submissions get 503 with Retry-After. 0 = no admission control.',
  },
  { name: 'CUBCANVAS_API_BODY_LIMIT_BYTES', default: '1048576', meaning: 'Largest request body (JSON or a CSV manifest) the API reads; larger ones get 413.' },
];

export interface ApiSettings {
  /** name → token, from CUBCANVAS_API_TOKENS. */
  tokens: Map<string, string> | undefined;
  tokensFile: string | undefined;
  ratePerMinute: number;
  dailyQuota: number;
  maxBacklog: number;
  bodyLimitBytes: number;
}

export const TOKEN_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function parseTokenPairs(text: string, setting = 'CUBCANVAS_API_TOKENS'): Map<string, string> {
  const tokens = new Map<string, string>();
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = part.indexOf('=');
    const name = part.slice(0, eq);
    const token = part.slice(eq + 1);
    // The message never repeats the token: it would land in logs.
    if (eq < 1 || !TOKEN_NAME_PATTERN.test(name))
      throw new ConfigError(setting, `an entry is not NAME=TOKEN with NAME of letters, digits, ".", "_" or "-" (entry ${tokens.size + 1})`);
    if (token.length < 16) throw new ConfigError(setting, `the token of "${name}" is shorter than 16 characters`);
    if (tokens.has(name)) throw new ConfigError(setting, `"${name}" is given twice`);
    tokens.set(name, token);
  }
  return tokens;
}

export function loadApiSettings(env: Env = process.env): ApiSettings {
  const pairs = optional(env, 'CUBCANVAS_API_TOKENS');
  const tokensFile = optional(env, 'CUBCANVAS_API_TOKENS_FILE');
  if (pairs && tokensFile) throw new ConfigError('CUBCANVAS_API_TOKENS_FILE', 'give either CUBCANVAS_API_TOKENS or CUBCANVAS_API_TOKENS_FILE, not both');
  return {
    tokens: pairs ? parseTokenPairs(pairs) : undefined,
    tokensFile,
    ratePerMinute: num(env, 'CUBCANVAS_API_RATE_PER_MINUTE', 60, 0, 1_000_000),
    dailyQuota: num(env, 'CUBCANVAS_API_DAILY_QUOTA', 1000, 0, 100_000_000),
    maxBacklog: num(env, 'CUBCANVAS_API_MAX_BACKLOG', 200, 0, 10_000_000),
    bodyLimitBytes: num(env, 'CUBCANVAS_API_BODY_LIMIT_BYTES', 1_048_576, 1024, 64 * 1024 * 1024),
  };
}
