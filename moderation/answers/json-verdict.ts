// Reads the answer of a general chat model told (see moderation/instructions.ts) to reply with
// JSON: {"safe": true} or {"safe": false, "categories": ["violence"], "scores": {"gore": 0.8}}.
// Models wrap JSON in a ```json fence more often than not, and smaller ones fall back to plain
// words, so "safe" and "unsafe: <category>[, <category>]" are read too. Anything else is garbage.
import { z } from 'zod';
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

/** Scores per category, each in 0..1; a category the model named its own way keeps its name. */
function readScores(scores: Record<string, number> | undefined): Record<string, number> | undefined {
  if (scores === undefined) return undefined;
  return Object.fromEntries(Object.entries(scores).map(([k, v]) => [asCategory(k) === 'other' ? k : asCategory(k), v]));
}

const SCORES = z.record(z.string(), z.number().min(0).max(1)).optional();

/**
 * The verdict object. A safe verdict needs nothing else; an unsafe one names its categories as a
 * list (or, as some models write it, one "category"), and a list that is not strings is garbage.
 */
const JSON_VERDICT = z.discriminatedUnion('safe', [
  z.object({ safe: z.literal(true), scores: SCORES }),
  z.object({ safe: z.literal(false), categories: z.array(z.string()).nullish(), category: z.string().optional(), scores: SCORES }),
]);

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
    const verdict = JSON_VERDICT.safeParse(parsed);
    if (!verdict.success) throw unreadable('JSON', content);
    const v = verdict.data;
    const scores = readScores(v.scores);
    if (v.safe) return { safe: true, rawCategories: [], categories: [], labels: [], ...(scores ? { scores } : {}) };
    const list = v.categories ?? (v.category === undefined ? [] : [v.category]);
    return unsafeAnswer(
      list.map((c) => c.trim()).filter((c) => c !== '' && c.toLowerCase() !== 'none'),
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
