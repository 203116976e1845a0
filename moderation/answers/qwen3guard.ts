// Reads a Qwen3Guard-Gen answer: "Safety: Safe|Unsafe|Controversial", then "Categories: ..." (one or
// more, comma-separated, "None" when safe) and, for response moderation only, "Refusal: Yes|No".
// Built against the QwenLM/Qwen3Guard README and the Qwen/Qwen3Guard-Gen-4B model card (their
// extract_label_and_categories regexes list the categories below; "Jailbreak" is for prompts only).
// Controversial is treated as unsafe: what is debatable for adults is not for children's pictures.
import type { GuardAnswer } from '../guard-model';
import { unreadable } from '../errors';

/** Category name → cubcanvas category. */
export const QWEN3GUARD_CATEGORIES: Record<string, string> = {
  Violent: 'violence',
  'Non-violent Illegal Acts': 'crime',
  'Sexual Content or Sexual Acts': 'sexual',
  PII: 'privacy',
  'Suicide & Self-Harm': 'self-harm',
  'Unethical Acts': 'unethical',
  'Politically Sensitive Topics': 'political',
  'Copyright Violation': 'intellectual-property',
  Jailbreak: 'jailbreak',
};

export function readQwen3Guard(content: string): GuardAnswer {
  const safety = /^\s*Safety:\s*(Safe|Unsafe|Controversial)\s*$/im.exec(content)?.[1];
  if (!safety) throw unreadable('Qwen3Guard', content);
  const listed = /^\s*Categories:\s*(.*)$/im.exec(content)?.[1];
  const names = (listed ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '' && c.toLowerCase() !== 'none');
  // Matched without case: a quantised or fine-tuned variant may change it ("violent").
  const known = (name: string) => Object.keys(QWEN3GUARD_CATEGORIES).find((k) => k.toLowerCase() === name.toLowerCase());
  if (safety.toLowerCase() === 'safe') return { safe: true, rawCategories: [], categories: [], labels: [] };
  const raw = names.length ? names : [];
  return {
    safe: false,
    rawCategories: [safety, ...raw],
    categories: raw.length ? raw.map((n) => QWEN3GUARD_CATEGORIES[known(n) ?? ''] ?? 'other') : ['unspecified'],
    labels: raw.length ? raw.map((n) => `${safety}: ${n}`) : [`${safety}: no category given`],
  };
}
