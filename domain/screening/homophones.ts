// Chinese homophones read back (layer 1): 手抢 for 手枪, 吸读 for 吸毒, 瑟琴 for 色情 sound like the
// lexicon word, tones aside. Each character's default pinyin comes from generated/han-pinyin.json
// (pinyin-pro at build time); a run of characters that spells a lexicon word of two or more
// syllables in other characters becomes that word. Lone syllables are too ambiguous (枪/墙).
//
// Most two-character runs that sound like a lexicon word are ordinary words (大家 sounds like 打架,
// 留学 like 流血, 究竟 like 酒精, 看到 like 砍刀): on the held-out set, reading every such run made
// 9 % of benign prompts fail. So a run counts only when the written characters look like a
// substitution and the word they stand for is a real word, both judged by one dictionary, ICU's
// (Intl.Segmenter, the same one that cuts the prompt into words) with pinyin-pro's word list
// beside it (ICU lacks some common words: 寻思, 'to ponder', sounds like 寻死):
//   - the run as written is not a word (given alone, either dictionary keeps it whole: 大家, 寻思);
//   - the word it sounds like is a word of the dictionaries or a term of blocklist.tsv/kinds.tsv
//     (pattern vocabulary such as 一把 is only read back from runs that are no word at all);
//   - it ends where a word ends, so 打麻将 never spells 大麻;
//   - it starts where a word starts, or inside a word whose leading part is only function
//     characters (着, 了, 在…), because a wrong character misleads the segmenter into joining a
//     particle to it (拿|着手|抢: 手抢 begins inside 着手); 脖子|上 does not spell 自伤, since 脖 is
//     not a function character;
//   - it does not start on a localiser that ends a place phrase (草地|上|叼回 is "on the grass,
//     fetched", not 上吊; 树林|里|捡 is not 利剑; 抽屉|里|翻找 is not 里番);
//   - its last character, alone as a word, does not begin a word with the word after it (把|零|花钱:
//     零花, pocket money, is not 霸凌 cut short);
//   - its first character, alone as a word, does not end a word with the word before it (幼儿|园|教:
//     幼儿园, kindergarten, is a word, so 园教 is not 援交; round 10). Neither dictionary lists
//     幼儿园 or 图书馆 whole (ICU cuts 幼儿|园, 图书|馆), so homophones.json's splitWords names the
//     ordinary words of a place and its suffix (园 院 馆 宫 所) that the dictionary test misses.
//   - it does not cut a counted phrase: start on a measure word after a numeral (一只|拿着 is not
//     支那), end on the 一 of a reduplicated verb (一颠一颠 is not 电椅) or on a one-character verb
//     an aspect particle follows (人|指|着 is not 人质) (round 11).
// The last three came from benign prompts written for the classifier on 2026-11-27 (rounds 7 and
// 11), which these readings had denied.
// Front and back nasal finals (in/ing, en/eng) count as one sound: many speakers merge them and
// internet slang relies on it (瑟琴 sè qín for 色情 sè qíng).
import type { PinyinVocabulary } from './pinyin';
import type { Token } from './terms';

export function syllableOfHan(bySyllable: Record<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [syllable, chars] of Object.entries(bySyllable)) for (const ch of chars) out.set(ch, syllable);
  return out;
}

/** A syllable with its nasal final folded (qing → qin, feng → fen): the key homophones are compared on. */
export const foldNasal = (syllable: string) => syllable.replace(/(?<=[ie])ng$/, 'n');

