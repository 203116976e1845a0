import { ApplicationFailure } from '@temporalio/common';

/**
 * The first ApplicationFailure in an error's cause chain: what actually went wrong, under the
 * WorkflowFailedError / ActivityFailure wrappers Temporal adds at each hop.
 */
export function firstApplicationFailure(err: unknown): ApplicationFailure | undefined {
  for (let c: unknown = err; c instanceof Error; c = c.cause) if (c instanceof ApplicationFailure) return c;
  return undefined;
}
