// A small client for the two routes of an OpenAI-compatible server the guard model needs: POST
// /v1/chat/completions and GET /v1/models. Built against OpenAI's chat completions reference and
// vLLM's OpenAI-compatible server (docs.vllm.ai "OpenAI-Compatible Server": same request and
// response shapes; images as {"type": "image_url", "image_url": {"url": "data:image/png;base64,..."}}
// content parts, its openai_vision_api_client example); Ollama serves the same routes under /v1.
// Uses Node's fetch: one request at a time, nothing to pool, no dependency.
import { describeIssues } from '../domain/payload-schemas';
import { GuardModelError } from './errors';
import { CHAT_COMPLETION, ERROR_BODY, MODEL_ENTRY, MODEL_LIST } from './openai-schemas';

export type ContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string | ContentPart[];
}

export interface ChatOptions {
  timeoutMs: number;
  /** Verdicts are a few tokens; the cap keeps a chatty model from spending seconds on prose. */
  maxTokens: number;
}

export class OpenAiCompatibleClient {
  constructor(
    /** Base URL without /v1. */
    readonly url: string,
    private readonly apiKey: string | undefined,
  ) {}

  private headers(json: boolean): Record<string, string> {
    return {
      accept: 'application/json',
      ...(json ? { 'content-type': 'application/json' } : {}),
      ...(this.apiKey ? { authorization: `Bearer ${this.apiKey}` } : {}),
    };
  }

  /**
   * One request, headers and body within timeoutMs (a server that sends headers and then stalls is
   * as useless as one that never answers). Returns the parsed JSON body of a 2xx answer.
   */
  private async request(path: string, init: { method: 'GET' | 'POST'; body?: string }, timeoutMs: number): Promise<unknown> {
    const where = `${init.method} ${this.url}${path}`;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let status: number;
    let text: string;
    try {
      const res = await fetch(`${this.url}${path}`, { ...init, headers: this.headers(init.body !== undefined), signal: controller.signal });
      status = res.status;
      text = await res.text();
    } catch (err) {
      if (controller.signal.aborted) throw new GuardModelError('timeout', `${where}: no answer within ${timeoutMs} ms`, true);
      // fetch hides the socket error (ECONNREFUSED, ENOTFOUND, ECONNRESET) in `cause`.
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new GuardModelError('unreachable', `${where}: ${cause?.code ?? cause?.message ?? (err as Error).message}`, true);
    } finally {
      clearTimeout(timer);
    }
    if (status < 200 || status >= 300) {
      // vLLM and OpenAI put the reason in error.message (older vLLM: a top-level message).
      let reason = text.slice(0, 200);
      try {
        const body = ERROR_BODY.safeParse(JSON.parse(text));
        if (body.success) reason = (typeof body.data.error === 'object' ? body.data.error.message : body.data.error) ?? body.data.message ?? reason;
      } catch {
        // Not JSON: the start of the text is the best reason there is.
      }
      // Overload and server errors may pass; a bad key, an unknown model or a refused request will not.
      throw new GuardModelError('http', `${where} answered HTTP ${status}: ${reason}`, status === 429 || status >= 500);
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new GuardModelError('invalid-json', `${where} answered ${status} with a body that is not JSON: ${JSON.stringify(text.slice(0, 80))}`, false);
    }
  }

  /** The assistant message's text of the first choice. */
  async chat(model: string, messages: ChatMessage[], options: ChatOptions): Promise<string> {
    const body = JSON.stringify({ model, messages, temperature: 0, max_tokens: options.maxTokens, stream: false });
    const completion = CHAT_COMPLETION.safeParse(await this.request('/v1/chat/completions', { method: 'POST', body }, options.timeoutMs));
    // Not retried: the same server answers the same way; the stage fails closed on it.
    if (!completion.success)
      throw new GuardModelError(
        'unreadable',
        `POST ${this.url}/v1/chat/completions answered JSON without choices[0].message.content (${describeIssues(completion.error)})`,
        false,
      );
    return completion.data.choices[0].message.content;
  }

  /** Ids of the models the server serves (GET /v1/models: {"object": "list", "data": [{"id": ...}]}). */
  async listModels(timeoutMs: number): Promise<string[]> {
    const list = MODEL_LIST.safeParse(await this.request('/v1/models', { method: 'GET' }, timeoutMs));
    if (!list.success) throw new GuardModelError('unreadable', `GET ${this.url}/v1/models answered JSON without a data list`, false);
    return list.data.data.flatMap((entry) => {
      const model = MODEL_ENTRY.safeParse(entry);
      return model.success ? [model.data.id] : [];
    });
  }
}
