// The workflow bundle's entry: everything exported here is a workflow type the worker registers.
export { generateImage } from './generate-image';
export { renderImage } from './render-image';
export { sweepRenderJobs } from './sweep-render-jobs';
export { renderGroup } from './render-group';
export { dailyBatch } from './daily-batch';
export { deliverWebhook } from './deliver-webhook';
export { purge } from './purge';
