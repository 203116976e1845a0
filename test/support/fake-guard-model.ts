// A guard-model double for tests: real HTTP on loopback speaking the OpenAI-compatible API as vLLM
// serves it (docs.vllm.ai "OpenAI-Compatible Server"): POST /v1/chat/completions answering a
// `chat.completion` object, GET /v1/models answering {"object": "list", "data": [...]}, errors as
// {"error": {message, type, param, code}}, 401 without the --api-key bearer, 404 for a model it
// does not serve, 400 for a malformed body or an image sent to a text-only model. It answers as
// the model it plays would: Llama Guard ("unsafe\nS1"), Qwen3Guard-Gen ("Safety: Unsafe\n
// Categories: Violent") or a general chat model told to answer JSON. Its judgement is a list of
// patterns (the test says what is unsafe); it can be made slow, answer garbage, invalid JSON, a
// 500 or no choices, or be stopped (connections refused), and it records every request it got.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

export type FakeGuardFormat = 'llama-guard' | 'qwen3guard' | 'json';
/** Kinds of harm the double can find, and how each model family names them. */
export type Hazard = 'violent' | 'crime' | 'sexual' | 'self-harm';
const HAZARD_NAMES: Record<Hazard, Record<FakeGuardFormat, string>> = {
  violent: { 'llama-guard': 'S1', qwen3guard: 'Violent', json: 'violence' },
  crime: { 'llama-guard': 'S2', qwen3guard: 'Non-violent Illegal Acts', json: 'other' },
  sexual: { 'llama-guard': 'S12', qwen3guard: 'Sexual Content or Sexual Acts', json: 'sexual' },
  'self-harm': { 'llama-guard': 'S11', qwen3guard: 'Suicide & Self-Harm', json: 'self-harm' },
};

export interface FakeGuardBehaviour {
  /** ok: answers its verdict; the others are the failures a real deployment shows. */
  mode: 'ok' | 'garbage' | 'invalid-json' | 'http-500' | 'no-choices';
  /** Wait this long before sending the answer's headers. */
  delayMs: number;
  /** Qwen3Guard: answer "Controversial" instead of "Unsafe" for what it finds. */
  controversial: boolean;
}

export interface FakeGuardOptions {
  format: FakeGuardFormat;
  model: string;
  /** Like vLLM's --api-key: every /v1 route needs "Authorization: Bearer <key>". */
  apiKey?: string;
  /** What the model finds unsafe in the text of the user's turn. */
  unsafe?: { pattern: RegExp; hazard: Hazard }[];
  /** A vision model (Llama Guard 4, a VLM): accepts image_url parts. Text-only models answer 400 to them. */
  acceptsImages?: boolean;
  /** The verdict on a picture, from its decoded bytes. Default: safe. */
  judgePicture?: (bytes: Buffer) => Hazard | null;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

type Part = { type?: unknown; text?: unknown; image_url?: { url?: unknown } };
interface ChatBody {
  model?: unknown;
  messages?: { role?: unknown; content?: unknown }[];
}

const DATA_URL = /^data:image\/(png|jpeg|webp|gif);base64,([A-Za-z0-9+/]+={0,2})$/;

export class FakeGuardModel {
  behaviour: FakeGuardBehaviour = { mode: 'ok', delayMs: 0, controversial: false };
  readonly received: ReceivedRequest[] = [];
  private server: Server | undefined;
  private port = 0;

  constructor(readonly options: FakeGuardOptions) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Chat completion requests received, most recent last. */
  get chats(): ChatBody[] {
    return this.received.filter((r) => r.path === '/v1/chat/completions').map((r) => r.body as ChatBody);
  }

