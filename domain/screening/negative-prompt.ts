// A negative prompt typed into the prompt ("…, Negative prompt: blurry, nsfw, gore", "--no text",
// 负面提示词：…), as prompts copied from other image generators carry. Its words are what the user
// wants left out, so the screen judges only the text outside it and the service adds it to its own
// negative prompt; but leaving out clothing or safety asks for their opposite, and denies the prompt.
// The markers and words are data: data/screening/negative-prompt.json.
import { z } from 'zod';
import type { ScreeningEvidence } from '../pipeline';
import { inlineNegativeRules, inlineNegativesSchema, type InlineNegativeRules } from './inline-negatives';

const nonEmpty = z.string().min(1);

export const negativePromptSchema = z.object({
  markers: z.array(nonEmpty).min(1),
  /** Where the drawn prompt starts again after a negative prompt ("负面提示词：… 正面提示词：…", "… Negative prompt: none. Extra positive: …"). */
  positiveMarkers: z.array(nonEmpty).min(1),
  /** A negative prompt that says it is empty ("Negative prompt: none. …"): what follows it is drawn. */
  emptyNegatives: z.array(nonEmpty).min(1),
  flagMarkers: z.array(z.string().regex(/^--[a-z]+$/, 'a flag marker is "--" and letters')),
  avoided: z
    .array(
      z.object({
        category: nonEmpty,
        kind: nonEmpty,
        en: z.array(nonEmpty),
        zh: z.array(nonEmpty),
        /** Words that, named in the same negative prompt, show what leaving these out is for ("nsfw, nude, swimsuit"). */
        unlessAlsoAvoided: z.object({ en: z.array(nonEmpty), zh: z.array(nonEmpty) }).optional(),
        /** Phrases a word stands in without being left out itself ("revealing clothes", 暴露的衣服): not looked in. */
        notIn: z.object({ en: z.array(nonEmpty), zh: z.array(nonEmpty) }).optional(),
      }),
    )
    .min(1),
  /** Harms listed to leave out without a marker ("without any blood or weapons"): inline-negatives.ts. */
  inline: inlineNegativesSchema,
});

