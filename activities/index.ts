// The activities factory: the worker (or a test) hands in the dependencies once.
import { batchActivities } from './batch';
import { withBoundary } from './boundary';
import { cacheActivities } from './cache';
import type { ActivityDeps } from './deps';
import { finishActivities } from './finish';
import { purgeActivities } from './purge';
import { renderActivities } from './render';
import { renderGroupActivities } from './render-group';
import { screenActivities } from './screen';
import { sweepActivities } from './sweep';
import { validateActivities } from './validate';
import { webhookActivities } from './webhooks';

export function createActivities(deps: ActivityDeps) {
  return withBoundary({
    ...screenActivities(deps),
    ...cacheActivities(deps),
    ...renderActivities(deps),
    ...renderGroupActivities(deps),
    ...validateActivities(deps),
    ...finishActivities(deps),
    ...sweepActivities(deps),
    ...batchActivities(deps),
    ...webhookActivities(deps),
    ...purgeActivities(deps),
  });
}

export type Activities = ReturnType<typeof createActivities>;
export type { ActivityDeps } from './deps';
