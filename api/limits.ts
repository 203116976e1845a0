// Per-caller limits of the API: submissions per minute (sliding window) and new images per UTC day.
// In this process's memory: several API replicas each apply them (document the deployment's total).
import { ApiProblem, ApiProblemType } from './problems';

const MINUTE_MS = 60_000;

export class RateLimiter {
  private readonly recent = new Map<string, number[]>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one submission, or throws 429 with the seconds until the oldest in the window leaves it. */
  take(caller: string): void {
    if (this.perMinute <= 0) return;
    const now = this.now();
    const times = (this.recent.get(caller) ?? []).filter((t) => t > now - MINUTE_MS);
    if (times.length >= this.perMinute) {
      this.recent.set(caller, times);
      const retryAfter = Math.max(1, Math.ceil((times[0]! + MINUTE_MS - now) / 1000));
      throw new ApiProblem(
        429,
        ApiProblemType.RateLimited,
        `${caller} has made ${this.perMinute} submissions in the last minute, the limit (CUBCANVAS_API_RATE_PER_MINUTE)`,
        { headers: { 'retry-after': String(retryAfter) } },
      );
    }
    times.push(now);
    this.recent.set(caller, times);
  }
}

export class DailyQuota {
  private day = '';
  private readonly used = new Map<string, number>();

  constructor(
    private readonly perDay: number,
    private readonly now: () => number = Date.now,
  ) {}

  private today(): string {
    const day = new Date(this.now()).toISOString().slice(0, 10);
    if (day !== this.day) {
      this.day = day;
      this.used.clear();
    }
    return day;
  }

  /** Throws 429 (Retry-After: seconds to the next UTC midnight) when the caller has used the day's quota. */
  check(caller: string): void {
    if (this.perDay <= 0) return;
    const day = this.today();
    if ((this.used.get(caller) ?? 0) < this.perDay) return;
    const retryAfter = Math.max(1, Math.ceil((Date.parse(`${day}T00:00:00Z`) + 86_400_000 - this.now()) / 1000));
    throw new ApiProblem(
      429,
      ApiProblemType.QuotaExceeded,
      `${caller} has started ${this.perDay} images today (UTC), the daily quota (CUBCANVAS_API_DAILY_QUOTA)`,
      { headers: { 'retry-after': String(retryAfter) } },
    );
  }

  /** Counts a request that was really started (an idempotent repeat is not counted). */
  count(caller: string): void {
    this.today();
    this.used.set(caller, (this.used.get(caller) ?? 0) + 1);
  }
}
