// Bearer tokens: from CUBCANVAS_API_TOKENS (NAME=TOKEN pairs) or CUBCANVAS_API_TOKENS_FILE
// (NAME SHA256HEX lines, re-read when the file changes). Only SHA-256 digests are kept and compared,
// in constant time, so that neither a timing difference nor a memory dump gives a token away.
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { ConfigError } from '../domain/errors';
import { ApiProblem, ApiProblemType } from './problems';
import { TOKEN_NAME_PATTERN } from './settings';

interface Entry {
  name: string;
  digest: Buffer;
}

export const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** The caller a token belongs to, or undefined. Every entry is compared, so the time does not say which matched. */
function match(entries: readonly Entry[], token: string): string | undefined {
  const digest = sha256(token);
  let found: string | undefined;
  for (const e of entries) if (timingSafeEqual(e.digest, digest) && found === undefined) found = e.name;
  return found;
}

export function parseTokensFile(text: string, file: string): Entry[] {
  const entries: Entry[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) return;
    const m = /^(\S+)\s+([0-9a-fA-F]{64})$/.exec(line);
    if (!m || !TOKEN_NAME_PATTERN.test(m[1]!))
      throw new ConfigError('CUBCANVAS_API_TOKENS_FILE', `${file} line ${i + 1} is not "NAME SHA256HEX" (the SHA-256 of the token, 64 hex digits)`);
    entries.push({ name: m[1]!, digest: Buffer.from(m[2]!, 'hex') });
  });
  return entries;
}

export interface Authenticator {
  /** false: no tokens configured, every request is anonymous (serve then listens on loopback only). */
  readonly enabled: boolean;
  /** The caller's name; throws 401 ApiProblem for a missing or unknown token. */
  authenticate(authorization: string | undefined): string;
}

/** The caller name recorded for requests when no tokens are configured. */
export const ANONYMOUS = 'anonymous';

export function createAuthenticator(opts: { tokens?: Map<string, string>; tokensFile?: string }): Authenticator {
  if (opts.tokensFile) return new FileTokens(opts.tokensFile);
  if (opts.tokens && opts.tokens.size > 0) {
    const entries = [...opts.tokens].map(([name, token]) => ({ name, digest: sha256(token) }));
    return { enabled: true, authenticate: (header) => check(entries, header) };
  }
  return { enabled: false, authenticate: () => ANONYMOUS };
}

function check(entries: readonly Entry[], header: string | undefined): string {
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!m)
    throw new ApiProblem(401, ApiProblemType.Unauthorized, 'an Authorization: Bearer <token> header is required', {
      headers: { 'www-authenticate': 'Bearer realm="cubcanvas"' },
    });
  const name = match(entries, m[1]!);
  if (!name)
    throw new ApiProblem(401, ApiProblemType.Unauthorized, 'the bearer token is not valid (unknown or revoked)', {
      headers: { 'www-authenticate': 'Bearer realm="cubcanvas", error="invalid_token"' },
    });
  return name;
}

/**
 * The tokens file, re-read whenever its modification time, size or inode changes (an editor's
 * rename-over counts). A stat per request costs microseconds; a revoked token stops at once.
 * A file that became unreadable or malformed keeps nobody in: every request is refused until fixed.
 */
class FileTokens implements Authenticator {
  readonly enabled = true;
  private entries: Entry[] = [];
  private signature = '';
  private broken: string | undefined;

  constructor(private readonly file: string) {
    this.reload();
    // At start a bad file is a configuration error: serve refuses to start.
    if (this.broken) throw new ConfigError('CUBCANVAS_API_TOKENS_FILE', this.broken);
  }

  private reload(): void {
    try {
      const s = statSync(this.file);
      const signature = `${s.mtimeMs}:${s.size}:${s.ino}`;
      if (signature === this.signature) return;
      this.entries = parseTokensFile(readFileSync(this.file, 'utf8'), this.file);
      this.signature = signature;
      this.broken = undefined;
    } catch (err) {
      this.entries = [];
      this.signature = '';
      this.broken = err instanceof Error ? err.message : String(err);
    }
  }

  authenticate(header: string | undefined): string {
    this.reload();
    return check(this.entries, header);
  }
}
