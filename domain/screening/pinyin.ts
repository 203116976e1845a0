// Pinyin read back into Chinese words: "yi zhi xiong mao na zhe qiang sha ren" (with or without
// tones and spaces) becomes the lexicon's 枪, 杀人. Only words the lexicon names can come back
// (generated/pinyin.json maps each to its toneless pinyin), and only a prompt that is mostly
// pinyin is read this way, so English words that happen to be syllables ("a", "man") do not.
import type { Token } from './terms';

const SYLLABLE =
  /^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ao|an|ei|en|er|ia|ie|in|iu|ou|ua|uo|ui|un|ue|ve|vn|a|o|e|i|u|v)$/;

/** A word without tone marks or tone numbers cut into syllables ("qiangsharen" → qiang sha ren), or null. */
export function syllables(word: string): string[] | null {
  const plain = word
    .replace(/ü|u\u0308/g, 'v')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[1-5]/g, '');
  if (!/^[a-z]+$/.test(plain)) return null;
  // Longest syllable first, backtracking: "xian" could be xi+an, either reading is a syllable list.
  const cut = (at: number): string[] | null => {
    if (at === plain.length) return [];
    for (let len = Math.min(6, plain.length - at); len >= 1; len--) {
      const s = plain.slice(at, at + len);
      if (!SYLLABLE.test(s)) continue;
      const rest = cut(at + len);
      if (rest) return [s, ...rest];
    }
    return null;
  };
  return cut(0);
}

/** Toneless pinyin with ü (written v) as u, after n and l, where only ü tells it from u: "nv hai" → "nu hai". */
const withoutUmlaut = (pinyin: string) => pinyin.replace(/\b([nl])v/g, '$1u');

export interface PinyinVocabulary {
  /** "sha ren" → [杀人]. */
  words: Map<string, string[]>;
  longest: number;
  /** The pinyin of allowed phrases (allowlist.tsv: 烤红薯 "kao hong shu"), which win over a word they overlap. */
  allowed: Set<string>;
  /** Latin words the allowlist names for Chinese prompts (emo, 'feeling low'): never read as pinyin inside Chinese (恶魔). */
  allowedLatin: Set<string>;
  /** The allowed Chinese words themselves (大妈), so that pinyin typed inside Chinese can prefer the other word it spells (大麻). */
  allowedWords: Set<string>;
  /** Lexicon words that start with Latin letters (k粉): "k fen" inside Chinese is the letter and the pinyin of the rest. */
  lettered: Set<string>;
}

export function pinyinVocabulary(
  pinyinOfWord: Record<string, string>,
  allowedWords: Iterable<string> = [],
  letteredWords: Iterable<string> = [],
): PinyinVocabulary {
  const words = new Map<string, string[]>();
  let longest = 1;
  for (const [word, pinyin] of Object.entries(pinyinOfWord)) {
    // ü is typed as u as often as v, and the prompt's normalisation drops its dots: nü hai, nu hai
    // and nv hai are all 女孩, nue dai 虐待.
    for (const spelling of new Set([pinyin, withoutUmlaut(pinyin)])) {
      if (!words.get(spelling)?.includes(word)) words.set(spelling, [...(words.get(spelling) ?? []), word]);
    }
    longest = Math.max(longest, pinyin.split(' ').length);
  }
  const allowed = new Set<string>();
  const allowedLatin = new Set<string>();
  const allowedSet = new Set<string>();
  for (const word of allowedWords) {
    allowedSet.add(word);
    if (/^[a-z]+$/.test(word)) allowedLatin.add(word);
    const pinyin = pinyinOfWord[word];
    if (pinyin && pinyin.includes(' ')) allowed.add(pinyin);
  }
  const lettered = new Set([...letteredWords].filter((w) => /^[a-z]+\p{Script=Han}/u.test(w)));
  return { words, longest, allowed, allowedLatin, allowedWords: allowedSet, lettered };
}

/**
 * Whether an allowed phrase of two syllables or more starts inside the `n` syllables at `from` and
 * runs past their end (or, read from the back, ends inside them and starts before them): the
 * syllables then belong to the phrase. "huo kao hong shu" is 火 + 烤红薯 (roasting sweet potatoes
 * over a fire), not 活烤 (roasting alive) + hong shu: the same overlap ambiguity as 幼儿|园|教 in
 * characters, decided for the harmless phrase the allowlist names.
 */
