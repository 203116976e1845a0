// The WebSocket message state machine of a ComfyUI run (render/comfyui/prompt-events.ts), fed the
// messages ComfyUI sends (see test/support/fake-comfyui.ts for the same protocol over a socket).
import { describe, expect, it } from 'vitest';
import { RenderFailedError, RenderUnavailableError } from '../domain/errors';
import type { RunProgress } from '../render/comfyui/client';
import { PromptEvents } from '../render/comfyui/prompt-events';

function tracker(promptId = 'p1') {
  const progress: RunProgress[] = [];
  let started = 0;
  let settledCalls = 0;
  const events = new PromptEvents(promptId, {
    onStarted: () => started++,
    onProgress: (p) => progress.push(p),
    onSettled: () => settledCalls++,
  });
  const send = (type: string, data: Record<string, unknown>) => events.handle(Buffer.from(JSON.stringify({ type, data })));
  return { events, send, progress, counts: () => ({ started, settledCalls }) };
}

describe('ComfyUI prompt events', () => {
  it('follows one prompt from start through cached loaders and sampler steps to done', () => {
    const t = tracker();
    t.send('status', { status: { exec_info: { queue_remaining: 1 } } });
    t.send('execution_start', { prompt_id: 'p1' });
    t.send('execution_cached', { prompt_id: 'p1', nodes: ['1', '2'] });
    t.send('progress', { prompt_id: 'p1', value: 1, max: 8 });
    t.send('progress', { prompt_id: 'p1', value: 2, max: 8 });
    expect(t.events.settled).toBeUndefined();
    t.send('executing', { prompt_id: 'p1', node: '9' });
    expect(t.events.settled).toBeUndefined();
    t.send('executing', { prompt_id: 'p1', node: null });
    expect(t.events.settled).toEqual({ ok: true });
    expect(t.events.started).toBeTypeOf('number');
    expect(t.events.firstStep).toBeGreaterThanOrEqual(t.events.started!);
    expect(t.events.cachedNodes).toEqual(['1', '2']);
    expect(t.progress).toEqual([
      { value: 1, max: 8, phase: 'sampling' },
      { value: 2, max: 8, phase: 'sampling' },
    ]);
    expect(t.counts()).toEqual({ started: 1, settledCalls: 1 });
  });

  it('reports a cold model load when nothing was cached', () => {
    const t = tracker();
    t.send('execution_cached', { prompt_id: 'p1', nodes: [] });
    expect(t.progress).toEqual([{ value: 0, max: 1, phase: 'loading model' }]);
  });

  it('ignores other prompts, binary preview frames and unparseable text', () => {
    const t = tracker();
    t.send('execution_start', { prompt_id: 'other' });
    t.send('execution_error', { prompt_id: 'other', exception_message: 'boom' });
    t.events.handle(Buffer.from([0, 0, 0, 1, 0x89, 0x50, 0x4e, 0x47]));
    t.events.handle('not json');
    expect(t.events.started).toBeUndefined();
    expect(t.events.settled).toBeUndefined();
    expect(t.counts()).toEqual({ started: 0, settledCalls: 0 });
  });

  it('keeps the first ending: a node error is RenderFailed, out of memory RenderUnavailable', () => {
    const failed = tracker();
    failed.send('execution_error', { prompt_id: 'p1', node_id: '3', node_type: 'KSampler', exception_type: 'ValueError', exception_message: 'bad' });
    failed.send('execution_success', { prompt_id: 'p1' });
    expect(failed.events.settled?.ok).toBe(false);
    const error = failed.events.settled && !failed.events.settled.ok ? failed.events.settled.error : undefined;
    expect(error).toBeInstanceOf(RenderFailedError);
    expect(error?.message).toBe('ComfyUI node 3 (KSampler) failed: ValueError: bad');
    // Each settling event still wakes the waiter.
    expect(failed.counts().settledCalls).toBe(2);

    const oom = tracker();
    oom.send('execution_error', { prompt_id: 'p1', node_id: '3', node_type: 'KSampler', exception_type: 'torch.OutOfMemoryError', exception_message: 'CUDA' });
    expect(oom.events.settled && !oom.events.settled.ok ? oom.events.settled.error : undefined).toBeInstanceOf(RenderUnavailableError);

    const interrupted = tracker();
    interrupted.send('execution_interrupted', { prompt_id: 'p1', node_id: '5', node_type: 'VAEDecode' });
    const stop = interrupted.events.settled && !interrupted.events.settled.ok ? interrupted.events.settled.error : undefined;
    expect(stop).toBeInstanceOf(RenderUnavailableError);
    expect(stop?.message).toBe('ComfyUI interrupted the prompt at node 5 (VAEDecode)');
  });

  it('listens to the new prompt once a followed one is queued anew', () => {
    const t = tracker('old');
    t.events.promptId = 'new';
    t.send('execution_success', { prompt_id: 'old' });
    expect(t.events.settled).toBeUndefined();
    t.send('execution_success', { prompt_id: 'new' });
    expect(t.events.settled).toEqual({ ok: true });
  });
});
