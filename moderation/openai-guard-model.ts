// The guard model behind an OpenAI-compatible API (vLLM, Ollama, OpenAI). Fails closed: no
// verdict within the budget (refused, 5xx, timeout, garbage) is a rejection with the reason, so
// the screen step always ends with an answer and never waits on the model past its own timeout.
import { setTimeout as sleep } from 'node:timers/promises';
import { readGuardAnswer } from './answers/read-answer';
import { GuardModelError } from './errors';
import { MODERATION_UNAVAILABLE, type GuardAnswer, type GuardModel, type ModerationFormat, type ModerationVerdict } from './guard-model';
import { pictureMessages, promptMessages } from './instructions';
import { OpenAiCompatibleClient, type ChatMessage } from './openai-client';
import type { ModerationSettings } from './settings';

/**
 * All tries of one check together: under the screen activity's 30 s start-to-close, so that the
 * activity returns a rejection before Temporal would time it out and retry it (and, after its
 * retries, fail the request instead of rejecting it with a reason).
 */
export const MODERATION_BUDGET_MS = 25_000;
const MAX_TRIES = 2;
const PAUSE_BETWEEN_TRIES_MS = 250;
/** Verdicts are a few tokens; JSON with scores a few dozen. */
const MAX_TOKENS: Record<ModerationFormat, number> = { 'llama-guard': 20, qwen3guard: 40, json: 120 };

export class OpenAiGuardModel implements GuardModel {
  readonly model: string;
  readonly format: ModerationFormat;
  readonly endpoint: string;
  private readonly client: OpenAiCompatibleClient;

  constructor(private readonly settings: ModerationSettings) {
    this.model = settings.model;
    this.format = settings.format;
    this.endpoint = settings.url;
    this.client = new OpenAiCompatibleClient(settings.url, settings.apiKey);
  }

  screenPrompt(prompt: string): Promise<ModerationVerdict> {
    return this.judge(promptMessages(this.format, prompt));
  }

  screenPicture(png: Buffer): Promise<ModerationVerdict> {
    return this.judge(pictureMessages(this.format, png));
  }

  /** The answer of the first try that gives one; the last failure when none does in the budget. */
  private async ask(messages: ChatMessage[]): Promise<{ content: string } | { failure: GuardModelError; tries: number }> {
    const deadline = Date.now() + MODERATION_BUDGET_MS;
    for (let tries = 1; ; tries++) {
      const timeoutMs = Math.min(this.settings.timeoutMs, deadline - Date.now());
      try {
        return { content: await this.client.chat(this.model, messages, { timeoutMs, maxTokens: MAX_TOKENS[this.format] }) };
      } catch (err) {
        const failure = err instanceof GuardModelError ? err : new GuardModelError('unreachable', (err as Error).message, false);
        if (!failure.retryable || tries >= MAX_TRIES || deadline - Date.now() < PAUSE_BETWEEN_TRIES_MS + 100) return { failure, tries };
        await sleep(PAUSE_BETWEEN_TRIES_MS);
      }
    }
  }

  private async judge(messages: ChatMessage[]): Promise<ModerationVerdict> {
    const base = { layer: 'moderation' as const, model: this.model };
    const asked = await this.ask(messages);
    let answer: GuardAnswer;
    try {
      if ('failure' in asked) throw asked.failure;
      answer = readGuardAnswer(this.format, asked.content);
    } catch (err) {
      const failure = err as GuardModelError;
      const tries = 'tries' in asked && asked.tries > 1 ? ` (${asked.tries} tries)` : '';
      return {
        ...base,
        allowed: false,
        category: MODERATION_UNAVAILABLE,
        categories: [],
        rawCategories: [],
        reasons: [
          `moderation: guard model ${this.model} gave no verdict${tries}: ${failure.message}; a configured guard model fails closed, so the request is rejected`,
        ],
      };
    }
    const scores = answer.scores ? { scores: answer.scores } : {};
    if (answer.safe) return { ...base, allowed: true, category: null, categories: [], rawCategories: [], reasons: [], ...scores };
    return {
      ...base,
      allowed: false,
      category: answer.categories[0] ?? 'unspecified',
      categories: answer.categories,
      rawCategories: answer.rawCategories,
      reasons: [`moderation: guard model ${this.model} judged it unsafe: ${answer.labels.join(', ')}`],
      ...scores,
    };
  }
}

export function createGuardModel(settings: ModerationSettings): GuardModel {
  return new OpenAiGuardModel(settings);
}
