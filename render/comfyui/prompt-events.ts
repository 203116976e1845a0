// What ComfyUI's WebSocket says about one prompt, as a small state machine: queued, then started
// (execution_start), then settled — done (`executing` with node null, or execution_success) or
// failed (execution_error, execution_interrupted). The first settling event wins; later ones are
// ignored. Events of other prompts on the same client id and binary preview frames are dropped.
import { z } from 'zod';
import { RenderFailedError, RenderUnavailableError } from '../../domain/errors';
import type { RunProgress } from './client';
import { executionErrorSchema, type ExecutionError } from './comfyui-schemas';

/** execution_cached's node list; anything else there counts as no cached node. */
const cachedNodesSchema = z.array(z.string()).catch([]);
/** A WebSocket event: {type, data}. Anything else (another server's frames, JSON of another shape) is ignored like a binary frame. */
const wsEventSchema = z.object({ type: z.string(), data: z.record(z.string(), z.unknown()).default({}) });

const OOM = /out of memory|OutOfMemory/i;

export function executionFailure(e: ExecutionError): Error {
  const text = `ComfyUI node ${e.node_id ?? '?'} (${e.node_type ?? '?'}) failed: ${e.exception_type ? `${e.exception_type}: ` : ''}${e.exception_message ?? 'no message'}`;
  // Out of memory is a property of the GPU we got (or its other tenants), not of the request.
  return OOM.test(`${e.exception_type} ${e.exception_message}`) ? new RenderUnavailableError(text, e) : new RenderFailedError(text, e);
}

/** How the socket says the prompt ended. */
export type PromptSettled = { ok: true } | { ok: false; error: Error };

export interface PromptEventHooks {
  /** The GPU starts working on the prompt. */
  onStarted?: () => void;
  onProgress?: (p: RunProgress) => void;
  /** A settling event arrived (also when the prompt had settled already). */
  onSettled: () => void;
}

export class PromptEvents {
  /** When execution started, by this clock (undefined while queued). */
  started: number | undefined;
  /** When the first sampler step was reported: the model is loaded. */
  firstStep: number | undefined;
  /** Nodes ComfyUI reused from its cache. */
  readonly cachedNodes: string[] = [];
  /** Set only by the socket's events: undefined until one says the prompt ended. */
  settled: PromptSettled | undefined;

  /**
   * @param promptId the prompt whose events count; set again when a followed prompt turns out
   * not to be worth following and a new one is queued.
   */
  constructor(
    public promptId: string,
    private readonly hooks: PromptEventHooks,
  ) {}

  /** One WebSocket message, as text or as a frame. */
  handle(raw: { toString(): string }): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString());
    } catch {
      return; // binary preview frames
    }
    const event = wsEventSchema.safeParse(parsed);
    if (!event.success) return;
    const { type, data } = event.data;
    if (data.prompt_id !== this.promptId) return;
    switch (type) {
      case 'execution_start':
        this.started = Date.now();
        this.hooks.onStarted?.();
        break;
      case 'execution_cached':
        this.cachedNodes.push(...cachedNodesSchema.parse(data.nodes));
        if (this.cachedNodes.length === 0) this.hooks.onProgress?.({ value: 0, max: 1, phase: 'loading model' });
        break;
      case 'progress':
        this.firstStep ??= Date.now();
        this.hooks.onProgress?.({ value: Number(data.value), max: Number(data.max), phase: 'sampling' });
        break;
      case 'executing':
        if (data.node === null) this.settle({ ok: true });
        break;
      case 'execution_success':
        this.settle({ ok: true });
        break;
      case 'execution_error':
        // A malformed error event still fails the prompt, with what could be read of it.
        this.settle({ ok: false, error: executionFailure(executionErrorSchema.catch({}).parse(data)) });
        break;
      case 'execution_interrupted':
        this.settle({
          ok: false,
          error: new RenderUnavailableError(`ComfyUI interrupted the prompt at node ${String(data.node_id)} (${String(data.node_type)})`),
        });
        break;
    }
  }

  private settle(outcome: PromptSettled): void {
    this.settled ??= outcome;
    this.hooks.onSettled();
  }
}