function overlapsAllowedPhrase(all: string[], from: number, n: number, vocabulary: PinyinVocabulary): boolean {
  if (vocabulary.allowed.size === 0 || n < 2) return false;
  for (let start = Math.max(0, from - vocabulary.longest + 1); start < from + n; start++) {
    for (let end = Math.max(start + 2, from + 1); end <= Math.min(all.length, start + vocabulary.longest); end++) {
      const crosses = (start > from && end > from + n) || (start < from && end < from + n);
      if (crosses && vocabulary.allowed.has(all.slice(start, end).join(' '))) return true;
    }
  }
  return false;
}

/** Whether an allowed phrase spans the `n` syllables at `from` (烤红薯 spans hong shu): they are its syllables. */
function insideAllowedPhrase(all: string[], from: number, n: number, vocabulary: PinyinVocabulary): boolean {
  for (let start = Math.max(0, from - vocabulary.longest + 1); start <= from; start++) {
    for (let end = from + n; end <= Math.min(all.length, start + vocabulary.longest); end++) {
      if (end - start >= 2 && vocabulary.allowed.has(all.slice(start, end).join(' '))) return true;
    }
  }
  return false;
}

/** Share of words that must be pinyin for the prompt to be read as pinyin. */
const PINYIN_SHARE = 0.8;
const RUN_TOGETHER_SYLLABLES = 5;
/**
 * One word of this many syllables, all pinyin, is a four-character phrase typed together
 * ("luotishaonv"), when it has a spelling English words of four such syllables rarely have
 * (`PINYIN_SPELLING`): "anemone" (a ne mo ne, 恶魔) and "origami" stay English.
 */
const ONE_WORD_SYLLABLES = 4;
const PINYIN_SPELLING = /[xqv]|zh|ch|sh/;

/**
 * Which end the words are matched from. Syllables spell words in more than one way: "xiang zi sha"
 * is 箱子 + sha read from the front and xiang + 自杀 from the back (forward and backward maximum
 * matching, the two classic ways of cutting Chinese), so a pinyin prompt is read both ways.
 */
export type PinyinDirection = 'forward' | 'backward';

/** The prompt's syllables ('·' for a word that is not pinyin), or null when it is not mostly pinyin. */
function promptSyllables(text: string, minWords: number): string[] | null {
  if (/\p{Script=Han}/u.test(text)) return null;
  const words = text.split(/[^\p{L}\p{M}1-5]+/u).filter(Boolean);
  const cut = words.map(syllables);
  // Pinyin typed without spaces ("xiaomaobeizasi") is one or two words of many syllables: counted
  // by syllables, all of them pinyin, so that a short English prompt is still never read as pinyin;
  // one word of four syllables is a four-character phrase typed together.
  const count = cut.every(Boolean) ? cut.reduce((n, s) => n + s!.length, 0) : 0;
  const runTogether = count >= RUN_TOGETHER_SYLLABLES || (words.length === 1 && count >= ONE_WORD_SYLLABLES && PINYIN_SPELLING.test(words[0]!));
  if (words.length < minWords && !runTogether) return null;
  if (cut.filter(Boolean).length < PINYIN_SHARE * words.length) return null;
  return cut.flatMap((s) => s ?? ['·']);
}

/** Syllables read as tokens, and the syllable each token starts at. */
interface SyllableReading {
  tokens: Token[];
  starts: number[];
}

// A measure word after a number or a demonstrative ("yi ge", "liang zhi", "zhe tiao") is that
// measure word: "hua yi ge xiao hai" is 画一个小孩, and its "ge" is not the lone syllable 割.
const COUNTING = new Set('yi liang san si wu liu qi ba jiu shi ji zhe zhei na nei mei ban hao'.split(' '));
const MEASURES = new Set(
  'ge zhi tou tiao ba ben duo ke li pian kuai shuang dui qun jian zhang wei kou pi gen ding ceng jia liang sou feng fu bei wan pan xie dian'.split(' '),
);
const isMeasureWord = (all: string[], at: number) => MEASURES.has(all[at]!) && COUNTING.has(all[at - 1] ?? '');

