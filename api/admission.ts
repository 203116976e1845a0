// Admission control: when more image requests are running than the backlog allows, new ones are
// turned away with 503 and Retry-After instead of queueing behind minutes of GPU work. The count
// comes from visibility (one CountWorkflowExecutions call), cached so a burst of submissions costs
// one call per couple of seconds, not one each.
import type { Client } from '@temporalio/client';
import { ApiProblem, ApiProblemType } from './problems';

export const BACKLOG_CACHE_MS = 2_000;

export class BacklogGate {
  private cached: { at: number; count: Promise<number> } | undefined;

  constructor(
    private readonly temporal: Client,
    private readonly taskQueue: string,
    private readonly maxBacklog: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Running image requests on this task queue (visibility is eventually consistent: a second or so behind). */
  running(): Promise<number> {
    const now = this.now();
    if (!this.cached || now - this.cached.at > BACKLOG_CACHE_MS) {
      const count = this.temporal.workflow
        .count(`WorkflowType = 'generateImage' AND ExecutionStatus = 'Running' AND TaskQueue = '${this.taskQueue}'`)
        .then((r) => r.count);
      // A failed count is not cached: the next submission asks again.
      count.catch(() => (this.cached = undefined));
      this.cached = { at: now, count };
    }
    return this.cached.count;
  }

  async admit(): Promise<void> {
    if (this.maxBacklog <= 0) return;
    const running = await this.running();
    if (running >= this.maxBacklog) {
      throw new ApiProblem(
        503,
        ApiProblemType.Overloaded,
        `${running} image requests are running, the backlog limit is ${this.maxBacklog} (CUBCANVAS_API_MAX_BACKLOG); try again later`,
        {
          headers: { 'retry-after': String(Math.ceil(BACKLOG_CACHE_MS / 1000) + 3) },
        },
      );
    }
  }
}
