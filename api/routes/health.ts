// /healthz: the process answers. /readyz: Temporal and the store answer too (a load balancer sends
// traffic only to an API that can start requests and hand out pictures).
import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../context';

const READY_TIMEOUT_MS = 3_000;

async function probe(run: () => Promise<unknown>): Promise<{ ok: boolean; detail?: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      run(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS))),
    ]);
    return { ok: true };
  } catch (err) {
    return { ok: false, detail: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get('/healthz', async () => ({ ok: true }));
  app.get('/readyz', async (_req, reply) => {
    const [temporal, storage] = await Promise.all([
      probe(() => ctx.temporal.withDeadline(Date.now() + READY_TIMEOUT_MS, () => ctx.temporal.workflowService.getSystemInfo({}))),
      // A listing of a prefix that holds nothing reads the store without writing to it.
      probe(() => ctx.store.list('readyz-probe/')),
    ]);
    const ok = temporal.ok && storage.ok;
    return reply.code(ok ? 200 : 503).send({ ok, temporal, storage });
  });
}
