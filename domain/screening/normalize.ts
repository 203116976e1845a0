// Normalisation against filter evasion: every trick maps the prompt back to plain words that the
// word lists can match. Pure functions over strings.

const ZERO_WIDTH = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/g;
const HAN = /\p{Script=Han}/u;
const LETTER = /\p{L}/u;

/** NFKC (full-width letters become ASCII), zero-width characters removed, whitespace collapsed, lower case. */
export function normalizePrompt(prompt: string): string {
  return prompt.normalize('NFKC').replace(ZERO_WIDTH, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

function mapChars(text: string, table: Record<string, string>): string {
  let out = '';
  for (const ch of text) out += table[ch] ?? ch;
  return out;
}

/**
 * The English reading of a normalised prompt as alternative word sequences: plain words, words
 * with leetspeak and look-alike letters undone, spaced-out letters ("k i l l", "g.u.n") joined,
 * and stretched letters ("kiiiill") shortened.
 */
export function englishReadings(normalized: string, leetspeak: Record<string, string>, homoglyphs: Record<string, string>): string[][] {
  const leetChars = Object.keys(leetspeak).map((c) => c.replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&')).join('');
  const undoLeet = (t: string) => (LETTER.test(t) ? mapChars(t, leetspeak) : t).replace(/[^\p{L}\p{N}]/gu, '');
  // Han characters become separate tokens so that English words inside Chinese text are seen.
  const tokens = mapChars(normalized, homoglyphs)
    .replace(/(\p{Script=Han})/gu, ' $1 ')
    .split(new RegExp(`[^\\p{L}\\p{N}${leetChars}]+`, 'u'))
    .filter((t) => t && !HAN.test(t));
  const decoded = tokens.map(undoLeet).filter(Boolean);
  const joined: string[] = [];
  let run = '';
  for (const t of tokens) {
    if ([...t].length === 1) {
      run += t;
      continue;
    }
    if (run) joined.push(undoLeet(run));
    run = '';
    joined.push(undoLeet(t));
  }
  if (run) joined.push(undoLeet(run));
  const readings = [decoded, joined.filter(Boolean)];
  if (decoded.some((t) => /(.)\1\1/u.test(t))) {
    readings.push(decoded.map((t) => t.replace(/(.)\1{2,}/gu, '$1$1')));
    readings.push(decoded.map((t) => t.replace(/(.)\1{2,}/gu, '$1')));
  }
  return readings;
}

/** The Chinese reading: Han characters and Latin letters with spacing, punctuation and digits between them removed. */
export function chineseReading(normalized: string): string {
  return normalized.replace(/[^\p{Script=Han}\p{L}]/gu, '');
}
