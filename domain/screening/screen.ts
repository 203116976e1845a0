// Prompt screening: normalise, match the word lists, and wrap accepted prompts in the kid style.
import type { ScreeningVerdict } from '../pipeline';
import type { Style } from '../request';
import type { BlockTerm, Lexicon } from './lexicon';
import { chineseReading, englishReadings, normalizePrompt } from './normalize';

// Names of englishReadings()' readings, for the rejection reason.
const READING_NAMES = ['', 'punctuation inside a word removed', 'spaced-out letters joined', 'spaced-out letters joined', 'stretched letters shortened', 'stretched letters shortened'];
const readingName = (i: number) => READING_NAMES[i % READING_NAMES.length] ?? '';

interface Match {
  term: BlockTerm;
  how: string;
}

function wordsMatch(words: string[], at: number, pattern: string[], prefix: boolean): boolean {
  if (at + pattern.length > words.length) return false;
  return pattern.every((p, i) => {
    const w = words[at + i]!;
    return prefix && i === pattern.length - 1 ? w.startsWith(p) : w === p;
  });
}

function englishMatches(words: string[], lexicon: Lexicon): BlockTerm[] {
  // Words covered by an allowed phrase ("killer whale") cannot be part of a blocked match.
  const covered = new Array<boolean>(words.length).fill(false);
  for (const phrase of lexicon.allow) {
    if (phrase.language !== 'en') continue;
    for (let i = 0; i < words.length; i++) {
      if (wordsMatch(words, i, phrase.words, false)) for (let j = 0; j < phrase.words.length; j++) covered[i + j] = true;
    }
  }
  const found: BlockTerm[] = [];
  for (const term of lexicon.block) {
    if (term.language !== 'en') continue;
    for (let i = 0; i < words.length; i++) {
      if (wordsMatch(words, i, term.words, term.prefix) && term.words.every((_, j) => !covered[i + j])) {
        found.push(term);
        break;
      }
    }
  }
  return found;
}

function chineseMatches(text: string, lexicon: Lexicon): BlockTerm[] {
  let rest = text;
  for (const phrase of lexicon.allow) if (phrase.language === 'zh') rest = rest.split(phrase.words[0]!).join('\u0000');
  return lexicon.block.filter((t) => t.language === 'zh' && rest.includes(t.words[0]!));
}

export function finalPromptFor(prompt: string, style: Style, lexicon: Lexicon): string {
  return lexicon.template.replace('{prompt}', prompt.trim()).replace('{style}', lexicon.styles[style]);
}

export function screenPrompt(prompt: string, style: Style, lexicon: Lexicon): ScreeningVerdict {
  const normalizedPrompt = normalizePrompt(prompt);
  const matches: Match[] = [];
  const seen = new Set<BlockTerm>();
  englishReadings(normalizedPrompt, lexicon.leetspeak, lexicon.homoglyphs).forEach((words, reading) => {
    for (const term of englishMatches(words, lexicon)) {
      if (seen.has(term)) continue;
      seen.add(term);
      matches.push({ term, how: readingName(reading) });
    }
  });
  for (const term of chineseMatches(chineseReading(normalizedPrompt), lexicon)) matches.push({ term, how: '' });

  if (matches.length === 0) {
    return {
      allowed: true,
      category: null,
      reasons: [],
      normalizedPrompt,
      finalPrompt: finalPromptFor(prompt, style, lexicon),
      negativePrompt: lexicon.negativePrompt,
    };
  }
  // The most specific (longest) match names the category: "suicide bomber" is terrorism, not self-harm.
  const length = (m: Match) => m.term.words.join(' ').length + (m.term.prefix ? 0 : 0.5);
  matches.sort((a, b) => length(b) - length(a));
  return {
    allowed: false,
    category: matches[0]!.term.category,
    reasons: matches.map((m) => `${m.term.category}: contains "${m.term.source}"${m.how ? ` (${m.how})` : ''}`),
    normalizedPrompt,
    finalPrompt: null,
    negativePrompt: null,
  };
}
