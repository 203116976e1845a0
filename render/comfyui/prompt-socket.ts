// The WebSocket of one ComfyUI client id, feeding its messages to a prompt's event state. It is
// opened before the prompt is submitted: events for a prompt go only to the socket of its
// client_id, so one opened after submitting could miss the start. A socket that cannot open, or
// that closes, is not an error: the caller then asks /history instead.
import WebSocket from 'ws';
import type { PromptEvents } from './prompt-events';

export class PromptSocket {
  /** The socket opened (false: it never did, and no event will come). */
  open = false;
  /** The socket closed after opening: no more events will come. */
  lost = false;

  private constructor(private readonly ws: WebSocket) {}

  /** Resolves once the socket opened or failed to; `onLost` is called when it closes. */
  static async connect(baseUrl: string, clientId: string, events: PromptEvents, onLost: () => void): Promise<PromptSocket> {
    const socket = new PromptSocket(new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws?clientId=${clientId}`));
    const { ws } = socket;
    await new Promise<void>((resolve) => {
      ws.once('open', () => {
        socket.open = true;
        resolve();
      });
      ws.once('error', () => resolve());
    });
    ws.on('close', () => {
      socket.lost = true;
      onLost();
    });
    ws.on('error', () => undefined);
    ws.on('message', (raw) => events.handle(raw));
    return socket;
  }

  /** Whether events can still arrive. */
  get live(): boolean {
    return this.open && !this.lost;
  }

  close(): void {
    this.ws.removeAllListeners('message');
    this.ws.terminate();
  }
}