export interface HomophoneReader {
  /** Han character → its default toneless syllable. */
  syllableOf: Map<string, string>;
  /** The lexicon's words by their pinyin with nasal finals folded ("se qin" → 色情). */
  words: Map<string, string[]>;
  longest: number;
  /** Characters that may be left in front of a run inside a word (particles, pronouns, prepositions). */
  functionCharacters: Set<string>;
  /** Verb complements and particles (上, 进, 开, 是, 了…): a run ending in one is a word and its grammar as written (装上), not a homophone. */
  endingCharacters: Set<string>;
  /** Localisers (上, 里, 下…): one standing after a place word of two characters or more ends that phrase (草地|上). */
  localiserCharacters: Set<string>;
  /** Numerals and demonstratives (一, 两, 这…) that a measure word after them belongs to (round 11). */
  numeralCharacters: Set<string>;
  /** Measure words (只, 个, 条…): after a numeral, never the start of a run (一只|拿 is not 支那). */
  measureCharacters: Set<string>;
  /** Aspect particles (着): a one-character word before one is a verb, never the end of a run (人|指|着 is not 人质). */
  aspectCharacters: Set<string>;
  /** Degree adverbs and modals (太, 很, 要…): one ending a run right before another word modifies that word (猫|太|可爱 is "the cat is so cute", not 茅台). */
  adverbCharacters: Set<string>;
  /** Whether a dictionary keeps this text (two characters or more) as one word, or homophones.json's splitWords lists it. */
  isWord: (text: string) => boolean;
  /** The Chinese terms of blocklist.tsv and kinds.tsv: words a homophone may stand for even when no dictionary has them (自残). */
  terms: Set<string>;
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

type Segment = (text: string, options: { format: number }) => { origin: string }[];

/** The dictionary test: ICU's word list, then pinyin-pro's; memoised, the same runs come back prompt after prompt. */
export function dictionaryWord(): (text: string) => boolean {
  // pinyin-pro's segmenter knows the words whose reading it must disambiguate (about 4,000,
  // 寻思 among them); loading it costs about 30 ms once per process.
  const pinyinPro = require('pinyin-pro') as { segment: Segment; OutputFormat: { AllSegment: number } };
  const known = new Map<string, boolean>();
  return (text) => {
    let word = known.get(text);
    if (word === undefined) {
      word =
        [...text].length > 1 &&
        ([...segmenter.segment(text)].length === 1 || pinyinPro.segment(text, { format: pinyinPro.OutputFormat.AllSegment }).length === 1);
      if (known.size < 10_000) known.set(text, word);
    }
    return word;
  };
}

export function homophoneReader(
  syllableOf: Map<string, string>,
  vocabulary: PinyinVocabulary,
  characters: {
    functionCharacters: string;
    endingCharacters: string;
    localiserCharacters: string;
    splitWords?: readonly string[];
    numeralCharacters?: string;
    measureCharacters?: string;
    aspectCharacters?: string;
    adverbCharacters?: string;
  },
  terms: Iterable<string>,
): HomophoneReader {
  const words = new Map<string, string[]>();
  for (const [pinyin, spelled] of vocabulary.words) {
    const key = pinyin.split(' ').map(foldNasal).join(' ');
    words.set(key, [...(words.get(key) ?? []), ...spelled]);
  }
  const dictionary = dictionaryWord();
  const splitWords = new Set(characters.splitWords ?? []);
  return {
    syllableOf,
    words,
    longest: vocabulary.longest,
    functionCharacters: new Set(characters.functionCharacters),
    endingCharacters: new Set(characters.endingCharacters),
    localiserCharacters: new Set(characters.localiserCharacters),
    numeralCharacters: new Set(characters.numeralCharacters ?? ''),
    measureCharacters: new Set(characters.measureCharacters ?? ''),
    aspectCharacters: new Set(characters.aspectCharacters ?? ''),
    adverbCharacters: new Set(characters.adverbCharacters ?? ''),
    isWord: (text) => splitWords.has(text) || dictionary(text),
    terms: new Set(terms),
  };
}

interface CharAt {
  ch: string;
  token: number;
  startsToken: boolean;
  endsToken: boolean;
  /** The first character of a clause: "等着吃，刀放在…" has no 吃刀 (持刀) in it. */
  opensClause: boolean;
}

/** The text of token `token` as characters, or '' outside the prompt. */
const tokenText = (chars: CharAt[], token: number) =>
  chars
    .filter((c) => c.token === token)
    .map((c) => c.ch)
    .join('');

/** Whether the character at i is a localiser standing alone after a content word of two characters or more (草地|上). */
function endsPlacePhrase(chars: CharAt[], i: number, reader: HomophoneReader): boolean {
  const c = chars[i]!;
  if (!c.startsToken || !c.endsToken || !reader.localiserCharacters.has(c.ch)) return false;
  const before = [...tokenText(chars, c.token - 1)];
  // A one-character noun counts too (落叶|堆|里|捡: in the pile, picking up; round 11).
  return before.length >= 1 && /\p{Script=Han}/u.test(before.join('')) && !before.every((ch) => reader.functionCharacters.has(ch));
}

/**
 * Whether the run from i of n characters cuts a counted phrase (round 11): it starts on a measure
 * word after a numeral (一只|拿着 is "one of them holding", not 支那; 一个|披着 is not 嗝屁), ends on
 * the 一 of a reduplicated verb (一|颠|一|颠 is "bumping along", not 电椅), or ends on a
 * one-character verb that an aspect particle follows (人|指|着 is "the man pointing", not 人质).
 */
function cutsCountedPhrase(chars: CharAt[], i: number, n: number, reader: HomophoneReader): boolean {
  const first = chars[i]!;
  const before = chars[i - 1];
  if (reader.measureCharacters.has(first.ch) && before && reader.numeralCharacters.has(before.ch)) return true;
  const last = chars[i + n - 1]!;
  const next = chars[i + n];
  if (last.ch === '一' && next && chars[i + n - 2] && next.ch === chars[i + n - 2]!.ch) return true;
  return last.startsToken && next !== undefined && next.startsToken && next.endsToken && reader.aspectCharacters.has(next.ch);
}

/**
 * Whether the character at i, a word of its own, begins a word with the word of two characters or
 * more after it, or with that word's first character (零|花钱: 零花, pocket money, is a word).
 */
function beginsLongerWord(chars: CharAt[], i: number, reader: HomophoneReader): boolean {
  const c = chars[i]!;
  if (!c.startsToken || !c.endsToken) return false;
  const after = [...tokenText(chars, c.token + 1)];
  return after.length >= 2 && (reader.isWord(c.ch + after.join('')) || reader.isWord(c.ch + after[0]!));
}

/**
 * Whether the character at i, a word of its own, ends a word with the word of two characters or
 * more before it (幼儿|园: the segmenter cuts 幼儿园, kindergarten, so 园|教 is not a run of its own
 * and does not spell 援交). The mirror of beginsLongerWord.
 */
function endsLongerWord(chars: CharAt[], i: number, reader: HomophoneReader): boolean {
  const c = chars[i]!;
  if (!c.startsToken || !c.endsToken) return false;
  const before = tokenText(chars, c.token - 1);
  return [...before].length >= 2 && reader.isWord(before + c.ch);
}

/** The lexicon word a run of characters stands for, or null when the run is not a substitution (see the file comment). */
function substitution(chars: CharAt[], i: number, n: number, covered: boolean[], reader: HomophoneReader): string[] | null {
  const run = chars.slice(i, i + n);
  if (!run[n - 1]!.endsToken || run.some((c) => covered[c.token]) || run.slice(1).some((c) => c.opensClause)) return null;
  const syllables = run.map((c) => reader.syllableOf.get(c.ch));
  if (syllables.some((s) => !s)) return null;
  const found = reader.words.get(syllables.map((s) => foldNasal(s!)).join(' '));
  const text = run.map((c) => c.ch).join('');
  if (!found || found.includes(text) || reader.isWord(text)) return null;
  // A run that ends in a verb complement (装上: fit on) or a particle (好戏|是) is a real
  // word and its grammar, which the dictionaries do not list as one word: it stays as written and is
  // not read as 撞伤 or 吸食, whose last character differs from the one written.
  const last = run[n - 1]!.ch;
  // So does a run ending in an adverb or a modal that the next word follows at once (但|要|可爱: "but
  // it must be cute", not 弹药; round 49): the adverb belongs to that word.
  const next = chars[i + n];
  const modifies = reader.adverbCharacters.has(last) && next !== undefined && next.startsToken && /\p{Script=Han}/u.test(next.ch);
  const grammatical = reader.endingCharacters.has(last) || modifies;
  const words = found.filter((w) => (reader.terms.has(w) || reader.isWord(w)) && !(grammatical && !w.endsWith(last)));
  if (words.length === 0) return null;
  if (!run[0]!.startsToken) {
    const head = chars.filter((c, k) => k < i && c.token === run[0]!.token);
    if (!head.every((c) => reader.functionCharacters.has(c.ch))) return null;
  }
  if (
    endsPlacePhrase(chars, i, reader) ||
    endsLongerWord(chars, i, reader) ||
    beginsLongerWord(chars, i + n - 1, reader) ||
    cutsCountedPhrase(chars, i, n, reader)
  )
    return null;
  return words;
}

/** The tokens with homophone runs replaced, or null when there is none. `covered` marks allowed words (大妈). */
export function readHomophones(tokens: Token[], covered: boolean[], reader: HomophoneReader): Token[] | null {
  const chars: CharAt[] = [];
  tokens.forEach((t, i) =>
    [...t.text].forEach((ch, k, all) =>
      chars.push({ ch, token: i, startsToken: k === 0, endsToken: k === all.length - 1, opensClause: k === 0 && t.opensClause === true }),
    ),
  );
  const out: Token[] = [];
  let changed = false;
  let pendingToken = -1;
  const flushTo = (token: number) => {
    // Keep the original tokens before a homophone; a token cut by it keeps its leading part.
    for (let t = pendingToken + 1; t < token; t++) out.push(tokens[t]!);
    pendingToken = Math.max(pendingToken, token - 1);
  };
  for (let i = 0; i < chars.length; i++) {
    let found: { n: number; words: string[] } | null = null;
    for (let n = Math.min(reader.longest, chars.length - i); n >= 2 && !found; n--) {
      const words = substitution(chars, i, n, covered, reader);
      if (words) found = { n, words };
    }
    if (!found) continue;
    const first = chars[i]!;
    flushTo(first.token);
    // The part of a token before the run stays a token of its own (着 of 着手).
    const head = chars
      .slice(0, i)
      .filter((c) => c.token === first.token)
      .map((c) => c.ch)
      .join('');
    if (head) out.push({ text: head, lemmas: [head] });
    const text = chars
      .slice(i, i + found.n)
      .map((c) => c.ch)
      .join('');
    out.push({ text: found.words[0]!, lemmas: found.words, via: `homophone ${text}` });
    pendingToken = chars[i + found.n - 1]!.token;
    changed = true;
    i += found.n - 1;
  }
  if (!changed) return null;
  flushTo(tokens.length);
  return out;
}
