// Signals and queries of the two workflows. Plain definitions: clients and activities import
// them too, to query progress and to attach to a shared render.
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { BatchProgress } from '../domain/batch';
import type { RenderProgress, RenderSpec, RequestProgress, SharedRenderResult } from '../domain/pipeline';

/** A request waiting for a shared render. */
export interface Waiter {
  requestId: string;
  workflowId: string;
}

export const progressQuery = defineQuery<RequestProgress>('progress');
export const renderProgressSignal = defineSignal<[RenderProgress]>('renderProgress');

/** Sent by the shared render to each waiting request when it ends, with the picture or the failure. */
export const renderDoneSignal = defineSignal<[SharedRenderResult]>('renderDone');

export const attachSignal = defineSignal<[Waiter]>('attach');
export const detachSignal = defineSignal<[string]>('detach');
export const renderStateQuery = defineQuery<{ waiters: string[]; attempt: number; progress?: RenderProgress }>('renderState');

/** Where a group render is: its last progress (which picture, which phase). */
export const groupProgressQuery = defineQuery<RenderProgress | undefined>('groupProgress');

/** A request of a batch asks the batch (its render provider) for its picture, instead of attaching to a render workflow of its own. */
export const renderRequestSignal = defineSignal<[{ spec: RenderSpec; waiter: Waiter }]>('renderRequest');

/** Where a batch is. */
export const batchProgressQuery = defineQuery<BatchProgress>('batchProgress');
