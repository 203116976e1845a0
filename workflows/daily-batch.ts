// A batch: every manifest item is a generateImage request (a child workflow with the batch id as a
// search attribute: visible, searchable and cancellable like any request); their cache misses come
// to this workflow's render pool, which renders them N per GPU run. Items are worked a window at a
// time and the run continues as new after each window, so a 10,000-item batch keeps every run's
// history small. At the end the report is written, and also when the batch is cancelled.
import {
  ApplicationFailure,
  CancellationScope,
  ChildWorkflowFailure,
  continueAsNew,
  isCancellation,
  ParentClosePolicy,
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
  startChild,
  WorkflowIdReusePolicy,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  addCounts,
  type BatchCounts,
  BATCH_ID_PATTERN,
  batchIdFromWorkflowId,
  BATCH_WINDOW,
  emptyCounts,
  type BatchInput,
  type BatchItemResult,
  type BatchResult,
  type BatchState,
  type BatchWorkItem,
} from '../domain/batch';
import { ErrorType } from '../domain/errors';
import { costDetailsSchema, tryParsePayload } from '../domain/payload-schemas';
import { imageWorkflowId } from '../domain/naming';
import type { GenerateImageRecord } from '../domain/pipeline';
import { SA_BATCH_ID } from '../domain/search-attributes';
import { BatchRenderPool } from './batch-render-pool';
import { batchProgressQuery } from './definitions';
import type { generateImage } from './generate-image';
import { QUICK_RETRY, STORAGE_RETRY } from './retry-policies';

const { prepareBatch, readBatchItems, recordBatchResults } = proxyLocalActivities<Activities>({ startToCloseTimeout: '2 minutes', retry: STORAGE_RETRY });
const { writeBatchReport } = proxyActivities<Activities>({
  summary: 'write the batch report',
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: QUICK_RETRY,
});

export async function dailyBatch(input: BatchInput | BatchState): Promise<BatchResult> {
  const state = await begin(input);
  const window = Math.floor(state.offset / BATCH_WINDOW);
  const items = state.offset < state.total ? await readBatchItems({ batchId: state.batchId, offset: state.offset, limit: BATCH_WINDOW }) : [];
  const pool = new BatchRenderPool({ groupPrefix: `${state.batchId}-w${window}`, groupSize: state.groupSize, maxConcurrentJobs: state.maxConcurrentJobs });
  const results = new Map<string, BatchItemResult>();
  const show = () =>
    setCurrentDetails(
      `${state.counts.done + results.size} of ${state.total} done; failed ${state.counts.failed + count(results, 'failed')}, rejected ${state.counts.rejected + count(results, 'rejected')}; GPU runs ${pool.runningJobs}, waiting ${pool.waitingRenders}`,
    );
  setHandler(batchProgressQuery, () => ({
    batchId: state.batchId,
    total: state.total,
    started: state.offset + items.length,
    counts: [...results.values()].reduce(addCounts, state.counts),
    runningJobs: pool.runningJobs,
    waitingRenders: pool.waitingRenders,
  }));

  const me = workflowInfo().workflowId;
  const children = items.map(async (item) => {
    const r = await runItem(item, state.batchId, me, state.caller);
    results.set(item.id, r);
    show();
  });
  // Every item still running has asked for its picture (or never will): a short group may go.
  const settled = () => items.every((i) => results.has(i.id) || pool.attached.has(i.request.requestId));
  try {
    await Promise.all([...children, pool.drive(settled, () => results.size === items.length)]);
  } catch (err) {
    if (!isCancellation(err)) throw err;
    // Cancelled: the requests are being cancelled with the batch. Once each has ended, the report
    // says what was done and paid for (the pictures already made are kept); then the batch ends
    // cancelled.
    await CancellationScope.nonCancellable(async () => {
      await Promise.allSettled(children);
      const done = items.filter((i) => results.has(i.id)).map((i) => results.get(i.id)!);
      if (done.length) await recordBatchResults({ batchId: state.batchId, window, results: done });
      const counts = done.reduce(addCounts, state.counts);
      const report = await finish(state, counts, done[0]?.currency ?? 'CNY', { cancelled: true, notStarted: state.total - state.offset - done.length });
      setCurrentDetails(`cancelled after ${counts.done} of ${state.total}; report: ${report.json}`);
    });
    throw err;
  }

  const ordered = items.map((i) => results.get(i.id)!);
  if (items.length) await recordBatchResults({ batchId: state.batchId, window, results: ordered });
  const next: BatchState = { ...state, offset: state.offset + items.length, counts: ordered.reduce(addCounts, state.counts) };
  if (next.offset < next.total) return continueAsNew<typeof dailyBatch>(next);

  const currency = ordered[0]?.currency ?? 'CNY';
  const report = await finish(state, next.counts, currency, {});
  setCurrentDetails(
    `done: ${next.counts.completed} pictures, ${next.counts.rejected} rejected, ${next.counts.failed} failed; ${next.counts.gpuSeconds} GPU-s = ${next.counts.cost} ${currency}`,
  );
  return { batchId: state.batchId, total: next.total, counts: next.counts, currency, report };
}

