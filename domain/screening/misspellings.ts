// Misspellings undone (layer 1): "rifel", "sucide", "swastica" are one edit (a letter added,
// dropped, changed or two swapped) from a lexicon word. Found with SymSpell's trick: two words one
// edit apart share a one-deletion variant, so candidates come from a map, not a scan. Real words
// one edit from a lexicon word ("scarf" / "scary", "bloom" / "blood") are precomputed from
// WordNet into generated/near-words.json and never corrected. The words of the patterns (layer 4)
// are corrected to as well: "bikinni" and "throaat" are misspelt descriptions, not new words.
import type { Pattern } from './patterns';
import type { Term, Token } from './terms';

/** Letters a misspelt prefix stem may be followed by: an ending ("bleedin"), not another word or a suffix making one ("vacination" is no "vagina…"). */
const MAX_MISSPELT_ENDING = 3;

/** Shortest word (or prefix stem) worth correcting: below it too many real words are one edit apart. */
export const MIN_FUZZY_LENGTH = 5;

/** Shortest lexicon word a doubled letter is undone to ("sexxy", "guun"): one edit, but only of that shape. */
const MIN_UNDOUBLED_LENGTH = 3;

export interface FuzzyTarget {
  word: string;
  prefix: boolean;
}

export interface MisspellingIndex {
  /** Deletion variant → lexicon words it may come from. */
  variants: Map<string, FuzzyTarget[]>;
  /** Prefix stem lengths present, to cut a token to. */
  stemLengths: number[];
  /** Every target word, short ones too, for a doubled letter undone ("sexxy" → "sexy"). */
  exact: Set<string>;
  nearWords: Set<string>;
}

