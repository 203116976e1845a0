// A client of ComfyUI's HTTP/WebSocket API: readiness, submit, progress over the WebSocket with a
// /history polling fallback (also every historyPollMs while the socket is quiet), outputs through
// /view, and on cancel the prompt deleted from the queue and interrupted. ComfyUI's failures
// become typed errors: a rejected graph or a failing node is RenderFailed (trying again will not
// help), an unreachable server, a lost prompt or CUDA out-of-memory RenderUnavailable.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { RenderFailedError, RenderUnavailableError } from '../../domain/errors';
import type { ApiGraph, ObjectInfo } from './graph';
import { executionFailure, PromptEvents, type PromptEventHooks } from './prompt-events';
import type { z } from 'zod';
import {
  executionErrorSchema,
  historySchema,
  objectInfoSchema,
  parseComfyUiAnswer,
  promptRejectionSchema,
  queueSchema,
  readComfyUiAnswer,
  systemStatsSchema,
  type HistoryEntry,
} from './comfyui-schemas';
import { PromptSocket } from './prompt-socket';

/** The run was abandoned by a worker going away; the prompt goes on for the next try to follow. */
export class PromptLeftRunningError extends Error {
  constructor(readonly promptId: string) {
    super(`worker stopped while waiting; ComfyUI prompt ${promptId} left running for the next try`);
    this.name = 'PromptLeftRunningError';
  }
}

/** The run was aborted through its signal (and interrupted on the server). */
export class RunAbortedError extends Error {
  constructor(readonly promptId: string) {
    super(`ComfyUI prompt ${promptId} interrupted on request`);
    this.name = 'RunAbortedError';
  }
}
export interface SystemInfo {
  comfyuiVersion: string;
  gpuName: string;
  vramTotalBytes: number;
}

export interface RunProgress {
  value: number;
  max: number;
  phase: 'queued' | 'loading model' | 'sampling' | 'saving';
}

export interface RunTimings {
  /** Submitted until ComfyUI started executing it. */
  queueMs: number;
  /** Execution start until the first sampler step: model load on a cold run, ~0 when cached. */
  loadMs: number;
  /** First sampler step until done. */
  inferenceMs: number;
  totalMs: number;
}

/** A queued prompt, as a later try needs it to follow the prompt instead of queueing it again. */
export interface QueuedPrompt {
  promptId: string;
  clientId: string;
  submittedAt: number;
}

export interface RunResult {
  promptId: string;
  images: Buffer[];
  timings: RunTimings;
  /** Nodes ComfyUI reused from its cache: the loaders, on a warm run. */
  cachedNodes: string[];
  /** false when the WebSocket dropped and the result came from polling /history. */
  viaWebSocket: boolean;
}

export interface ComfyUiClientOptions {
  /** How often to poll /history when the WebSocket is gone. */
  pollIntervalMs?: number;
  /**
   * How often to ask /history while the WebSocket is open: a socket can die without closing (a
   * NAT or proxy dropping an idle connection, ComfyUI replacing it with a newer one of the same
   * client id), and then no event ever comes. 10-30 s costs nothing; default 15 s.
   */
  historyPollMs?: number;
  requestTimeoutMs?: number;
  /** How long a running prompt's server may be unreachable (restarting) before giving up. */
  unreachableGraceMs?: number;
}

/** What a run reports as it goes, and how it treats an earlier try's prompt. */
export interface RunOptions extends Omit<PromptEventHooks, 'onSettled'> {
  signal?: AbortSignal;
  /** The prompt is queued: what a later try needs to follow it (see `follow`). */
  onQueued?: (prompt: QueuedPrompt) => void;
  /** A prompt an earlier try of the same render queued: followed if ComfyUI still has it. */
  follow?: QueuedPrompt;
  /**
   * Asked when the signal aborts: true leaves the prompt queued or running (a worker going
   * away; the next try follows it from its checkpoint) instead of cancelling it.
   */
  leaveRunning?: () => boolean;
}

export class ComfyUiClient {
  private readonly pollIntervalMs: number;
  private readonly requestTimeoutMs: number;
  private readonly unreachableGraceMs: number;
  private readonly historyPollMs: number;

