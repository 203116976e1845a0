// What every route needs, built once by buildApi and handed to the route modules.
import type { Client } from '@temporalio/client';
import type { BatchClient } from '../client/batch-client';
import type { CubcanvasClient } from '../client/cubcanvas-client';
import type { BlobStore } from '../storage/blob-store';
import type { BacklogGate } from './admission';
import type { Authenticator } from './auth';
import type { DailyQuota, RateLimiter } from './limits';
import type { RequestStatusReader } from './request-status';

/**
 * How GET /v1/images/{id}/content answers: `stream` sends the PNG from the store through the API
 * (filesystem store: there is no other way to reach it); `redirect` sends 302 to a presigned URL
 * (S3: the bytes go straight from the bucket to the caller, not through the API process).
 */
export type ContentDelivery = 'stream' | 'redirect';

export interface ApiContext {
  client: CubcanvasClient;
  temporal: Client;
  batches: BatchClient;
  store: BlobStore;
  auth: Authenticator;
  rate: RateLimiter;
  quota: DailyQuota;
  backlog: BacklogGate;
  statuses: RequestStatusReader;
  contentDelivery: ContentDelivery;
  /** Server-side poll interval of the progress query for /events. */
  eventsPollMs: number;
  /** Interval of ": heartbeat" comments on /events, so proxies keep the stream open. */
  eventsHeartbeatMs: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated token's name (ANONYMOUS when no tokens are configured); set by the auth hook. */
    caller: string;
  }
}
