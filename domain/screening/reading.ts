// Layer 1 and the start of layer 2: a normalised prompt read every way an evader might have written
// it, each reading a token sequence (English lemmas or Chinese words) with the tricks undone to get
// there, which the verdict's evidence repeats.
import { chineseTokens, joinLoneParts, joinSplitCharacters } from './chinese';
import { readEmoji } from './emoji';
import type { Lexicon } from './lexicon';
import { readHomophones } from './homophones';
import { foldLookalikes } from './lookalikes';
import { allowedTokens } from './match-terms';
import { correctMisspellings } from './misspellings';
import { englishReadings } from './normalize';
import { pinyinInsideChinese, pinyinReadings, pinyinTokens, syllables } from './pinyin';
import { readSymbols } from './symbols';
import type { Reading } from './terms';

// Names of englishReadings()' readings, in its order (two leetspeak tables x six).
const ENGLISH_TRICKS = [
  'leetspeak undone',
  'punctuation inside a word removed',
  'spaced-out letters joined',
  'spaced-out letters joined',
  'stretched letters shortened',
  'stretched letters shortened',
];
const HAN = /\p{Script=Han}/u;

function englishOf(text: string, tricks: string[], lexicon: Lexicon, seen: Set<string>, pinyinPrompt: boolean): Reading[] {
  const readings: Reading[] = [];
  // In a prompt written in pinyin, a pinyin word is Chinese, not a misspelt English term.
  const keep = pinyinPrompt ? (word: string) => syllables(word) !== null : undefined;
  const add = (words: string[], trick: string, asSpelt?: Set<string>) => {
    const key = words.join(' ');
    if (seen.has(key) || words.length === 0) return;
    seen.add(key);
    const keepHere = asSpelt ? (word: string) => asSpelt.has(word) || (keep?.(word) ?? false) : keep;
    const { tokens, corrected } = correctMisspellings(lexicon.lemmatize(words), lexicon.misspellings, keepHere);
    const all = [...tricks, ...(trick ? [trick] : []), ...(corrected.length ? [`misspelling ${corrected.join(', ')}`] : [])];
    readings.push({ language: 'en', tokens, tricks: all });
  };
  // As written first: "mp5", "ak74" and "3 cats" keep their digits. Han characters part words, so
  // that English typed between characters unspaced ("小猪chef用knife切菜") is read as written too.
  add(
    text
      .replace(/\p{Script=Han}+/gu, ' ')
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean),
    '',
  );
  const english = englishReadings(text, lexicon.leetspeak);
  english.forEach((words, i) => {
    // The second leetspeak table ("1" as l) is a second guess: a word it spells otherwise than the
    // first table is matched as spelt, never corrected on top ("dr1nk1ng" is drinking, and its
    // second guess "drlnklng" is no misspelt "drunk").
    const twin = i >= ENGLISH_TRICKS.length ? english[i - ENGLISH_TRICKS.length] : undefined;
    const secondGuesses = twin && twin.length === words.length ? new Set(words.filter((w, j) => w !== twin[j])) : undefined;
    const trick = ENGLISH_TRICKS[i % ENGLISH_TRICKS.length]!;
    const joinedWords = trick === 'punctuation inside a word removed' ? joinedRealWords(words, english[i - 1] ?? [], lexicon) : undefined;
    add(words, trick, joinedWords && secondGuesses ? new Set([...joinedWords, ...secondGuesses]) : (joinedWords ?? secondGuesses));
    if (ENGLISH_TRICKS[i % ENGLISH_TRICKS.length] === 'spaced-out letters joined') {
      // Words also found in the readings that join nothing were written whole: only the joining's own are split.
      const apart = splitRunTogether(words, [...(english[0] ?? []), ...(english[1] ?? [])], lexicon);
      if (apart) add(apart, 'spaced-out letters joined, run-together words split');
    }
  });
  return readings;
}

/**
 * Words the punctuation reading joined ("nature-study" → "naturestudy") whose first part is a real
 * word: the plain reading already corrects each part on its own, so the joined word is matched as
 * spelt, never corrected as a whole ("naturestudy" is no misspelt "naturist…"). A word split inside
 * ("nak-id", "vio.lent") has no real first part and is still corrected.
 */
function joinedRealWords(joined: string[], split: string[], lexicon: Lexicon): Set<string> | undefined {
  const { nearWords, exact } = lexicon.misspellings;
  const out = new Set<string>();
  for (const word of joined) {
    for (let k = 0; k < split.length; k++) {
      const first = split[k]!;
      if (first.length < 3 || first.length >= word.length || !word.startsWith(first) || !(nearWords.has(first) || exact.has(first))) continue;
      let spelt = first;
      for (let m = k + 1; m < split.length && spelt.length < word.length; m++) spelt += split[m];
      if (spelt === word) out.add(word);
    }
  }
  return out.size ? out : undefined;
}

/** Small words a run-together phrase is glued with; every other part must be a lexicon word of three letters or more. */
const GLUE_WORDS = new Set(['a', 'an', 'the', 'of', 'to', 'in', 'on', 'at', 'with', 'and', 'his', 'her', 'its', 'my', 'is', 'are', 'for', 'by']);
const LONGEST_RUN = 40;

/**
 * Spaced-out letters lose the wider gaps between words once spacing is collapsed ("k i n d e r g a
 * r t e n   s h o o t i n g" joins into one word): a joined word that is wholly made of words the
 * lexicon knows (as written or as lemmas) and small glue words is read as those words, the fewest
 * that cover it. Only words the joining made are tried.
 */