/** Writes the report over every recorded window; `extra` marks a cancelled batch. */
function finish(state: BatchState, counts: BatchCounts, currency: string, extra: { cancelled?: boolean; notStarted?: number }) {
  return writeBatchReport({
    batchId: state.batchId,
    summary: {
      batchId: state.batchId,
      total: state.total,
      counts,
      currency,
      groupSize: state.groupSize,
      ...extra,
      finishedAt: new Date(Date.now()).toISOString(),
    },
  });
}

/** The first run checks the input and the manifest; later runs carry on from their state. */
async function begin(input: BatchInput | BatchState): Promise<BatchState> {
  if ('offset' in input) return input;
  const batchId = input.batchId ?? batchIdFromWorkflowId(workflowInfo().workflowId);
  const problems: string[] = [];
  if (!BATCH_ID_PATTERN.test(batchId)) problems.push('batchId must be 1..60 letters, digits, "_" or "-", starting with a letter or digit');
  if (!input.manifestKey === !input.manifestPrefix) problems.push('give exactly one of manifestKey or manifestPrefix');
  if (!Number.isInteger(input.groupSize) || input.groupSize < 1 || input.groupSize > 100) problems.push('groupSize must be an integer in 1..100');
  if (!Number.isInteger(input.maxConcurrentJobs) || input.maxConcurrentJobs < 1 || input.maxConcurrentJobs > 100)
    problems.push('maxConcurrentJobs must be an integer in 1..100');
  if (problems.length) throw ApplicationFailure.nonRetryable(`invalid batch: ${problems.join('; ')}`, ErrorType.InvalidRequest, { problems });
  // A bad manifest fails here, every problem listed, before any request starts.
  const { total, manifestKey } = await prepareBatch({ batchId, manifestKey: input.manifestKey, manifestPrefix: input.manifestPrefix });
  return { ...input, batchId, manifestKey, total, offset: 0, counts: emptyCounts() };
}

async function runItem(item: BatchWorkItem, batchId: string, renderProvider: string, caller: string | undefined): Promise<BatchItemResult> {
  const { request } = item;
  const base = { id: item.id, requestId: request.requestId, prompt: request.prompt, imageKey: '', cacheHit: false, gpuSeconds: 0, cost: 0, currency: 'CNY' };
  try {
    const child = await startChild<typeof generateImage>('generateImage', {
      workflowId: imageWorkflowId(request.requestId),
      args: [
        {
          prompt: request.prompt,
          width: request.width,
          height: request.height,
          style: request.style,
          requestId: request.requestId,
          ...(request.seed === undefined ? {} : { seed: request.seed }),
        },
        { batchId, renderProvider, ...(caller ? { caller } : {}) },
      ],
      typedSearchAttributes: [{ key: SA_BATCH_ID, value: batchId }],
      // Cancelling the batch cancels its requests (and through them their renders).
      parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
      staticSummary: request.prompt.slice(0, 200),
    });
    const record: GenerateImageRecord = await child.result();
    if (record.status === 'rejected') return { ...base, outcome: 'rejected', reason: `${record.category}: ${record.reasons.join('; ')}` };
    return {
      ...base,
      outcome: 'completed',
      reason: '',
      imageKey: record.imageKey,
      cacheHit: record.cacheHit,
      gpuSeconds: record.cost.gpuSeconds,
      cost: record.cost.amount,
      currency: record.cost.currency,
    };
  } catch (err) {
    if (isCancellation(err) || (err instanceof ChildWorkflowFailure && isCancellation(err.cause)))
      return { ...base, outcome: 'cancelled', reason: 'cancelled' };
    const cause = err instanceof ChildWorkflowFailure ? err.cause : err;
    const cost = cause instanceof ApplicationFailure ? tryParsePayload(costDetailsSchema, cause.details?.[0])?.cost : undefined;
    const type = cause instanceof ApplicationFailure ? `${cause.type}: ` : '';
    return {
      ...base,
      outcome: 'failed',
      reason: `${type}${(cause as Error | undefined)?.message ?? String(err)}`,
      gpuSeconds: cost?.gpuSeconds ?? 0,
      cost: cost?.amount ?? 0,
      currency: cost?.currency ?? 'CNY',
    };
  }
}

const count = (results: Map<string, BatchItemResult>, outcome: BatchItemResult['outcome']) => [...results.values()].filter((r) => r.outcome === outcome).length;
