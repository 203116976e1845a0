// Retry policies and activity options shared by the workflows' activity proxies.
import { ActivityCancellationType, type ActivityOptions } from '@temporalio/workflow';
import type { RetryPolicy } from '@temporalio/common';
import { ErrorType } from '../domain/errors';

/** CPU steps and control calls: a few quick tries. */
export const QUICK_RETRY: RetryPolicy = { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '10 seconds', maximumAttempts: 5 };

/** Steps that touch storage: ride out an outage of ten minutes (25 tries, up to 30 s apart: ~11 min). */
export const STORAGE_RETRY: RetryPolicy = { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 25 };

/**
 * Activities that run GPU work (one render, a group of renders). The heartbeat timeout, not the
 * start-to-close, notices a dead worker; the start-to-close only has to outlast the longest GPU
 * work (CUBCANVAS_K8S_DEADLINE_SECONDS, 30 min by default, plus waiting for a node).
 */
export const GPU_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '2 hours',
  // A GPU backend reports at least every few seconds; silence this long means the worker died.
  heartbeatTimeout: '10 seconds',
  // A stopped render reports the GPU time it used; waiting for that report is what lets it be charged.
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '30 seconds',
    maximumAttempts: 5,
    nonRetryableErrorTypes: [ErrorType.RenderFailed, ErrorType.RenderTimedOut, ErrorType.InvalidRequest],
  },
};
