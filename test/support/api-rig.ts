// The HTTP API in-process on port 0 over a real pipeline (worker on the shared dev server), and a
// tiny fetch wrapper that speaks JSON and bearer tokens.
import type { FastifyInstance } from 'fastify';
import { buildApi, type BuildApiOptions } from '../../api/server';
import { loadApiSettings, type ApiSettings } from '../../api/settings';
import type { CubcanvasClient } from '../../client/cubcanvas-client';
import type { BlobStore } from '../../storage/blob-store';

export interface ApiRig {
  app: FastifyInstance;
  url: string;
  /** `body` is parsed JSON (any: each test reads the fields it checks), PNG bytes or text. */
  call(
    method: string,
    path: string,
    opts?: { token?: string; json?: unknown; body?: string | Buffer; headers?: Record<string, string> },
  ): Promise<{ status: number; headers: Headers; body: any; raw: Response }>;
  close(): Promise<void>;
}

export async function startApi(
  opts: { client: CubcanvasClient; store: BlobStore; settings?: Partial<ApiSettings>; env?: Record<string, string> } & Partial<
    Omit<BuildApiOptions, 'settings'>
  >,
): Promise<ApiRig> {
  const settings = { ...loadApiSettings(opts.env ?? {}), ...opts.settings };
  const { app } = buildApi({ contentDelivery: 'stream', eventsPollMs: 150, ...opts, settings });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  const url = `http://127.0.0.1:${address.port}`;
  return {
    app,
    url,
    async call(method, path, o = {}) {
      const headers: Record<string, string> = { ...o.headers };
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      let body: string | Buffer | undefined = o.body;
      if (o.json !== undefined) {
        body = JSON.stringify(o.json);
        headers['content-type'] ??= 'application/json';
      }
      const raw = await fetch(`${url}${path}`, { method, headers, body, redirect: 'manual' });
      const type = raw.headers.get('content-type') ?? '';
      const parsed = /json/.test(type) ? await raw.json() : /^image\//.test(type) ? Buffer.from(await raw.arrayBuffer()) : await raw.text();
      return { status: raw.status, headers: raw.headers, body: parsed, raw };
    },
    close: () => app.close(),
  };
}