  constructor(
    readonly baseUrl: string,
    opts: ComfyUiClientOptions = {},
  ) {
    this.pollIntervalMs = opts.pollIntervalMs ?? 500;
    this.requestTimeoutMs = opts.requestTimeoutMs ?? 30_000;
    this.unreachableGraceMs = opts.unreachableGraceMs ?? 30_000;
    this.historyPollMs = opts.historyPollMs ?? 15_000;
  }

  private async http(path: string, init: RequestInit = {}): Promise<Response> {
    try {
      return await fetch(new URL(path, this.baseUrl), { ...init, signal: AbortSignal.timeout(this.requestTimeoutMs) });
    } catch (err) {
      throw new RenderUnavailableError(
        `ComfyUI at ${this.baseUrl} is unreachable: ${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message}`,
      );
    }
  }

  /** GET `path`, its JSON answer checked against `schema` (comfyui-schemas.ts says which error a wrong answer is). */
  private async getJson<S extends z.ZodType>(schema: S, path: string): Promise<z.output<S>> {
    const res = await this.http(path);
    if (!res.ok) throw new RenderUnavailableError(`ComfyUI GET ${path} answered ${res.status}`);
    return readComfyUiAnswer(schema, res, `GET ${path}`);
  }

  async systemInfo(): Promise<SystemInfo> {
    const stats = await this.getJson(systemStatsSchema, '/system_stats');
    const device = stats.devices?.[0];
    return {
      comfyuiVersion: stats.system?.comfyui_version ?? 'unknown',
      // "cuda:0 NVIDIA A10G : cudaMallocAsync" -> "NVIDIA A10G"
      gpuName: (device?.name ?? 'unknown').replace(/^\S+:\d+\s+/, '').replace(/\s*:\s*\S+$/, ''),
      vramTotalBytes: device?.vram_total ?? 0,
    };
  }