export function deletions(word: string): string[] {
  const out = [word];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Damerau (optimal string alignment) distance, stopping early past 1. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // one letter changed
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // two swapped
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * The English single words (and prefix stems) that misspellings are corrected to: the lexicon's
 * terms and the words of its English patterns.
 */
export function fuzzyTargets(terms: Term[], patterns: Pattern[] = []): FuzzyTarget[] {
  const candidates: FuzzyTarget[] = [];
  for (const t of terms) {
    if (t.language !== 'en' || t.category === '-' || t.when || t.words.length !== 1) continue;
    candidates.push({ word: t.words[0]!, prefix: t.prefix });
  }
  for (const p of patterns) {
    if (p.language !== 'en') continue;
    for (const e of p.elements) {
      if (e.type !== 'words') continue;
      for (const a of e.alternatives) if (a.kind === undefined && a.parts.length === 1) candidates.push({ word: a.parts[0]!, prefix: a.prefix });
    }
  }
  const seen = new Set<string>();
  return candidates.filter((t) => {
    if (t.word.length < MIN_UNDOUBLED_LENGTH || !/^[a-z]+$/.test(t.word) || seen.has(t.word)) return false;
    seen.add(t.word);
    return true;
  });
}

export function misspellingIndex(targets: FuzzyTarget[], nearWords: string[]): MisspellingIndex {
  const variants = new Map<string, FuzzyTarget[]>();
  const fuzzy = targets.filter((t) => t.word.length >= MIN_FUZZY_LENGTH);
  for (const t of fuzzy) for (const v of deletions(t.word)) variants.set(v, [...(variants.get(v) ?? []), t]);
  return {
    variants,
    stemLengths: [...new Set(fuzzy.filter((t) => t.prefix).map((t) => t.word.length))],
    exact: new Set(targets.map((t) => t.word)),
    nearWords: new Set(nearWords),
  };
}

/**
 * A short word with one letter typed twice ("sexxy", "guun"), undone when that gives a target word.
 * Short words are otherwise never corrected (too many real words are one edit apart), but a doubled
 * letter is how they are stretched past a list, and near-words.json keeps real words ("shoot") out.
 */
function undoubled(word: string, exact: Set<string>): string | null {
  for (let i = 1; i < word.length; i++) {
    if (word[i] !== word[i - 1]) continue;
    const once = word.slice(0, i) + word.slice(i + 1);
    if (exact.has(once)) return once;
  }
  return null;
}

/**
 * A short word with a doubled letter typed once ("blod", "kil"), redoubled when that gives a target
 * word of four letters or more: the other way a short word is misspelt, and as narrow, since
 * near-words.json keeps the real words it would reach ("wed" is no misspelt "weed").
 */
function redoubled(word: string, exact: Set<string>): string | null {
  for (let i = 0; i < word.length; i++) {
    const twice = word.slice(0, i + 1) + word.slice(i);
    if (twice.length >= 4 && exact.has(twice)) return twice;
  }
  return null;
}

/**
 * The lexicon word `word` is one edit from, or null. Whole words compare whole; prefix stems compare
 * the word's start, unless that start is itself a real word ("nighter" starts with "night", a word,
 * not a misspelt "fight").
 */
export function correction(word: string, index: Pick<MisspellingIndex, 'variants' | 'stemLengths' | 'exact' | 'nearWords'>, wholeOnly = false): string | null {
  if (!/^[a-z]+$/.test(word)) return null;
  if (word.length <= MIN_FUZZY_LENGTH && word.length > MIN_UNDOUBLED_LENGTH) {
    const once = undoubled(word, index.exact);
    if (once) return once;
  }
  if (word.length < MIN_FUZZY_LENGTH) return word.length >= MIN_UNDOUBLED_LENGTH ? redoubled(word, index.exact) : null;
  const tryPiece = (piece: string, prefixOnly: boolean): string | null => {
    for (const v of deletions(piece)) {
      for (const t of index.variants.get(v) ?? []) {
        if (t.word === word || (prefixOnly && !t.prefix) || !withinOneEdit(piece, t.word)) continue;
        if (!prefixOnly && t.prefix && piece.length < t.word.length) continue;
        return t.word;
      }
    }
    return null;
  };
  const whole = tryPiece(word, false);
  if (whole || wholeOnly) return whole;
  for (const len of index.stemLengths) {
    const cuts = [len - 1, len, len + 1];
    // A word that starts with a real word near the stem ("violet-eyed" → "violeteyed") is that word
    // and more, whichever cut is tried: "violetc" is not a misspelt "violent" either.
    if (cuts.some((l) => l < word.length && index.nearWords.has(word.slice(0, l)))) continue;
    for (const l of cuts) {
      // A misspelt stem takes an ending ("bleedin", "violentt"), not a run of other words:
      // "baeedeag" and "violetpetals" are no misspelt "bleed…" or "violent…".
      if (l < MIN_FUZZY_LENGTH || l >= word.length || word.length - l > MAX_MISSPELT_ENDING) continue;
      const found = tryPiece(word.slice(0, l), true);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Spelling a word as it sounds puts several edits between it and the lexicon word ("metamfetamine":
 * ph written f, h dropped), so the sound-alike letters are first written back the way English
 * spells them (f→ph, k→c, z→s, x→cs), each alone and all together, and the result is corrected as
 * usual: "ekstasy", "kokaine", "metamfetamine".
 */
const SOUND_SPELLINGS: [RegExp, string][] = [
  [/f/g, 'ph'],
  [/k/g, 'c'],
  [/z/g, 's'],
  [/x/g, 'cs'],
];

/**
 * A long vowel written as a vowel pair instead of the silent e ("roap" for rope, "raip" for rape): the
 * word respelled with the silent e is taken only when it is a lexicon or pattern word as such, so
 * short words count too; real words that respell into one ("road" → "rode") are in near-words.json.
 */
const VOWEL_TEAMS: [RegExp, string][] = [
  [/oa([bcdfgklmnprstvz])$/, 'o$1e'],
  [/ai([bcdfgklmnprstvz])$/, 'a$1e'],
];
const MIN_VOWEL_TEAM_LENGTH = 4;

export function soundCorrection(word: string, index: Pick<MisspellingIndex, 'variants' | 'stemLengths' | 'exact' | 'nearWords'>): string | null {
  if (word.length >= MIN_VOWEL_TEAM_LENGTH) {
    for (const [team, silentE] of VOWEL_TEAMS) {
      const respelled = word.replace(team, silentE);
      if (respelled !== word && index.exact.has(respelled)) return respelled;
    }
  }
  if (word.length < MIN_FUZZY_LENGTH) return null;
  const applicable = SOUND_SPELLINGS.filter(([from]) => word.search(from) >= 0);
  const respellings = new Set(applicable.map(([from, to]) => word.replace(from, to)));
  if (applicable.length > 1) respellings.add(applicable.reduce((w, [from, to]) => w.replace(from, to), word));
  for (const respelled of respellings) {
    if (index.variants.get(respelled)?.some((t) => t.word === respelled && !t.prefix)) return respelled;
    // Respelled into a real word ("cheeze" is cheese), it is that word, not a misspelt term one edit on.
    if (index.nearWords.has(respelled)) continue;
    // Whole words only: a respelled real word's start is too often one edit from a stem ("football" as "phoot…", "shoot").
    const found = correction(respelled, index, true);
    if (found) return found;
  }
  return null;
}

/**
 * Closed-class words (modals, auxiliaries and their "n't" stems, prepositions, conjunctions,
 * pronouns, determiners) are real words that WordNet, and so near-words.json, does not list:
 * "would" is one letter from "wound", "during" from "luring" and "where" from "there", yet "she
 * would like a cake" is no misspelling.
 */
const FUNCTION_WORDS = new Set(
  [
    'would wouldn should shouldn could couldn might mightn must mustn shall shan will won can cannot does doesn did didn has hasn have haven had hadn was wasn were weren are aren',
    'about above across after against along among amongst around before behind below beneath beside besides between beyond despite during except inside into onto outside since through throughout toward towards under underneath until unto upon within without',
    'although because either neither unless whereas whether while whilst though',
    'where there these those their theirs which whose whom whoever whatever whenever wherever whichever other others another',
    'itself himself herself myself yourself yourselves ourselves themselves anyone someone everyone nobody anybody somebody everybody anything something everything nothing',
  ]
    .join(' ')
    .split(' '),
);

/** Tokens with a correction added as a lemma, unless they are real words or forms the lemmatiser knows ("stars", "doing"). */
/**
 * `keep` names words that are no misspelling whatever they are one edit from: the syllables of a
 * prompt written in pinyin ("da xue zhang" is 打雪仗, and "zhang" is not a misspelt "bhang").
 */
export function correctMisspellings(
  tokens: Token[],
  index: MisspellingIndex,
  keep: (word: string) => boolean = () => false,
): { tokens: Token[]; corrected: string[] } {
  const corrected: string[] = [];
  const out = tokens.map((token) => {
    // A form of a word the index knows ("slapping" of slap, "vaping" of vape) is that word, not a
    // misspelling of another one edit away ("slipping", "taping").
    if (
      token.inflected ||
      keep(token.text) ||
      FUNCTION_WORDS.has(token.text) ||
      [token.text, ...token.lemmas].some((f) => index.nearWords.has(f)) ||
      // A lexicon word as written ("katana", which the lemmatiser does not know) is itself, not a misspelt "satan".
      [token.text, ...token.lemmas].some((f) => index.exact.has(f))
    )
      return token;
    const fixed = correction(token.text, index) ?? soundCorrection(token.text, index);
    if (!fixed || fixed === token.text || token.lemmas.includes(fixed)) return token;
    corrected.push(`"${token.text}" read as "${fixed}"`);
    return { ...token, lemmas: [...token.lemmas, fixed] };
  });
  return { tokens: out, corrected };
}