function splitRunTogether(words: string[], plain: string[], lexicon: Lexicon): string[] | null {
  const written = new Set(plain);
  const exact = lexicon.misspellings.exact;
  const known = (part: string) =>
    GLUE_WORDS.has(part) || (part.length >= 3 && (exact.has(part) || lexicon.lemmatize([part]).some((t) => t.lemmas.some((l) => exact.has(l)))));
  let changed = false;
  const out = words.flatMap((word) => {
    if (written.has(word) || word.length < 6 || word.length > LONGEST_RUN || exact.has(word)) return [word];
    // An allowed phrase run together ("shootingstar") is the joined reading's to cover, not split apart.
    for (const phrase of lexicon.allowedPhrases) if (phrase.includes(' ') && word.includes(phrase.replaceAll(' ', ''))) return [word];
    // best[i]: the fewest known parts that spell word[0, i), with where the last one starts.
    const best: ({ parts: number; from: number } | null)[] = [{ parts: 0, from: 0 }];
    for (let i = 1; i <= word.length; i++) {
      best[i] = null;
      for (let j = 0; j < i; j++) {
        const before = best[j];
        if (before && (best[i] === null || before.parts + 1 < best[i]!.parts) && known(word.slice(j, i))) best[i] = { parts: before.parts + 1, from: j };
      }
    }
    if (!best[word.length] || best[word.length]!.parts < 2) return [word];
    const parts: string[] = [];
    for (let i = word.length; i > 0; i = best[i]!.from) parts.unshift(word.slice(best[i]!.from, i));
    changed = true;
    return parts;
  });
  return changed ? out : null;
}

const TONE_MARK = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/u;

/**
 * A prompt written in pinyin with tone marks ("xiǎo gǒu zhuī hú dié") has its toned syllables
 * blanked for the English readings: folded to plain letters they would read as English words
 * ("dié", butterfly, as "die"). The pinyin reading still reads them. Only a prompt that is mostly
 * pinyin is treated so; a toned letter inside English ("a gún") stays a look-alike.
 */
function withoutTonedPinyin(text: string, lexicon: Lexicon): string {
  if (!TONE_MARK.test(text) || !pinyinTokens(text, lexicon.pinyin)) return text;
  return text.replace(/[\p{L}\p{M}]+/gu, (word) => (TONE_MARK.test(word.normalize('NFC')) && syllables(word) ? ' ' : word));
}

/** "18+" and "21+" (adults only) as one word, "18plus", which the lexicon can name; the digits alone are any number. */
const adultsOnly = (text: string) => text.replace(/\b(\d{2})\s?\+/gu, ' $1plus ');

export function readPrompt(normalizedPrompt: string, lexicon: Lexicon): Reading[] {
  const readings: Reading[] = [];
  const seen = new Set<string>();
  // Runes and other symbols first, before look-alike folding could make letters of them.
  const symbols = readSymbols(normalizedPrompt, lexicon.symbols);
  const symbolTricks = symbols.read.map(({ symbol, words }) => `symbol ${symbol} read as "${words}"`);
  const written = symbols.text;
  // A look-alike may imitate two letters (Greek ι: i or l): both foldings are read.
  const english = adultsOnly(withoutTonedPinyin(written, lexicon));
  const pinyinPrompt = pinyinTokens(written, lexicon.pinyin) !== null;
  const folds = [...new Set([foldLookalikes(english, lexicon.lookalikes, 0), foldLookalikes(english, lexicon.lookalikes, 1)])];
  for (const folded of folds) {
    const tricks = [...symbolTricks, ...(folded !== english ? ['look-alike letters folded'] : [])];
    const emoji = readEmoji(folded, lexicon.emoji);
    for (const { emoji: e, words } of emoji.read) tricks.push(`emoji ${e} read as "${words}"`);
    for (const reading of englishOf(emoji.text, tricks, lexicon, seen, pinyinPrompt))
      readings.push(emoji.read.length ? { ...reading, emoji: emoji.read } : reading);
  }

  const folded = foldLookalikes(written, lexicon.lookalikes, 0);
  const baseTricks = [...symbolTricks, ...(folded !== written ? ['look-alike letters folded'] : [])];
  if (HAN.test(folded)) {
    const simplified = lexicon.toSimplified(folded);
    const joined = joinLoneParts(joinSplitCharacters(simplified, lexicon.splitCharacters), lexicon.splitParts);
    const tricks = [...baseTricks];
    if (simplified !== folded) tricks.push('traditional → simplified');
    if (joined !== simplified) tricks.push('split characters joined');
    const tokens = chineseTokens(joined);
    const withPinyin = pinyinInsideChinese(tokens, lexicon.pinyin, lexicon.homophones);
    if (withPinyin.some((t) => t.via)) tricks.push('pinyin inside Chinese read as Chinese');
    const reading: Reading = { language: 'zh', tokens: withPinyin, tricks };
    readings.push(reading);
    const homophones = readHomophones(withPinyin, allowedTokens(reading, lexicon.index), lexicon.homophones);
    if (homophones) readings.push({ language: 'zh', tokens: homophones, tricks: [...tricks, 'homophones read as the words they sound like'] });
  } else {
    // From the front, from the back ("xiang zi sha" is xiang + 自杀 as well as 箱子 + sha) and cut
    // where a word starts inside another (pinyinReadings).
    for (const tokens of pinyinReadings(folded, lexicon.pinyin) ?? [])
      readings.push({ language: 'zh', tokens, tricks: [...baseTricks, 'pinyin read as Chinese'] });
  }
  return readings;
}
