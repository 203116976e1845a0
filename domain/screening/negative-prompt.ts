// A negative prompt typed into the prompt ("…, Negative prompt: blurry, nsfw, gore", "--no text",
// 负面提示词：…), as prompts copied from other image generators carry. Its words are what the user
// wants left out, so the screen judges only the text before it and the service adds it to its own
// negative prompt; but leaving out clothing or safety asks for their opposite, and denies the prompt.
// The markers and words are data: data/screening/negative-prompt.json.
import { z } from 'zod';
import type { ScreeningEvidence } from '../pipeline';

const nonEmpty = z.string().min(1);

export const negativePromptSchema = z.object({
  markers: z.array(nonEmpty).min(1),
  flagMarkers: z.array(z.string().regex(/^--[a-z]+$/, 'a flag marker is "--" and letters')),
  avoided: z.array(z.object({ category: nonEmpty, kind: nonEmpty, en: z.array(nonEmpty), zh: z.array(nonEmpty) })).min(1),
});

export interface NegativePromptRules {
  /** The first marker in a prompt, with the text before and after it. */
  marker: RegExp;
  avoided: { category: string; kind: string; en: RegExp | null; zh: string[] }[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function negativePromptRules(data: z.output<typeof negativePromptSchema>): NegativePromptRules {
  // Longest first, so "negative prompt:" is not read as "negative" followed by "prompt:".
  const words = [...data.markers].sort((a, b) => b.length - a.length).map(escape);
  const flags = data.flagMarkers.map(escape);
  const alternatives = [
    // A word marker starts a word (not "seronegative:") and ends with a colon.
    `(?<![\\p{L}\\p{N}_])(?:${words.join('|')})\\s*[:：]`,
    ...(flags.length ? [`(?<=^|\\s)(?:${flags.join('|')})(?=\\s)`] : []),
  ];
  return {
    marker: new RegExp(alternatives.join('|'), 'iu'),
    avoided: data.avoided.map((a) => ({
      category: a.category,
      kind: a.kind,
      en: a.en.length
        ? new RegExp(
            `(?<![\\p{L}\\p{N}])(?:${[...a.en]
              .sort((x, y) => y.length - x.length)
              .map(escape)
              .join('|')})(?![\\p{L}\\p{N}])`,
            'iu',
          )
        : null,
      zh: a.zh,
    })),
  };
}

export interface SplitPrompt {
  /** What the user wants drawn: the only text the screen's layers judge. */
  positive: string;
  /** What the user wants left out, as typed (trimmed), or null when the prompt has no marker. */
  negative: string | null;
}

/** The prompt cut at its first negative-prompt marker. A marker with nothing before it is no cut: the whole prompt is judged. */
export function splitNegativePrompt(prompt: string, rules: NegativePromptRules): SplitPrompt {
  const found = rules.marker.exec(prompt);
  if (!found) return { positive: prompt, negative: null };
  const positive = prompt.slice(0, found.index).replace(/[\s,，;；.。(（]+$/u, '');
  if (!positive.trim()) return { positive: prompt, negative: null };
  const negative = prompt.slice(found.index + found[0].length).trim();
  return { positive, negative: negative || null };
}

/** Evidence that the negative prompt leaves out what keeps a picture safe ("Negative prompt: clothes, censor bars"). */
export function negativePromptEvidence(negative: string, rules: NegativePromptRules): ScreeningEvidence[] {
  const text = negative.normalize('NFKC');
  const evidence: ScreeningEvidence[] = [];
  for (const a of rules.avoided) {
    const en = a.en?.exec(text)?.[0];
    const zh = a.zh.find((w) => text.includes(w));
    const matched = en ?? zh;
    if (matched) evidence.push({ layer: 'negative-prompt', category: a.category, kind: a.kind, rule: matched.toLowerCase(), matched, readAs: [] });
  }
  return evidence;
}

/** The service's negative prompt with the user's own added, so what they asked to leave out is left out. */
export function withUserNegative(serviceNegative: string, userNegative: string | null): string {
  return userNegative ? `${serviceNegative}, ${userNegative}` : serviceNegative;
}