  /** Starts (again, on the same port after stop()). */
  async start(): Promise<this> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  /** Stops listening and drops open connections: connections to its port are refused from now on. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private send(res: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  private error(res: ServerResponse, status: number, message: string, type: string): void {
    this.send(res, status, { error: { message, type, param: null, code: status } });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      // Kept as text: recorded, then refused below.
    }
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    this.received.push({ method: req.method ?? '', path, authorization: req.headers.authorization, body });

    if (this.options.apiKey && req.headers.authorization !== `Bearer ${this.options.apiKey}`) return this.send(res, 401, { error: 'Unauthorized' });
    if (this.behaviour.delayMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, this.behaviour.delayMs));
      if (res.destroyed) return;
    }
    if (req.method === 'GET' && path === '/v1/models') {
      const created = Math.floor(Date.now() / 1000);
      return this.send(res, 200, {
        object: 'list',
        data: [{ id: this.options.model, object: 'model', created, owned_by: 'vllm', root: this.options.model, parent: null, max_model_len: 8192 }],
      });
    }
    if (req.method !== 'POST' || path !== '/v1/chat/completions') return this.error(res, 404, `Not Found: ${req.method} ${path}`, 'NotFoundError');
    if (typeof body !== 'object' || body === null) return this.error(res, 400, 'request body is not JSON', 'BadRequestError');
    const chat = body as ChatBody;
    if (chat.model !== this.options.model) return this.error(res, 404, `The model \`${String(chat.model)}\` does not exist.`, 'NotFoundError');
    if (!Array.isArray(chat.messages) || chat.messages.length === 0) return this.error(res, 400, 'messages: must be a non-empty list', 'BadRequestError');

    let text = '';
    const pictures: Buffer[] = [];
    for (const m of chat.messages) {
      if (!['system', 'user', 'assistant'].includes(String(m.role))) return this.error(res, 400, `unknown role ${String(m.role)}`, 'BadRequestError');
      const parts: Part[] = typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : Array.isArray(m.content) ? (m.content as Part[]) : [];
      if (parts.length === 0) return this.error(res, 400, 'message content must be a string or a list of parts', 'BadRequestError');
      for (const part of parts) {
        if (part.type === 'text' && typeof part.text === 'string') {
          if (m.role === 'user') text += `${part.text}\n`;
        } else if (part.type === 'image_url') {
          if (!this.options.acceptsImages) return this.error(res, 400, `${this.options.model} is not a multimodal model`, 'BadRequestError');
          const match = DATA_URL.exec(String(part.image_url?.url));
          if (!match) return this.error(res, 400, 'image_url.url must be an http(s) URL or a base64 data: URL', 'BadRequestError');
          pictures.push(Buffer.from(match[2]!, 'base64'));
        } else {
          return this.error(res, 400, `unsupported content part ${JSON.stringify(part.type)}`, 'BadRequestError');
        }
      }
    }

    switch (this.behaviour.mode) {
      case 'http-500':
        return this.error(res, 500, 'CUDA error: an illegal memory access was encountered', 'InternalServerError');
      case 'invalid-json':
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end('{"id": "chatcmpl-1", "choices": [');
      case 'no-choices':
        return this.send(res, 200, { id: `chatcmpl-${randomUUID()}`, object: 'chat.completion', choices: [] });
      case 'garbage':
        return this.send(res, 200, this.completion('I am sorry, I cannot help with that request. Is there anything else?'));
      case 'ok': {
        const found = pictures.length
          ? pictures.map((p) => this.options.judgePicture?.(p) ?? null).filter((h): h is Hazard => h !== null)
          : (this.options.unsafe ?? []).filter((u) => u.pattern.test(text)).map((u) => u.hazard);
        return this.send(res, 200, this.completion(this.verdict([...new Set(found)], pictures.length > 0)));
      }
    }
  }

  /** The answer text of the model it plays, for what it found (nothing = safe). */
  private verdict(found: Hazard[], picture: boolean): string {
    const names = found.map((h) => HAZARD_NAMES[h][this.options.format]);
    switch (this.options.format) {
      case 'llama-guard':
        return found.length ? `unsafe\n${names.join(',')}` : 'safe';
      case 'qwen3guard':
        return found.length
          ? `Safety: ${this.behaviour.controversial ? 'Controversial' : 'Unsafe'}\nCategories: ${names.join(', ')}`
          : 'Safety: Safe\nCategories: None';
      case 'json':
        // As chat models do: fenced, with scores when asked about a picture.
        return `\`\`\`json\n${JSON.stringify({ safe: found.length === 0, categories: names, ...(picture ? { scores: this.pictureScores(found) } : {}) })}\n\`\`\``;
    }
  }

  private pictureScores(found: Hazard[]): Record<string, number> {
    return { gore: 0.01, violence: found.includes('violent') ? 0.93 : 0.02, sexual: found.includes('sexual') ? 0.88 : 0.01 };
  }

  private completion(content: string): unknown {
    return {
      id: `chatcmpl-${randomUUID().replace(/-/g, '')}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: this.options.model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content, reasoning_content: null, tool_calls: [] },
          logprobs: null,
          finish_reason: 'stop',
          stop_reason: null,
        },
      ],
      usage: { prompt_tokens: 180, total_tokens: 185, completion_tokens: 5, prompt_tokens_details: null },
      prompt_logprobs: null,
    };
  }
}
