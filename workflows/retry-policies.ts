// Retry policies shared by the workflows' activity proxies.
import type { RetryPolicy } from '@temporalio/common';

/** CPU steps and control calls: a few quick tries. */
export const QUICK_RETRY: RetryPolicy = { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '10 seconds', maximumAttempts: 5 };

/** Steps that touch storage: ride out an outage of a few minutes. */
export const STORAGE_RETRY: RetryPolicy = { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 10 };
