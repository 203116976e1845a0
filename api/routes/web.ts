// The web page at / and its files under /web/: a fixed list, read once when the API is built, so
// no request path ever reaches the filesystem (no traversal, no directory listing). The page is
// public, like /docs; the API calls it makes carry the visitor's token.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';

export const WEB_DIR = join(__dirname, '..', '..', 'web');

/** URL path → file in web/ and its content type. Adding a file to the page means adding it here. */
const WEB_FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/web/style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
  '/web/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/web/api.js': { file: 'api.js', type: 'text/javascript; charset=utf-8' },
  '/web/events.js': { file: 'events.js', type: 'text/javascript; charset=utf-8' },
  '/web/messages.js': { file: 'messages.js', type: 'text/javascript; charset=utf-8' },
  '/web/icon.svg': { file: 'icon.svg', type: 'image/svg+xml' },
};

/** The paths open without a token (the auth hook checks this set). */
export const WEB_PATHS: ReadonlySet<string> = new Set(Object.keys(WEB_FILES));

/**
 * Only this origin's scripts, styles and API; pictures may also come from a presigned S3 URL (any
 * origin) or a blob: URL (the picture fetched with the token). No framing, no inline script.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data: https: http:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

interface WebFile {
  body: Buffer;
  type: string;
  etag: string;
}

function loadWebFiles(dir: string): Map<string, WebFile> {
  const files = new Map<string, WebFile>();
  for (const [path, { file, type }] of Object.entries(WEB_FILES)) {
    const body = readFileSync(join(dir, file));
    files.set(path, { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` });
  }
  return files;
}

export function webRoutes(app: FastifyInstance, dir = WEB_DIR): void {
  const files = loadWebFiles(dir);
  for (const [path, file] of files) {
    app.get(path, async (req, reply) => {
      // No build step, so no hashed file names: a browser revalidates every time (a 304 costs one
      // round trip of headers) rather than running an old app.js against a new index.html.
      void reply
        .header('cache-control', 'no-cache')
        .header('etag', file.etag)
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'no-referrer');
      if (file.type.startsWith('text/html')) void reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
      const match = req.headers['if-none-match'];
      if (match !== undefined && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === file.etag)) return reply.code(304).send();
      return reply.type(file.type).send(file.body);
    });
  }
}
