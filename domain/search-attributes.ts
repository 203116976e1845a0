// Search attributes operators filter on in the Web UI, e.g.
//   CubcanvasOutcome = "failed" AND CubcanvasStep = "validate"
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const SA_STEP = defineSearchAttributeKey('CubcanvasStep', SearchAttributeType.KEYWORD);
export const SA_OUTCOME = defineSearchAttributeKey('CubcanvasOutcome', SearchAttributeType.KEYWORD);
export const SA_GPU_SECONDS = defineSearchAttributeKey('CubcanvasGpuSeconds', SearchAttributeType.DOUBLE);
export const SA_COST = defineSearchAttributeKey('CubcanvasCost', SearchAttributeType.DOUBLE);
export const SA_CACHE_HIT = defineSearchAttributeKey('CubcanvasCacheHit', SearchAttributeType.BOOL);

/** The batch a request belongs to: `CubcanvasBatchId = "2026-11-26-books"` lists a batch's requests. */
export const SA_BATCH_ID = defineSearchAttributeKey('CubcanvasBatchId', SearchAttributeType.KEYWORD);

/**
 * The HTTP API token name that started a request (also in the memo, which visibility cannot filter
 * on): `CubcanvasCaller = "editor"` lists one caller's requests, as GET /v1/images does.
 */
export const SA_CALLER = defineSearchAttributeKey('CubcanvasCaller', SearchAttributeType.KEYWORD);

export const ALL_SEARCH_ATTRIBUTES = [SA_STEP, SA_OUTCOME, SA_GPU_SECONDS, SA_COST, SA_CACHE_HIT, SA_BATCH_ID, SA_CALLER];
