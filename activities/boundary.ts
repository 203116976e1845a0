// The error boundary of every activity: typed domain errors become ApplicationFailures whose
// type the workflow can branch on and whose retryability Temporal honours.
import { ApplicationFailure } from '@temporalio/common';
import { CubcanvasError } from '../domain/errors';

export function toFailure(err: unknown): unknown {
  if (err instanceof CubcanvasError) {
    return ApplicationFailure.create({
      message: err.message,
      type: err.type,
      nonRetryable: !err.retryable,
      details: err.details === undefined ? [] : [err.details],
      cause: err,
    });
  }
  return err;
}

/** Wraps each function of an activities object with the boundary. */
export function withBoundary<T extends Record<string, (...args: never[]) => Promise<unknown>>>(activities: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(activities)) {
    wrapped[name] = async (...args: never[]) => {
      try {
        return await fn(...args);
      } catch (err) {
        throw toFailure(err);
      }
    };
    Object.defineProperty(wrapped[name], 'name', { value: name });
  }
  return wrapped as T;
}
