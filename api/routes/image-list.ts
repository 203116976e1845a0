// GET /v1/images?limit=N: the caller's most recent image requests, for the web page's gallery.
// One visibility query on the CubcanvasCaller search attribute (the memo cannot be filtered on);
// no describe or query per item, so a page of 50 costs one call to Temporal.
import type { WorkflowExecutionInfo } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { InvalidRequestError } from '../../domain/errors';
import { imageWorkflowId } from '../../domain/naming';
import { SA_CALLER, SA_OUTCOME } from '../../domain/search-attributes';
import type { ApiContext } from '../context';
import type { ImageState } from '../request-status';
import { callTemporal } from '../temporal-calls';
import { imageLinks } from './images';

export const LIST_LIMIT_DEFAULT = 12;
export const LIST_LIMIT_MAX = 50;

export interface ImageListItem {
  requestId: string;
  status: ImageState;
  /** When the request (its latest run) started, ISO 8601. */
  createdAt: string;
  finishedAt?: string;
  links: ReturnType<typeof imageLinks>;
}

export function parseListLimit(raw: unknown): number {
  if (raw === undefined || raw === '') return LIST_LIMIT_DEFAULT;
  const text = Array.isArray(raw) ? String(raw[0]) : String(raw);
  const n = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > LIST_LIMIT_MAX)
    throw new InvalidRequestError([`limit must be an integer in 1..${LIST_LIMIT_MAX}, got ${JSON.stringify(text)}`]);
  return n;
}

const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * A visibility query for one caller's requests on this API's task queue (a namespace may hold
 * several deployments). Caller names are token names (letters, digits, . _ -), quoted all the same.
 */
export function callerQuery(caller: string, taskQueue: string): string {
  return `WorkflowType = 'generateImage' AND TaskQueue = ${quote(taskQueue)} AND ${SA_CALLER.name} = ${quote(caller)}`;
}

const IMAGE_ID_PREFIX = imageWorkflowId('');

function stateOf(info: WorkflowExecutionInfo): ImageState {
  switch (info.status.name) {
    case 'RUNNING':
    case 'CONTINUED_AS_NEW':
      return 'running';
    case 'COMPLETED':
      // A rejected prompt completes the workflow; its outcome attribute tells the two apart.
      return info.typedSearchAttributes.get(SA_OUTCOME) === 'rejected' ? 'rejected' : 'completed';
    case 'CANCELLED':
      return 'cancelled';
    default:
      return 'failed';
  }
}

export function imageListRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get<{ Querystring: { limit?: string } }>('/v1/images', async (req) => {
    const limit = parseListLimit(req.query.limit);
    const items = await callTemporal(ctx.temporal, async () => {
      const seen = new Map<string, ImageListItem>();
      // SQL visibility (the dev server, PostgreSQL, MySQL) cannot ORDER BY: it answers running
      // requests first, then by close time, newest first. Retried ids have a run per attempt:
      // the first one seen is the latest, so older runs of the same id are skipped.
      for await (const info of ctx.temporal.workflow.list({ query: callerQuery(req.caller, ctx.client.taskQueue), pageSize: limit })) {
        if (!info.workflowId.startsWith(IMAGE_ID_PREFIX) || seen.has(info.workflowId)) continue;
        const requestId = info.workflowId.slice(IMAGE_ID_PREFIX.length);
        seen.set(info.workflowId, {
          requestId,
          status: stateOf(info),
          createdAt: info.startTime.toISOString(),
          ...(info.closeTime ? { finishedAt: info.closeTime.toISOString() } : {}),
          links: imageLinks(requestId),
        });
        if (seen.size >= limit) break;
      }
      return [...seen.values()];
    });
    items.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return { items, limit };
  });
}