/** Longest words first from one end. */
function readSyllables(all: string[], vocabulary: PinyinVocabulary, direction: PinyinDirection): SyllableReading {
  const backward = direction === 'backward';
  const tokens: Token[] = [];
  const starts: number[] = [];
  const put = (token: Token, start: number) => {
    if (backward) {
      tokens.unshift(token);
      starts.unshift(start);
    } else {
      tokens.push(token);
      starts.push(start);
    }
  };
  // `left` syllables are still to read: from the front they are all[all.length - left…], from the back all[…left].
  for (let left = all.length; left > 0;) {
    let taken = 0;
    for (let n = Math.min(vocabulary.longest, left); n >= 1 && !taken; n--) {
      const from = backward ? left - n : all.length - left;
      const spelled = all.slice(from, from + n).join(' ');
      const found = n === 1 && isMeasureWord(all, from) ? undefined : vocabulary.words.get(spelled);
      if (found && !overlapsAllowedPhrase(all, from, n, vocabulary)) {
        // A lone syllable is too ambiguous to decide alone: "sha tan" is 沙滩 (a beach), not 杀.
        put({ text: found[0]!, lemmas: found, via: `pinyin "${spelled}"`, ...(n === 1 ? { weak: true } : {}) }, from);
        taken = n;
      }
    }
    if (!taken) {
      const at = backward ? left - 1 : all.length - left;
      put({ text: all[at]!, lemmas: [] }, at);
    }
    left -= taken || 1;
  }
  return { tokens, starts };
}

/** The prompt's pinyin as tokens (lexicon words where the syllables spell one), or null when it is not mostly pinyin. */
export function pinyinTokens(text: string, vocabulary: PinyinVocabulary, minWords = 3, direction: PinyinDirection = 'forward'): Token[] | null {
  const all = promptSyllables(text, minWords);
  return all && readSyllables(all, vocabulary, direction).tokens;
}

/**
 * Every reading of a pinyin prompt that a word may hide in, or null when it is not mostly pinyin:
 * from the front, from the back, and from the front again cut before each syllable inside a word of
 * the front reading where another word starts. Longest-first reading takes the longest word it can,
 * so a harmless word may swallow the first syllable of the next ("hua yuan li hua shou wan": 礼花
 * takes the 划 of 划手腕, from either end); a word found at any syllable counts, unless an allowed
 * phrase (allowlist.tsv) spans those syllables (da ma is 大妈 as well as 大麻, zhuo zi shang is
 * 桌子上 and not 桌 + 自伤: the allowlist decides). Words the lexicon merely knows (礼花) protect nothing.
 */
