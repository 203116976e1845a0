// The runner's log: followed for its JSON progress lines while the pod runs, and its last lines
// quoted in the message of a render that failed.
import { PassThrough } from 'node:stream';
import { CoreV1Api, Log, type KubeConfig } from '@kubernetes/client-node';
import { z } from 'zod';
import { tryParsePayload } from '../../domain/payload-schemas';
import { RUNNER_CONTAINER } from './naming';

/** One JSON line of the runner's log: its fields vary by event; readers check the ones they use. */
const runnerEventSchema = z.looseObject({ event: z.string().optional() });
export type RunnerEvent = z.output<typeof runnerEventSchema>;

/** Follows one pod's runner log; calls onEvent for each JSON line. Returns a stop function. */
export function followRunnerLog(kc: KubeConfig, namespace: string, pod: string, onEvent: (e: RunnerEvent) => void): () => void {
  const stream = new PassThrough();
  let buffer = '';
  let abort: AbortController | undefined;
  let stopped = false;
  stream.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (!line.startsWith('{')) continue;
      try {
        const event = tryParsePayload(runnerEventSchema, JSON.parse(line));
        if (event) onEvent(event);
      } catch {
        // Not one of the runner's lines (ComfyUI writes to stderr, which the log interleaves).
      }
    }
  });
  new Log(kc)
    .log(namespace, pod, RUNNER_CONTAINER, stream, { follow: true })
    .then((c) => {
      abort = c;
      if (stopped) c.abort();
    })
    // Progress is a nicety: a log that cannot be followed never fails the render.
    .catch(() => undefined);
  return () => {
    stopped = true;
    abort?.abort();
  };
}

/** The last lines of a pod's runner log, or a note saying why there are none. */
export async function logTail(kc: KubeConfig, namespace: string, pod: string, lines = 20): Promise<string> {
  try {
    const text = await kc.makeApiClient(CoreV1Api).readNamespacedPodLog({ name: pod, namespace, container: RUNNER_CONTAINER, tailLines: lines });
    return text.trimEnd() || '(empty log)';
  } catch (err) {
    return `(log of pod ${pod} not available: ${(err as { code?: number }).code ?? (err as Error).message})`;
  }
}

/** What a runner event says it is doing, as the request's progress shows it. */
export function phaseOf(e: RunnerEvent, taskCount: number): { phase: string; value: number; max: number } | undefined {
  const task = typeof e.taskId === 'string' ? e.taskId : undefined;
  const prefix = task && taskCount > 1 ? `${task}: ` : '';
  switch (e.event) {
    case 'starting_comfyui':
    case 'waiting_for_comfyui':
      return { phase: 'starting ComfyUI', value: 0, max: 1 };
    case 'ready':
      return { phase: 'loading model', value: 0, max: 1 };
    case 'task_start':
      return { phase: `${prefix}queued`, value: 0, max: 1 };
    case 'progress':
      return typeof e.value === 'number' && typeof e.max === 'number'
        ? { phase: `${prefix}${typeof e.phase === 'string' ? e.phase : 'sampling'}`, value: e.value, max: e.max }
        : undefined;
    case 'task_done':
      return { phase: `${prefix}uploaded`, value: 1, max: 1 };
    default:
      return undefined;
  }
}
