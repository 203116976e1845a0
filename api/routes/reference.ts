// /openapi.json and /docs: the API's own description, open without a token.
import type { FastifyInstance } from 'fastify';
import { DOCS_PAGE } from '../docs-page';
import { openApiDocument } from '../openapi';

export function referenceRoutes(app: FastifyInstance): void {
  app.get('/openapi.json', async () => openApiDocument());
  app.get('/docs', async (_req, reply) => reply.type('text/html; charset=utf-8').send(DOCS_PAGE));
}