export function pinyinReadings(text: string, vocabulary: PinyinVocabulary): Token[][] | null {
  const all = promptSyllables(text, 3);
  if (!all) return null;
  const forward = readSyllables(all, vocabulary, 'forward');
  const readings = [forward.tokens, readSyllables(all, vocabulary, 'backward').tokens];
  const cuts = new Set<number>();
  forward.tokens.forEach((token, t) => {
    const end = forward.starts[t + 1] ?? all.length;
    for (let at = forward.starts[t]! + 1; at < end && token.via; at++) {
      for (let n = 1; n <= vocabulary.longest && at + n <= all.length; n++) {
        if (n === 1 && isMeasureWord(all, at)) continue;
        const spelled = all.slice(at, at + n).join(' ');
        if (vocabulary.words.has(spelled) && !insideAllowedPhrase(all, at, n, vocabulary) && !overlapsAllowedPhrase(all, at, n, vocabulary)) cuts.add(at);
      }
    }
  });
  for (const at of cuts) {
    // The word the cut falls in keeps its syllables before the cut as plain syllables, not read as
    // other words: "zi sha hu" cut before hu is not 自杀 + 壶.
    let t = forward.starts.length - 1;
    while (forward.starts[t]! >= at) t--;
    const before = all.slice(forward.starts[t]!, at).map((syllable): Token => ({ text: syllable, lemmas: [] }));
    const after = readSyllables(all.slice(at), vocabulary, 'forward').tokens;
    readings.push([...forward.tokens.slice(0, t), ...before, ...after]);
  }
  const seen = new Set<string>();
  return readings.filter((tokens) => {
    const key = tokens.map((t) => t.text).join(' ');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Pinyin typed inside Chinese text ("拿着qiang对着", "想zisha的"): a Latin token that is all
 * syllables and spells lexicon words becomes those words. Written in the middle of Chinese it is
 * deliberate, so even a lone syllable counts, and where the syllables spell an allowed word and a
 * term alike (da ma: 大妈 and 大麻) the term is read: nobody types the harmless word in pinyin
 * between characters. A letter before the syllables stays a letter when the lexicon names a word
 * that starts with it ("k fen": k粉).
 */
export function pinyinInsideChinese(tokens: Token[], vocabulary: PinyinVocabulary, glue?: PinyinGlue): Token[] {
  const glued = glue ? glueToCharacters(tokens, vocabulary, glue) : tokens;
  return glued.flatMap((token) => {
    if (token.via || !/^[a-z]+$/.test(token.text) || vocabulary.allowedLatin.has(token.text)) return [token];
    const cut = syllables(token.text);
    if (cut) return readInside(cut, vocabulary) ?? [token];
    const letter = token.text[0]!;
    const rest = syllables(token.text.slice(1));
    const read = rest && readInside(rest, vocabulary);
    const word = read?.[0]!.lemmas.find((w) => vocabulary.lettered.has(letter + w));
    if (!read || !word) return [token];
    return [{ text: letter, lemmas: [letter], via: `letter "${letter}"` }, { ...read[0]!, text: word }, ...read.slice(1)];
  });
}

/** What gluing pinyin to the characters beside it needs: each character's syllable, and the terms it may spell. */
export interface PinyinGlue {
  syllableOf: Map<string, string>;
  terms: Set<string>;
}

/** Longest run of characters beside a pinyin token that may belong to its word. */
const GLUED_CHARACTERS = 3;

/**
 * Half of a term typed in pinyin and glued to its other half in characters ("du博" for 赌博, "xi毒"):
 * the syllables and the characters beside them that together spell a term the lexicon denies are
 * read as that term. Only terms, so "hai报" is left to the lone-syllable reading.
 */
function glueToCharacters(tokens: Token[], vocabulary: PinyinVocabulary, glue: PinyinGlue): Token[] {
  const out: Token[] = [];
  const han = (t: Token | undefined) => t !== undefined && !t.via && /^\p{Script=Han}+$/u.test(t.text);
  const spell = (chars: string) => [...chars].map((ch) => glue.syllableOf.get(ch));
  const termFor = (sounds: (string | undefined)[], fits: (word: string) => boolean) => {
    if (sounds.some((x) => !x)) return undefined;
    return vocabulary.words.get(sounds.join(' '))?.find((w) => glue.terms.has(w) && fits(w));
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const cut = /^[a-z]+$/.test(token.text) && !vocabulary.allowedLatin.has(token.text) ? syllables(token.text) : null;
    const next = tokens[i + 1];
    const prev = out[out.length - 1];
    let done = false;
    for (let k = GLUED_CHARACTERS; cut && k >= 1 && !done; k--) {
      if (han(next) && next!.text.length >= k) {
        const tail = next!.text.slice(0, k);
        const word = termFor([...cut, ...spell(tail)], (w) => w.length === cut.length + k && w.endsWith(tail));
        if (word) {
          out.push({ text: word, lemmas: [word], via: `pinyin "${token.text}" with ${tail}` });
          if (next!.text.length > k) out.push({ text: next!.text.slice(k), lemmas: [next!.text.slice(k)] });
          i++;
          done = true;
          continue;
        }
      }
      if (han(prev) && prev!.text.length >= k) {
        const head = prev!.text.slice(-k);
        const word = termFor([...spell(head), ...cut], (w) => w.length === cut.length + k && w.startsWith(head));
        if (word) {
          out.pop();
          if (prev!.text.length > k) out.push({ text: prev!.text.slice(0, -k), lemmas: [prev!.text.slice(0, -k)] });
          out.push({ text: word, lemmas: [word], via: `pinyin "${token.text}" with ${head}` });
          done = true;
        }
      }
    }
    if (!done) out.push(token);
  }
  return out;
}

function readInside(cut: string[], vocabulary: PinyinVocabulary): Token[] | null {
  const read = readSyllables(cut, vocabulary, 'forward').tokens;
  if (read.some((t) => !t.via)) return null;
  // A sentence typed in pinyin ("xiao gou zai gong yuan li wan qiu", then 要卡通风格) hides no word
  // between characters: a lone syllable in it is too ambiguous ("wan" is 玩 there, not 剜).
  const sentence = cut.length >= PINYIN_SENTENCE_SYLLABLES;
  return read.map((t) => {
    const spelt = /"([^"]*)"/.exec(t.via!)?.[1] ?? '';
    if (sentence && !spelt.includes(' ')) return { text: spelt || t.text, lemmas: [] };
    return { text: t.lemmas.find((w) => !vocabulary.allowedWords.has(w)) ?? t.text, lemmas: t.lemmas, via: t.via! };
  });
}

/** Syllables in a row from which pinyin is a sentence typed in pinyin, not words hidden in Chinese. */
const PINYIN_SENTENCE_SYLLABLES = 8;
