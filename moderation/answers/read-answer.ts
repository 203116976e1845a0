// One entry point for reading a guard model's answer in the configured format.
import type { GuardAnswer, ModerationFormat } from '../guard-model';
import { readJsonVerdict } from './json-verdict';
import { readLlamaGuard } from './llama-guard';
import { readQwen3Guard } from './qwen3guard';

const READERS: Record<ModerationFormat, (content: string) => GuardAnswer> = {
  'llama-guard': readLlamaGuard,
  qwen3guard: readQwen3Guard,
  json: readJsonVerdict,
};

/** Throws GuardModelError('unreadable') when the answer is not a verdict in that format. */
export function readGuardAnswer(format: ModerationFormat, content: string): GuardAnswer {
  return READERS[format](content);
}
