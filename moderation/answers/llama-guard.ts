// Reads a Llama Guard 3 / 4 answer: "safe", or "unsafe" and on the next line the violated
// categories as comma-separated codes ("unsafe\nS1,S10"). Built against Meta's model cards
// (PurpleLlama: Llama-Guard3/8B/MODEL_CARD.md, Llama-Guard3/11B-vision/MODEL_CARD.md,
// Llama-Guard4/12B/MODEL_CARD.md) and Ollama's llama-guard3 page ("unsafe\nS2"): the S1..S14
// hazard table below is the MLCommons taxonomy both versions use (the vision model has S1..S13).
// Llama Guard 2 numbered its 11 categories differently and Llama Guard 1 used O1..O6: not read.
import type { GuardAnswer } from '../guard-model';
import { unreadable } from '../errors';

/** Code → [label, cubcanvas category]. Categories reuse the local layers' names where one fits. */
export const LLAMA_GUARD_CATEGORIES: Record<string, [label: string, category: string]> = {
  S1: ['Violent Crimes', 'violence'],
  S2: ['Non-Violent Crimes', 'crime'],
  S3: ['Sex-Related Crimes', 'sexual'],
  S4: ['Child Sexual Exploitation', 'sexual'],
  S5: ['Defamation', 'defamation'],
  S6: ['Specialized Advice', 'specialized-advice'],
  S7: ['Privacy', 'privacy'],
  S8: ['Intellectual Property', 'intellectual-property'],
  S9: ['Indiscriminate Weapons', 'weapons'],
  S10: ['Hate', 'hate'],
  S11: ['Suicide & Self-Harm', 'self-harm'],
  S12: ['Sexual Content', 'sexual'],
  S13: ['Elections', 'elections'],
  S14: ['Code Interpreter Abuse', 'code-interpreter-abuse'],
};

export function readLlamaGuard(content: string): GuardAnswer {
  const lines = content
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const verdict = lines[0]?.toLowerCase();
  if (verdict === 'safe' && lines.length === 1) return { safe: true, rawCategories: [], categories: [], labels: [] };
  if (verdict !== 'unsafe' || lines.length > 2) throw unreadable('Llama Guard', content);
  const codes =
    lines[1] === undefined
      ? []
      : lines[1]
          .split(',')
          .map((c) => c.trim().toUpperCase())
          .filter((c) => c !== '');
  if (codes.some((c) => !/^S\d{1,2}$/.test(c))) throw unreadable('Llama Guard', content);
  // "unsafe" with no code still means unsafe: the category is then only "unspecified".
  if (codes.length === 0) return { safe: false, rawCategories: [], categories: ['unspecified'], labels: ['no category given'] };
  return {
    safe: false,
    rawCategories: codes,
    categories: codes.map((c) => LLAMA_GUARD_CATEGORIES[c]?.[1] ?? 'other'),
    labels: codes.map((c) => (LLAMA_GUARD_CATEGORIES[c] ? `${c} ${LLAMA_GUARD_CATEGORIES[c][0]}` : `${c} (not in the Llama Guard 3/4 table)`)),
  };
}