  /** Waits until /system_stats answers (ComfyUI boots in 10-15 s plus custom nodes). */
  async waitUntilReady(timeoutMs: number, signal?: AbortSignal): Promise<SystemInfo> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      signal?.throwIfAborted();
      try {
        return await this.systemInfo();
      } catch (err) {
        if (Date.now() > deadline)
          throw new RenderUnavailableError(`ComfyUI at ${this.baseUrl} not ready after ${Math.round(timeoutMs / 1000)} s: ${(err as Error).message}`);
        await sleep(250, undefined, { signal });
      }
    }
  }

  private async submit(graph: ApiGraph, clientId: string, promptId: string): Promise<void> {
    const res = await this.http('/prompt', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: graph, client_id: clientId, prompt_id: promptId }),
    });
    if (res.ok) return;
    if (res.status === 400) {
      // A 400 is a rejected graph whatever its body; the body only says why, when it is ComfyUI's.
      const body = parseComfyUiAnswer(promptRejectionSchema, await res.json().catch(() => ({})), 'POST /prompt 400');
      const nodes = Object.entries(body.node_errors ?? {}).map(
        ([id, e]) =>
          `node ${id} (${e.class_type ?? '?'}): ${(e.errors ?? []).map((x) => `${x.message ?? 'error'}${x.extra_info?.input_name ? ` [input ${x.extra_info.input_name}]` : ''}${x.details ? `: ${x.details}` : ''}`).join('; ')}`,
      );
      throw new RenderFailedError(
        `ComfyUI rejected the graph: ${body.error?.message ?? body.error?.type ?? 'invalid prompt'}${nodes.length ? ` — ${nodes.join(' | ')}` : ''}`,
        body,
      );
    }
    throw new RenderUnavailableError(`ComfyUI POST /prompt answered ${res.status}`);
  }

  /**
   * Stops a prompt wherever it is. POST /interrupt stops only the running prompt (server.py checks
   * prompt_id against the running one and does nothing otherwise), so a prompt still waiting in the
   * queue is deleted from it first — in that order, so that it cannot start between the two.
   */
  private async cancel(promptId: string): Promise<void> {
    const post = (path: string, body: unknown) =>
      this.http(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).catch(() => undefined);
    await post('/queue', { delete: [promptId] });
    await post('/interrupt', { prompt_id: promptId });
  }

  /**
   * The server's /object_info (its own model files in the loader combos), for the given node
   * classes only (GET /object_info/{class}: the whole list is megabytes with custom nodes).
   */
  async objectInfo(classTypes: Iterable<string>): Promise<ObjectInfo> {
    const info: ObjectInfo = {};
    for (const classType of new Set(classTypes)) Object.assign(info, await this.getJson(objectInfoSchema, `/object_info/${encodeURIComponent(classType)}`));
    return info;
  }

  private async fetchImages(entry: HistoryEntry): Promise<Buffer[]> {
    const images: Buffer[] = [];
    for (const output of Object.values(entry.outputs ?? {})) {
      for (const img of output.images ?? []) {
        if (img.type !== 'output') continue;
        const res = await this.http(`/view?${new URLSearchParams({ filename: img.filename, subfolder: img.subfolder, type: img.type })}`);
        if (!res.ok) throw new RenderUnavailableError(`ComfyUI /view of ${img.filename} answered ${res.status}`);
        images.push(Buffer.from(await res.arrayBuffer()));
      }
    }
    if (images.length === 0) throw new RenderFailedError('ComfyUI finished the prompt but it produced no output image (is there a SaveImage node?)');
    return images;
  }

  /**
   * Whether a prompt an earlier try queued is worth following: finished well, running or queued.
   * One that failed, or that a restart forgot, is queued anew.
   */
  private async worthFollowing(promptId: string): Promise<boolean> {
    const entry = await this.historyEntry(promptId);
    if (entry) return entry.status?.status_str === 'success';
    if (await this.stillQueued(promptId)) return true;
    // It may have finished between the two questions.
    return (await this.historyEntry(promptId))?.status?.status_str === 'success';
  }

  /** The prompt's outcome, once ComfyUI has finished it (undefined before). */
  private async historyEntry(promptId: string): Promise<HistoryEntry | undefined> {
    return (await this.getJson(historySchema, `/history/${promptId}`))[promptId];
  }

  /** Whether ComfyUI still knows the prompt (queued or running); a restart forgets it. */
  private async stillQueued(promptId: string): Promise<boolean> {
    const q = await this.getJson(queueSchema, '/queue');
    return [...(q.queue_running ?? []), ...(q.queue_pending ?? [])].some((row) => row[1] === promptId);
  }

  /** Runs one graph to completion; an abort interrupts it and throws RunAbortedError. */
  async run(graph: ApiGraph, opts: RunOptions = {}): Promise<RunResult> {
    const calledAt = Date.now();
    const clientId = opts.follow?.clientId ?? randomUUID();
    const wake = new Wakeup();
    const events = new PromptEvents(opts.follow?.promptId ?? randomUUID(), { onStarted: opts.onStarted, onProgress: opts.onProgress, onSettled: wake.now });
    const socket = await PromptSocket.connect(this.baseUrl, clientId, events, wake.now);
    opts.signal?.addEventListener('abort', wake.now, { once: true });
    try {
      const queued = await this.queue(graph, clientId, events, opts.follow, calledAt);
      opts.onQueued?.({ promptId: events.promptId, clientId, submittedAt: queued.submittedAt });
      // An idle server may start the prompt before answering POST /prompt: then it is past "queued".
      if (events.started === undefined) opts.onProgress?.({ value: 0, max: 1, phase: 'queued' });
      const entry = await this.awaitHistoryEntry(events, socket, queued.following, wake, opts);
      return await this.collect(entry, events, socket, queued, opts.onProgress);
    } finally {
      opts.signal?.removeEventListener('abort', wake.now);
      socket.close();
    }
  }

  /**
   * Queues the graph, or follows the prompt an earlier try queued while that is worth it. A new
   * prompt's clock starts when the run was called (opening the socket counts as queueing).
   */
  private async queue(
    graph: ApiGraph,
    clientId: string,
    events: PromptEvents,
    follow: QueuedPrompt | undefined,
    calledAt: number,
  ): Promise<{ submittedAt: number; following: boolean }> {
    // A followed prompt may have finished already: its events are gone, so /history is asked.
    if (follow && (await this.worthFollowing(events.promptId))) return { submittedAt: follow.submittedAt, following: true };
    let submittedAt = calledAt;
    if (follow) {
      events.promptId = randomUUID();
      submittedAt = Date.now();
    }
    await this.submit(graph, clientId, events.promptId);
    return { submittedAt, following: false };
  }

  /**
   * The /history poller beside the socket's events: waits for the prompt's /history entry, asked
   * once the socket says it is done, while there is no live socket or a followed prompt's events
   * are gone, and every historyPollMs while the socket is quiet. An abort cancels the prompt (or
   * leaves it running for the next try); a failure the socket reported is thrown at once.
   */
  private async awaitHistoryEntry(
    events: PromptEvents,
    socket: PromptSocket,
    following: boolean,
    wake: Wakeup,
    opts: Pick<RunOptions, 'signal' | 'leaveRunning'>,
  ): Promise<HistoryEntry> {
    const { promptId } = events;
    let unreachableSince: number | undefined;
    let askedHistoryAt = Date.now();
    for (;;) {
      if (opts.signal?.aborted) {
        if (opts.leaveRunning?.()) throw new PromptLeftRunningError(promptId);
        // Stop the GPU work before giving up: the prompt would otherwise run to the end, or, still
        // queued, start later and run anyway.
        await this.cancel(promptId);
        throw new RunAbortedError(promptId);
      }
      // Read afresh at each use: events keep arriving while /history is asked.
      if (events.settled && !events.settled.ok) throw events.settled.error;
      // A quiet socket is asked about now and then: it may be dead without having closed.
      const socketSuspect = Date.now() - askedHistoryAt >= this.historyPollMs;
      if (events.settled?.ok || !socket.live || following || socketSuspect) {
        // Done, or no live socket: ask /history, which keeps the outcome.
        askedHistoryAt = Date.now();
        try {
          const entry = await this.historyEntry(promptId);
          if (entry) return entry;
          if (!events.settled && !(await this.stillQueued(promptId))) {
            // It may have finished between the two questions: only absent from both is lost.
            const late = await this.historyEntry(promptId);
            if (late) return late;
            throw new RenderUnavailableError(`ComfyUI at ${this.baseUrl} lost prompt ${promptId} (restarted?)`);
          }
          unreachableSince = undefined;
        } catch (err) {
          // A server that is restarting answers again soon; then it says whether it kept the prompt.
          if (!(err instanceof RenderUnavailableError) || !/unreachable/.test(err.message)) throw err;
          unreachableSince ??= Date.now();
          if (Date.now() - unreachableSince > this.unreachableGraceMs) throw err;
        }
      }
      await wake.pause(this.pollIntervalMs);
    }
  }

  /** The run's result from the prompt's /history entry: its images, and how long each phase took. */
  private async collect(
    entry: HistoryEntry,
    events: PromptEvents,
    socket: PromptSocket,
    queued: { submittedAt: number; following: boolean },
    onProgress: RunOptions['onProgress'],
  ): Promise<RunResult> {
    const { promptId } = events;
    const { submittedAt: submitted, following } = queued;
    if (entry.status?.status_str === 'error') {
      const data = entry.status.messages?.find(([type]) => type === 'execution_error')?.[1];
      if (data) throw executionFailure(parseComfyUiAnswer(executionErrorSchema, data, `GET /history/${promptId} execution_error`));
      throw new RenderUnavailableError(`ComfyUI prompt ${promptId} ended with status error (interrupted?)`);
    }
    onProgress?.({ value: 1, max: 1, phase: 'saving' });
    const images = await this.fetchImages(entry);
    const at = (type: string) => {
      const timestamp = entry.status?.messages?.find(([t]) => t === type)?.[1]?.timestamp;
      return typeof timestamp === 'number' ? timestamp : undefined;
    };
    // A followed prompt may have finished long before this try asked: its own end counts.
    const done = following ? (at('execution_success') ?? Date.now()) : Date.now();
    const startedAt = events.started ?? at('execution_start') ?? submitted;
    const stepAt = events.firstStep ?? startedAt;
    return {
      promptId,
      images,
      cachedNodes: events.cachedNodes,
      // settled is set only by the socket's events: without it the result came from /history.
      viaWebSocket: socket.live && !following && events.settled !== undefined,
      timings: {
        queueMs: startedAt - submitted,
        loadMs: Math.max(0, stepAt - startedAt),
        inferenceMs: Math.max(0, done - stepAt),
        totalMs: done - submitted,
      },
    };
  }
}

/** Ends the poller's pause early: an event, the socket closing or an abort each give it something to look at. */
class Wakeup {
  private resolve: () => void = () => undefined;
  readonly now = (): void => this.resolve();

  pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      this.resolve = resolve;
      setTimeout(resolve, ms);
    });
  }
}
