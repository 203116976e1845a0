// The shapes the screening layers share: terms of the lexicon, allowed phrases, and the tokens a
// prompt is read into.

export type Language = 'en' | 'zh';

/** The layer that decided: a word of the blocklist, a kind of thing (lexicon of kinds), or a description (pattern). */
export type DecidingLayer = 'words' | 'kinds' | 'patterns';

export interface Term {
  layer: 'words' | 'kinds';
  /** What sort of thing: "firearm-model", "drug-street-name", or the category for plain words. */
  kind: string;
  /** The safety category; "-" for context kinds that never decide alone. */
  category: string;
  language: Language;
  /** en: lemmas; zh: one string. */
  words: string[];
  /** en: the last word is a prefix. */
  prefix: boolean;
  /** zh: matches inside a word too. */
  inside: boolean;
  /** Kind (or category) that must also be in the prompt for this term to count. */
  when: string | null;
  source: string;
}

export interface AllowPhrase {
  language: Language;
  words: string[];
  source: string;
}

export interface Token {
  /** The word as read (lower case). */
  text: string;
  /** Its lemmas (en) or itself (zh). */
  lemmas: string[];
  /** How this token was obtained when not written as such: "emoji 🔫", "pinyin qiang". */
  via?: string;
  /**
   * Read from a lone pinyin syllable of an all-pinyin prompt ("qiang" is 枪 but also 墙): too
   * ambiguous to decide as a term, still usable by a pattern ("na zhe qiang": holding a 枪).
   */
  weak?: boolean;
  /** The lemmatiser knew it as a form of another word ("doing" → do): a real word, never a misspelling. */
  inflected?: boolean;
  /** A Chinese word that opens a clause after ，。！ and the like: a homophone never runs back across it. */
  opensClause?: boolean;
}

/** One way of reading the prompt: a token sequence in one language, and the tricks undone to get it. */
export interface Reading {
  language: Language;
  tokens: Token[];
  /** Normalisations that produced this reading, for the evidence ("leetspeak undone", "traditional → simplified"). */
  tricks: string[];
  /** en: emoji read into words, with the words each became (evidence judges a medicine emoji by its context). */
  emoji?: { emoji: string; words: string }[];
}
