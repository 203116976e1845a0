// A client of ComfyUI's HTTP/WebSocket API: readiness, submit, progress over the WebSocket with a
// /history polling fallback (also every historyPollMs while the socket is quiet), outputs through
// /view, and on cancel the prompt deleted from the queue and interrupted. ComfyUI's failures
// become typed errors: a rejected graph or a failing node is RenderFailed (trying again will not
// help), an unreachable server, a lost prompt or CUDA out-of-memory RenderUnavailable.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import { RenderFailedError, RenderUnavailableError } from '../../domain/errors';
import type { ApiGraph, ObjectInfo } from './graph';

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

interface HistoryEntry {
  outputs?: Record<string, { images?: { filename: string; subfolder: string; type: string }[] }>;
  status?: { status_str?: string; completed?: boolean; messages?: [string, Record<string, unknown>][] };
}

interface ExecutionError {
  node_id?: string;
  node_type?: string;
  exception_message?: string;
  exception_type?: string;
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

const OOM = /out of memory|OutOfMemory/i;

function executionFailure(e: ExecutionError): Error {
  const text = `ComfyUI node ${e.node_id ?? '?'} (${e.node_type ?? '?'}) failed: ${e.exception_type ? `${e.exception_type}: ` : ''}${e.exception_message ?? 'no message'}`;
  // Out of memory is a property of the GPU we got (or its other tenants), not of the request.
  return OOM.test(`${e.exception_type} ${e.exception_message}`) ? new RenderUnavailableError(text, e) : new RenderFailedError(text, e);
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

  private async getJson<T>(path: string): Promise<T> {
    const res = await this.http(path);
    if (!res.ok) throw new RenderUnavailableError(`ComfyUI GET ${path} answered ${res.status}`);
    return (await res.json()) as T;
  }

  async systemInfo(): Promise<SystemInfo> {
    const stats = await this.getJson<{ system?: { comfyui_version?: string }; devices?: { name?: string; vram_total?: number }[] }>('/system_stats');
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
    const body = (await res.json().catch(() => ({}))) as {
      error?: { type?: string; message?: string; details?: string };
      node_errors?: Record<string, { class_type?: string; errors?: { message?: string; details?: string; extra_info?: { input_name?: string } }[] }>;
    };
    if (res.status === 400) {
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
    for (const classType of new Set(classTypes)) Object.assign(info, await this.getJson<ObjectInfo>(`/object_info/${encodeURIComponent(classType)}`));
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
    return (await this.getJson<Record<string, HistoryEntry>>(`/history/${promptId}`))[promptId];
  }

  /** Whether ComfyUI still knows the prompt (queued or running); a restart forgets it. */
  private async stillQueued(promptId: string): Promise<boolean> {
    const q = await this.getJson<{ queue_running?: unknown[][]; queue_pending?: unknown[][] }>('/queue');
    return [...(q.queue_running ?? []), ...(q.queue_pending ?? [])].some((row) => row[1] === promptId);
  }

  /** Runs one graph to completion; an abort interrupts it and throws RunAbortedError. */
  async run(
    graph: ApiGraph,
    opts: {
      signal?: AbortSignal;
      onProgress?: (p: RunProgress) => void;
      /** The GPU starts working on the prompt. */
      onStarted?: () => void;
      /** The prompt is queued: what a later try needs to follow it (see `follow`). */
      onQueued?: (prompt: QueuedPrompt) => void;
      /** A prompt an earlier try of the same render queued: followed if ComfyUI still has it. */
      follow?: QueuedPrompt;
      /**
       * Asked when the signal aborts: true leaves the prompt queued or running (a worker going
       * away; the next try follows it from its checkpoint) instead of cancelling it.
       */
      leaveRunning?: () => boolean;
    } = {},
  ): Promise<RunResult> {
    const clientId = opts.follow?.clientId ?? randomUUID();
    let promptId = opts.follow?.promptId ?? randomUUID();
    let submitted = opts.follow?.submittedAt ?? Date.now();
    // A followed prompt may have finished already: its events are gone, so /history is asked.
    let following = false;
    let started: number | undefined;
    let firstStep: number | undefined;
    const cachedNodes: string[] = [];
    let settled: { ok: true } | { ok: false; error: Error } | undefined;
    let wake: () => void = () => undefined;
    const wakeUp = () => wake();

    // The socket is opened first: events for a prompt go only to the socket of its client_id,
    // so one opened after submitting could miss the start.
    const ws = new WebSocket(`${this.baseUrl.replace(/^http/, 'ws')}/ws?clientId=${clientId}`);
    let socketOpen = false;
    let socketLost = false;
    await new Promise<void>((resolve) => {
      ws.once('open', () => {
        socketOpen = true;
        resolve();
      });
      ws.once('error', () => resolve());
    });
    ws.on('close', () => {
      socketLost = true;
      wakeUp();
    });
    ws.on('error', () => undefined);
    ws.on('message', (raw) => {
      let msg: { type?: string; data?: Record<string, unknown> };
      try {
        msg = JSON.parse(raw.toString());
      } catch {
        return; // binary preview frames
      }
      const data = msg.data ?? {};
      if (data.prompt_id !== promptId) return;
      switch (msg.type) {
        case 'execution_start':
          started = Date.now();
          opts.onStarted?.();
          break;
        case 'execution_cached':
          cachedNodes.push(...((data.nodes as string[]) ?? []));
          if (cachedNodes.length === 0) opts.onProgress?.({ value: 0, max: 1, phase: 'loading model' });
          break;
        case 'progress':
          firstStep ??= Date.now();
          opts.onProgress?.({ value: Number(data.value), max: Number(data.max), phase: 'sampling' });
          break;
        case 'executing':
          if (data.node === null) {
            settled ??= { ok: true };
            wakeUp();
          }
          break;
        case 'execution_success':
          settled ??= { ok: true };
          wakeUp();
          break;
        case 'execution_error':
          settled ??= { ok: false, error: executionFailure(data as ExecutionError) };
          wakeUp();
          break;
        case 'execution_interrupted':
          settled ??= {
            ok: false,
            error: new RenderUnavailableError(`ComfyUI interrupted the prompt at node ${String(data.node_id)} (${String(data.node_type)})`),
          };
          wakeUp();
          break;
      }
    });
    const onAbort = () => wakeUp();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      if (opts.follow && (await this.worthFollowing(promptId))) following = true;
      else {
        if (opts.follow) {
          promptId = randomUUID();
          submitted = Date.now();
        }
        await this.submit(graph, clientId, promptId);
      }
      opts.onQueued?.({ promptId, clientId, submittedAt: submitted });
      // An idle server may start the prompt before answering POST /prompt: then it is past "queued".
      if (started === undefined) opts.onProgress?.({ value: 0, max: 1, phase: 'queued' });
      let entry: HistoryEntry | undefined;
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
        if (settled && !settled.ok) throw settled.error;
        // A quiet socket is asked about now and then: it may be dead without having closed.
        const socketSuspect = Date.now() - askedHistoryAt >= this.historyPollMs;
        if (settled?.ok || !socketOpen || socketLost || following || socketSuspect) {
          // Done, or no live socket: ask /history, which keeps the outcome.
          askedHistoryAt = Date.now();
          try {
            entry = await this.historyEntry(promptId);
            if (entry) break;
            if (!settled && !(await this.stillQueued(promptId))) {
              // It may have finished between the two questions: only absent from both is lost.
              entry = await this.historyEntry(promptId);
              if (entry) break;
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
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, this.pollIntervalMs);
        });
      }
      if (entry.status?.status_str === 'error') {
        const err = entry.status.messages?.find(([type]) => type === 'execution_error')?.[1] as ExecutionError | undefined;
        if (err) throw executionFailure(err);
        throw new RenderUnavailableError(`ComfyUI prompt ${promptId} ended with status error (interrupted?)`);
      }
      opts.onProgress?.({ value: 1, max: 1, phase: 'saving' });
      const images = await this.fetchImages(entry);
      const at = (type: string) => entry.status?.messages?.find(([t]) => t === type)?.[1]?.timestamp as number | undefined;
      // A followed prompt may have finished long before this try asked: its own end counts.
      const done = following ? (at('execution_success') ?? Date.now()) : Date.now();
      const startedAt = started ?? at('execution_start') ?? submitted;
      const stepAt = firstStep ?? startedAt;
      return {
        promptId,
        images,
        cachedNodes,
        // settled is set only by the socket's events: without it the result came from /history.
        viaWebSocket: socketOpen && !socketLost && !following && settled !== undefined,
        timings: {
          queueMs: startedAt - submitted,
          loadMs: Math.max(0, stepAt - startedAt),
          inferenceMs: Math.max(0, done - stepAt),
          totalMs: done - submitted,
        },
      };
    } finally {
      opts.signal?.removeEventListener('abort', onAbort);
      ws.removeAllListeners('message');
      ws.terminate();
    }
  }
}
