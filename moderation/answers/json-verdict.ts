// Reads the answer of a general chat model told (see moderation/instructions.ts) to reply with
// JSON: {"safe": true} or {"safe": false, "categories": ["violence"], "scores": {"gore": 0.8}}.
// Models wrap JSON in a ```json fence more often than not, and smaller ones fall back to plain
// words, so "safe" and "unsafe: <category>[, <category>]" are read too. Anything else is garbage.
import type { GuardAnswer } from '../guard-model';
import { unreadable } from '../errors';

/** The categories the model is asked to use: the local screening layers' own, plus "other". */
export const JSON_CATEGORIES = [
  'violence',
  'gore',
  'horror',
  'weapons',
  'drugs',
  'alcohol',
  'smoking',
  'sexual',
  'self-harm',
  'hate',
  'terrorism',
  'other',
] as const;

const asCategory = (raw: string) => {
  const flat = raw
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  return (JSON_CATEGORIES as readonly string[]).includes(flat) ? flat : 'other';
};

function unsafeAnswer(raw: string[], scores?: Record<string, number>): GuardAnswer {
  const categories = raw.length ? raw.map(asCategory) : ['unspecified'];
  return { safe: false, rawCategories: raw, categories, labels: raw.length ? raw : ['no category given'], ...(scores ? { scores } : {}) };
}

function readScores(value: unknown, content: string): Record<string, number> | undefined {
  if (value === undefined) return undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw unreadable('JSON', content);
  const scores: Record<string, number> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw unreadable('JSON', content);
    scores[asCategory(k) === 'other' ? k : asCategory(k)] = v;
  }
  return scores;
}

export function readJsonVerdict(content: string): GuardAnswer {
  const text = content
    .trim()
    .replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/i, '$1')
    .trim();
  if (text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw unreadable('JSON', content);
    }
    const v = parsed as { safe?: unknown; categories?: unknown; category?: unknown; scores?: unknown };
    if (typeof v.safe !== 'boolean') throw unreadable('JSON', content);
    const scores = readScores(v.scores, content);
    if (v.safe) return { safe: true, rawCategories: [], categories: [], labels: [], ...(scores ? { scores } : {}) };
    const list = v.categories ?? (v.category === undefined ? [] : [v.category]);
    if (!Array.isArray(list) || list.some((c) => typeof c !== 'string')) throw unreadable('JSON', content);
    return unsafeAnswer(
      (list as string[]).map((c) => c.trim()).filter((c) => c !== '' && c.toLowerCase() !== 'none'),
      scores,
    );
  }
  if (/^safe\.?$/i.test(text)) return { safe: true, rawCategories: [], categories: [], labels: [] };
  const words = /^unsafe\.?(?:\s*[:\-–]\s*(.+))?$/i.exec(text);
  if (words)
    return unsafeAnswer(
      (words[1] ?? '')
        .split(',')
        .map((c) => c.trim().replace(/\.$/, ''))
        .filter((c) => c !== ''),
    );
  throw unreadable('JSON', content);
}
