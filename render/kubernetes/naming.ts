// Deterministic names and labels of render Jobs. One name per render, regeneration attempt and
// launch: a try that runs again computes the same name, so a 409 on create means "adopt it", never
// "make a second one".
import { createHash } from 'node:crypto';

export const LABEL = {
  managedBy: 'app.kubernetes.io/managed-by',
  component: 'app.kubernetes.io/component',
  render: 'cubcanvas.dev/render',
  attempt: 'cubcanvas.dev/attempt',
  launch: 'cubcanvas.dev/launch',
  request: 'cubcanvas.dev/request',
  kueueQueue: 'kueue.x-k8s.io/queue-name',
} as const;

/** Full values (label values are limited to 63 characters and a small alphabet). */
export const ANNOTATION = {
  renderId: 'cubcanvas.dev/render-id',
  requestId: 'cubcanvas.dev/request-id',
  jobKey: 'cubcanvas.dev/job-key',
  manifestKey: 'cubcanvas.dev/manifest-key',
  taskQueue: 'cubcanvas.dev/task-queue',
} as const;

export const MANAGED_BY = 'cubcanvas';
export const RUNNER_CONTAINER = 'runner';

/** A short, stable digest of a render id: label-safe and collision-free for practical purposes. */
export function renderDigest(renderId: string): string {
  return createHash('sha256').update(renderId).digest('hex').slice(0, 20);
}

/**
 * "cc-<20 hex>-a<attempt>-l<launch>": at most 3 + 20 + 2 + 3 + 2 + 3 = 33 characters for attempt
 * and launch up to 999, inside DNS-1123's 63 and leaving room for the pod suffix the Job adds.
 */
export function renderJobName(renderId: string, attempt: number, launch: number): string {
  if (!Number.isInteger(attempt) || attempt < 0 || attempt > 999) throw new Error(`attempt ${attempt} is not in 0..999`);
  if (!Number.isInteger(launch) || launch < 0 || launch > 999) throw new Error(`launch ${launch} is not in 0..999`);
  return `cc-${renderDigest(renderId)}-a${attempt}-l${launch}`;
}

/** A label value from free text: the allowed characters, at most 63, starting and ending alphanumeric. */
export function labelValue(text: string): string {
  return text
    .replace(/[^A-Za-z0-9._-]/g, '-')
    .slice(0, 63)
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/[^A-Za-z0-9]+$/, '');
}

export const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
