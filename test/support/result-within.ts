// Waiting for a workflow's result in a test with a bound that, when it passes, says where the
// workflow stands: its open activities and children, and every other open workflow the test names.
// A bare result() that never settles only shows up as the test's own timeout, with nothing to go on.
import type { Client, WorkflowHandle } from '@temporalio/client';

/** One line per open activity and child of `workflowId`. */
async function whereItStands(temporal: Client, workflowId: string): Promise<string> {
  const d = await temporal.workflow.getHandle(workflowId).describe();
  const activities = (d.raw.pendingActivities ?? []).map(
    (a) =>
      `  activity ${a.activityType?.name} (attempt ${a.attempt}, state ${a.state}${a.lastFailure?.message ? `, last failure: ${a.lastFailure.message}` : ''})`,
  );
  const children = (d.raw.pendingChildren ?? []).map((c) => `  child ${c.workflowTypeName} ${c.workflowId}`);
  // A workflow whose tasks fail (an unhandled rejection, a non-determinism) looks merely RUNNING.
  const events = (await temporal.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  const taskFailure = [...events].reverse().find((e) => e.workflowTaskFailedEventAttributes)?.workflowTaskFailedEventAttributes?.failure?.message;
  const failing = d.status.name === 'RUNNING' && taskFailure ? [`  workflow task failed: ${taskFailure}`] : [];
  return [`${workflowId}: ${d.status.name}`, ...failing, ...activities, ...children].join('\n');
}

/**
 * The workflow's result, or after `ms` an error describing it and every open workflow `openQuery`
 * (a visibility query) finds.
 */
export async function resultWithin<T>(temporal: Client, handle: WorkflowHandle, ms: number, openQuery?: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const stalled = Symbol('stalled');
  const bound = new Promise<typeof stalled>((resolve) => (timer = setTimeout(() => resolve(stalled), ms)));
  // Given up on, the result's long poll is ended here: left open, it would be cut by the test's
  // closing of the connection, which the SDK's retry interceptor answers with an uncaught error.
  const giveUp = new AbortController();
  const result = temporal.withAbortSignal(giveUp.signal, () => handle.result() as Promise<T>);
  try {
    const outcome = await Promise.race([result, bound]);
    if (outcome !== stalled) return outcome;
  } finally {
    clearTimeout(timer);
  }
  giveUp.abort();
  await result.catch(() => undefined);
  const lines = [await whereItStands(temporal, handle.workflowId).catch((e: Error) => `${handle.workflowId}: ${e.message}`)];
  if (openQuery)
    for await (const wf of temporal.workflow.list({ query: `ExecutionStatus = 'Running' AND (${openQuery})` }))
      if (wf.workflowId !== handle.workflowId) lines.push(await whereItStands(temporal, wf.workflowId).catch((e: Error) => `${wf.workflowId}: ${e.message}`));
  throw new Error(`${handle.workflowId} gave no result within ${ms / 1000} s. Open now:\n${lines.join('\n')}`);
}
