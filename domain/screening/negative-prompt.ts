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
  /** Where the drawn prompt starts when the negative prompt comes first ("负面提示词：… 正面提示词：…"). */
  positiveMarkers: z.array(nonEmpty).min(1),
  flagMarkers: z.array(z.string().regex(/^--[a-z]+$/, 'a flag marker is "--" and letters')),
  avoided: z.array(z.object({ category: nonEmpty, kind: nonEmpty, en: z.array(nonEmpty), zh: z.array(nonEmpty) })).min(1),
});

export interface NegativePromptRules {
  /** The first marker in a prompt, with the text before and after it. */
  marker: RegExp;
  /** A marker of the drawn prompt, after a negative prompt that opens the text. */
  positiveMarker: RegExp;
  avoided: { category: string; kind: string; en: RegExp | null; zh: string[] }[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Word markers, longest first so "negative prompt:" is not read as "negative" then "prompt:", each starting a word (not "seronegative:") and ending with a colon. */
function wordMarkers(markers: string[]): string {
  const words = [...markers].sort((a, b) => b.length - a.length).map(escape);
  return `(?<![\\p{L}\\p{N}_])(?:${words.join('|')})\\s*[:：]`;
}

export function negativePromptRules(data: z.output<typeof negativePromptSchema>): NegativePromptRules {
  const flags = data.flagMarkers.map(escape);
  const alternatives = [wordMarkers(data.markers), ...(flags.length ? [`(?<=^|\\s)(?:${flags.join('|')})(?=\\s)`] : [])];
  return {
    marker: new RegExp(alternatives.join('|'), 'iu'),
    positiveMarker: new RegExp(wordMarkers(data.positiveMarkers), 'iu'),
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

/**
 * The prompt cut at its first negative-prompt marker. A prompt that opens with its negative prompt
 * ("负面提示词：血腥，暴力。正面提示词：一只小狗…") is cut at the positive marker after it; one
 * that opens with a marker and names no positive part is no cut: the whole prompt is judged.
 */
export function splitNegativePrompt(prompt: string, rules: NegativePromptRules): SplitPrompt {
  const found = rules.marker.exec(prompt);
  if (!found) return { positive: prompt, negative: null };
  const after = prompt.slice(found.index + found[0].length);
  const positive = prompt.slice(0, found.index).replace(/[\s,，;；.。(（]+$/u, '');
  if (positive.trim()) return { positive, negative: after.trim() || null };
  const opening = rules.positiveMarker.exec(after);
  const drawn = opening ? after.slice(opening.index + opening[0].length).trim() : '';
  if (!opening || !drawn) return { positive: prompt, negative: null };
  const negative = after
    .slice(0, opening.index)
    .replace(/[\s,，;；.。]+$/u, '')
    .trim();
  return { positive: drawn, negative: negative || null };
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
