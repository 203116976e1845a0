// Normalisation against filter evasion: every trick maps the prompt back to plain words that the
// word lists can match. Pure functions over strings.
import { foldCapitalLookalikes } from './lookalikes';

// The zero-width joiner stays between two emoji: it makes one picture of them (🏴‍☠️ is a pirate
// flag, not a black flag and a skull reading "dead death").
const ZERO_WIDTH =
  /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180e\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]|\u200d(?!\p{Extended_Pictographic})|(?<!\p{Extended_Pictographic}[\ufe0f\u{1f3fb}-\u{1f3ff}]*)\u200d/gu;
const HAN = /\p{Script=Han}/u;
const LETTER = /\p{L}/u;

// Letters typed apart one space each, the words parted by wider gaps ("a  r a b b i t  h a n g i n g"):
// two or more such words in a row. Collapsing the spacing first would lose where one word ends.
const SPACED_LETTER_WORD = String.raw`(?<![\p{L}\p{N}])\p{L}(?: \p{L})*(?![\p{L}\p{N}])`;
const SPACED_WORDS = new RegExp(`${SPACED_LETTER_WORD}(?:[^\\S\\n]{2,}${SPACED_LETTER_WORD})+(?<gap>[^\\S\\n]*)`, 'gu');

/** Letters typed apart are written as the words they spell, where wider gaps show which those are. */
export function joinSpacedWords(text: string): string {
  return text.replace(SPACED_WORDS, (run: string, ...rest: unknown[]) => {
    const { gap } = rest.at(-1) as { gap: string };
    const words = run
      .slice(0, run.length - gap.length)
      .split(/\s{2,}/u)
      .map((word) => word.replaceAll(' ', ''));
    // The gap after the last word parts it from the next as one space does.
    return words.join(' ') + (gap ? ' ' : '');
  });
}

/**
 * NFKC (full-width letters become ASCII), zero-width characters removed, letters typed apart with
 * wider gaps between words joined ("k i l l  t h e  c a t" is "kill the cat"), whitespace collapsed,
 * capitals that imitate another letter than their lower case does read as typed ("Νаzі" with a
 * Greek Ν is not "vazi"), lower case.
 */
export function normalizePrompt(prompt: string): string {
  return foldCapitalLookalikes(joinSpacedWords(prompt.normalize('NFKC').replace(ZERO_WIDTH, '')).replace(/\s+/g, ' ').trim()).toLowerCase();
}

function mapChars(text: string, table: Record<string, string>): string {
  let out = '';
  for (const ch of text) out += table[ch] ?? ch;
  return out;
}

/** Joins runs of one-letter words ("k i l l" -> "kill"); `keepArticle` leaves a leading "a"/"i" apart. */
function joinSingleLetters(words: string[], keepArticle: boolean): string[] {
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (keepArticle && run.length >= 3 && (run[0] === 'a' || run[0] === 'i')) out.push(run.shift()!);
    if (run.length) out.push(run.join(''));
    run = [];
  };
  for (const w of words) {
    if ([...w].length === 1) run.push(w);
    else {
      flush();
      out.push(w);
    }
  }
  flush();
  return out;
}

/**
 * The English reading of a normalised prompt (look-alikes already folded) as alternative word
 * sequences: plain words with leetspeak undone; words with inner punctuation removed ("g.u.n");
 * spaced-out letters joined ("k i l l"); stretched letters shortened ("kiiiill").
 */
export function englishReadings(normalized: string, leetspeak: Record<string, string[]>): string[][] {
  const leetChars = Object.keys(leetspeak)
    .map((c) => c.replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&'))
    .join('');
  // Two leetspeak tables: every symbol's first reading, and its second where it has one ("1" = i, then l).
  const tables = [0, 1].map((n) => Object.fromEntries(Object.entries(leetspeak).map(([k, v]) => [k, v[Math.min(n, v.length - 1)]!])));
  // Han characters become separate words so that English words inside Chinese text are seen.
  const spaced = normalized.replace(/(\p{Script=Han})/gu, ' $1 ');
  const rawSplit = spaced.split(new RegExp(`[^\\p{L}\\p{N}${leetChars}]+`, 'u'));
  const rawWhole = spaced.split(/\s+/u);
  const readings: string[][] = [];
  for (const table of tables) {
    // "!" ending a word is an exclamation, not a leetspeak i: "this pizza is the bomb!" has no
    // "bombi", nor has "'the bomb!'" with a closing quote after it.
    const undoLeet = (t: string) => (LETTER.test(t) ? mapChars(t.replace(/(?<=\p{L})!+(?=[^\p{L}\p{N}]*$)/u, ''), table) : t).replace(/[^\p{L}\p{N}]/gu, '');
    const latin = (words: string[]) => words.map(undoLeet).filter((t) => t && !HAN.test(t));
    const split = latin(rawSplit);
    const whole = latin(rawWhole);
    readings.push(split, whole, joinSingleLetters(whole, false), joinSingleLetters(whole, true));
    readings.push(
      split.map((t) => t.replace(/(.)\1{2,}/gu, '$1$1')),
      split.map((t) => t.replace(/(.)\1{2,}/gu, '$1')),
    );
  }
  return readings;
}

/** The Chinese reading: Han characters and Latin letters with spacing, punctuation and digits between them removed. */
export function chineseReading(normalized: string): string {
  return normalized.replace(/[^\p{Script=Han}\p{L}]/gu, '');
}
