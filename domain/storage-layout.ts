// Where each kind of object lives in the blob store. Separate prefixes so that a lifecycle rule
// can expire staging/ without touching published images.

export const PREFIX = {
  staging: 'staging/',
  images: 'images/',
  cache: 'cache/',
  ledger: 'ledger/',
  reports: 'reports/',
  modelHashes: 'model-hashes/',
} as const;

export const stagingRenderKey = (cacheKey: string, attempt: number) => `${PREFIX.staging}render/${cacheKey}/attempt-${attempt}.png`;
/** A group's pictures before validation: one folder per group workflow and attempt. */
export const stagingGroupKey = (groupWorkflowId: string, attempt: number, taskId: string) =>
  `${PREFIX.staging}groups/${groupWorkflowId}/attempt-${attempt}/${taskId}.png`;
export const stagingWatermarkedKey = (requestId: string) => `${PREFIX.staging}watermarked/${requestId}.png`;
export const cacheImageKey = (cacheKey: string) => `${PREFIX.cache}${cacheKey}.png`;
export const cacheEntryKey = (cacheKey: string) => `${PREFIX.cache}${cacheKey}.json`;
export const publishedImageKey = (requestId: string) => `${PREFIX.images}${requestId}.png`;
/** Ledger entries are grouped by UTC day so that reports can list one day at a time. */
export const ledgerEntryKey = (day: string, requestId: string) => `${PREFIX.ledger}${day}/${requestId}.json`;

export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