export interface NegativePromptRules {
  /** Every marker in a prompt: group `negative` starts a negative prompt, group `positive` the drawn prompt again. */
  markers: RegExp;
  /** A negative prompt that says it is empty, then a separator and the text that is drawn. */
  emptyNegative: RegExp;
  avoided: { category: string; kind: string; words: NegativeWords; unless: NegativeWords | null; notIn: RegExp | null }[];
  inline: InlineNegativeRules;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** English words matched whole, Chinese ones anywhere. */
interface NegativeWords {
  en: RegExp | null;
  zh: string[];
}

function negativeWords(words: { en: string[]; zh: string[] }): NegativeWords {
  const en = [...words.en].sort((x, y) => y.length - x.length).map(escape);
  return { en: en.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${en.join('|')})(?![\\p{L}\\p{N}])`, 'iu') : null, zh: words.zh };
}

/** The first of `words` in `text`, English first. */
function firstWord(text: string, words: NegativeWords): string | undefined {
  return words.en?.exec(text)?.[0] ?? words.zh.find((w) => text.includes(w));
}

/** Any of the phrases, English ones as whole words, Chinese ones anywhere; null when there are none. */
function phrasesPattern(phrases: { en: string[]; zh: string[] }): RegExp | null {
  const en = [...phrases.en].sort((x, y) => y.length - x.length).map(escape);
  const zh = [...phrases.zh].sort((x, y) => y.length - x.length).map(escape);
  const parts = [...(en.length ? [`(?<![\\p{L}\\p{N}])(?:${en.join('|')})(?![\\p{L}\\p{N}])`] : []), ...(zh.length ? [`(?:${zh.join('|')})`] : [])];
  return parts.length ? new RegExp(parts.join('|'), 'giu') : null;
}

/** Word markers, longest first so "negative prompt:" is not read as "negative" then "prompt:", each starting a word (not "seronegative:") and ending with a colon. */
function wordMarkers(markers: string[]): string {
  const words = [...markers].sort((a, b) => b.length - a.length).map(escape);
  return `(?<![\\p{L}\\p{N}_])(?:${words.join('|')})\\s*[:：]`;
}

export function negativePromptRules(data: z.output<typeof negativePromptSchema>): NegativePromptRules {
  const flags = data.flagMarkers.map(escape);
  // A flag stands after a space or after punctuation typed without one ("合影，--no 武器").
  const negative = [wordMarkers(data.markers), ...(flags.length ? [`(?<=^|[\\s,，;；。、])(?:${flags.join('|')})(?=\\s)`] : [])];
  const empty = [...data.emptyNegatives].sort((a, b) => b.length - a.length).map(escape);
  return {
    // Negative markers come first, so "negative prompt:" is one negative marker, not "negative" and a positive "prompt:".
    markers: new RegExp(`(?<negative>${negative.join('|')})|(?<positive>${wordMarkers(data.positiveMarkers)})`, 'giu'),
    emptyNegative: new RegExp(`^\\s*(?:${empty.join('|')})(?![\\p{L}\\p{N}])\\s*[,，;；.。!！、]\\s*(?<drawn>\\S[\\s\\S]*)$`, 'iu'),
    avoided: data.avoided.map((a) => ({
      category: a.category,
      kind: a.kind,
      words: negativeWords(a),
      unless: a.unlessAlsoAvoided ? negativeWords(a.unlessAlsoAvoided) : null,
      notIn: a.notIn ? phrasesPattern(a.notIn) : null,
    })),
    inline: inlineNegativeRules(data.inline),
  };
}

export interface SplitPrompt {
  /** What the user wants drawn: the only text the screen's layers judge. */
  positive: string;
  /** What the user wants left out, as typed (trimmed), or null when the prompt has no marker. */
  negative: string | null;
}

/**
 * The prompt cut into what is drawn and what is left out. Text before any marker is drawn; a negative
 * marker starts a negative prompt, and it runs until a positive marker ("…Negative prompt: blurry.
 * Extra positive: …", "负面提示词：血腥。正面提示词：一只小狗…") or, when it says it is empty
 * ("Negative prompt: none. …", 反向提示词：无。…), until its first separator: what comes after is drawn
 * again, so nothing to be drawn escapes judgement by hiding behind a negative marker. A prompt with
 * nothing to draw outside its negative prompt is no cut: the whole prompt is judged.
 */
export function splitNegativePrompt(prompt: string, rules: NegativePromptRules): SplitPrompt {
  const drawn: string[] = [];
  const leftOut: string[] = [];
  let inNegative = false;
  let from = 0;
  const close = (to: number) => {
    const text = prompt.slice(from, to);
    if (!inNegative) return void drawn.push(text);
    const empty = rules.emptyNegative.exec(text);
    if (!empty?.groups) return void leftOut.push(text);
    // What follows an empty negative prompt is a prompt of its own, markers and all ("none. Also avoid: clothes").
    const rest = splitNegativePrompt(empty.groups['drawn'] ?? '', rules);
    drawn.push(rest.positive);
    if (rest.negative) leftOut.push(rest.negative);
  };
  for (const m of prompt.matchAll(rules.markers)) {
    const toNegative = m.groups?.['negative'] !== undefined;
    // A positive marker in drawn text and a negative marker in a negative prompt change nothing.
    if (toNegative === inNegative) continue;
    close(m.index);
    inNegative = toNegative;
    from = m.index + m[0].length;
  }
  if (!leftOut.length && !inNegative && from === 0) return { positive: prompt, negative: null };
  close(prompt.length);
  const positive = joinParts(drawn, /[\s,，;；.。(（]+$/u);
  if (!positive) return { positive: prompt, negative: null };
  return { positive, negative: joinParts(leftOut, /[\s,，;；.。]+$/u) || null };
}

/** The parts of one side, each trimmed of what tied it to the marker after it, joined as one list. */
function joinParts(parts: string[], trailing: RegExp): string {
  return parts
    .map((p) => p.replace(trailing, '').trim())
    .filter(Boolean)
    .join(', ');
}

/** Evidence that the negative prompt leaves out what keeps a picture safe ("Negative prompt: clothes, censor bars"). */
export function negativePromptEvidence(negative: string, rules: NegativePromptRules): ScreeningEvidence[] {
  const text = negative.normalize('NFKC');
  const evidence: ScreeningEvidence[] = [];
  for (const a of rules.avoided) {
    const matched = firstWord(a.notIn ? text.replace(a.notIn, ' ') : text, a.words);
    if (matched && !(a.unless && firstWord(text, a.unless)))
      evidence.push({ layer: 'negative-prompt', category: a.category, kind: a.kind, rule: matched.toLowerCase(), matched, readAs: [] });
  }
  return evidence;
}

/** The service's negative prompt with the user's own added, so what they asked to leave out is left out. */
export function withUserNegative(serviceNegative: string, userNegative: string | null): string {
  return userNegative ? `${serviceNegative}, ${userNegative}` : serviceNegative;
}
