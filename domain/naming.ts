// Deterministic names shared by client, worker and workflows. The task-queue name carries a
// version so that an incompatible workflow change can be rolled out on a new queue.

export const DEFAULT_TASK_QUEUE = 'cubcanvas-v1';

/** One workflow per request id: Temporal's id uniqueness is what makes start() idempotent. */
export function imageWorkflowId(requestId: string): string {
  return `image-${requestId}`;
}

/**
 * One render workflow per cache key per task queue: concurrent identical requests attach to it
 * instead of renting a second GPU. Scoped by task queue because each deployment (task queue)
 * has its own store, so a render finished by one deployment is useless to another.
 */
export function renderWorkflowId(taskQueue: string, cacheKey: string): string {
  return `render-${taskQueue}-${cacheKey}`;
}
