// Everything screening needs, loaded once per process (worker start, or once per CLI command):
// the tables in data/screening/, the generated data, and the readers built from them. Tables are
// data, so adding a term or a pattern needs no code change.
import { join, resolve } from 'node:path';
import type { Style } from '../request';
import { traditionalToSimplified } from './chinese';
import {
  confusablesSchema,
  emojiWordsSchema,
  homophonesSchema,
  nearWordsSchema,
  readLexiconJson,
  splitCharactersSchema,
  stringMapSchema,
  styleSchema,
  symbolsSchema,
} from './lexicon-json';
import { createLemmatizer, type Lemmatize } from './lemmas';
import { loadAllowlist, loadBlocklist, loadIdioms, loadKinds, loadPatterns, loadWordnetKinds } from './lexicon-files';
import { homophoneReader, syllableOfHan, type HomophoneReader } from './homophones';
import { lookalikeTable } from './lookalikes';
import { fuzzyTargets, misspellingIndex, type MisspellingIndex } from './misspellings';
import type { Pattern } from './patterns';
import { indexPatterns, type PatternIndex } from './pattern-index';
import { refusedLureReader, safetyRuleReader, safetyRulesSchema, type RefusedLures, type SafetyRuleClauses, type SafetyRules } from './safety-rules';
import { pinyinVocabulary, type PinyinVocabulary } from './pinyin';
import { classifierModelSchema, promptClassifier, type PromptClassifier } from './classifier';
import { loadHarmlessSenses, type HarmlessSenses } from './harmless-senses';
import { loadCampaigns, type Campaigns } from './campaigns';
import { symbolTable, type SymbolTable } from './symbols';
import { negativePromptRules, negativePromptSchema, type NegativePromptRules } from './negative-prompt';
import { ordinarySceneReader, ordinaryScenesSchema, type OrdinaryEmoji, type OrdinaryScene } from './ordinary-scenes';
import { emojiWordsOf } from './emoji';
import { indexTerms, type TermIndex } from './match-terms';
import type { AllowPhrase, Term } from './terms';

export type { Language } from './terms';

export interface Lexicon {
  /** Blocklist words, kinds (curated and WordNet) and context kinds. */
  terms: Term[];
  allow: AllowPhrase[];
  /** Each allowed phrase as text (en words spaced, zh joined): a clause that is one is never judged alone. */
  allowedPhrases: Set<string>;
  /** terms, allow and the idioms of idioms.tsv, indexed for matching. */
  index: TermIndex;
  patterns: Pattern[];
  /** The patterns by the words they need, to try only those a reading can match. */
  patternIndex: PatternIndex;
  /** Each symbol's possible letters, most likely first. */
  leetspeak: Record<string, string[]>;
  lookalikes: Map<string, string[]>;
  misspellings: MisspellingIndex;
  /** Chinese characters written as their parts (木仓 for 枪), from split-characters.json. */
  splitCharacters: [parts: string, character: string][];
  /** Every left-right character of the word lists as its two parts (generated/split-characters.json): joined only where each part stands alone. */
  splitParts: ReadonlyMap<string, string>;
  emoji: Map<string, string>;
  /** Runes and other symbols read as words (symbols.json). */
  symbols: SymbolTable;
  pinyin: PinyinVocabulary;
  /** Reads Chinese homophones back into lexicon words (homophones.json, han-pinyin.json). */
  homophones: HomophoneReader;
  toSimplified: (text: string) => string;
  lemmatize: Lemmatize;
  /** The last local layer (generated/classifier.json, scripts/train-screen-classifier.ts). */
  classifier: PromptClassifier;
  /** Blocklist terms whose harmless senses the classifier may clear (harmless-senses.tsv). */
  harmlessSenses: HarmlessSenses;
  /** Campaigns against a habit whose words the classifier may clear (campaigns.tsv). */
  campaigns: Campaigns;
  /** Whether a text is words of the everyday picture vocabulary only, which the classifier leaves alone (ordinary-scenes.json). */
  ordinaryScene: OrdinaryScene;
  /** The clauses of a safety lesson that are its rules, which the classifier does not judge alone (safety-rules.json). */
  safetyRules: SafetyRuleClauses;
  /** The offers a child in a safety lesson turns down, judged as its rules are (safety-rules.json). */
  refusedLures: RefusedLures;
  template: string;
  styles: Record<Style, string>;
  negativePrompt: string;
  /** A negative prompt typed into the prompt: where it starts and what it must not leave out (negative-prompt.json). */
  negativePrompts: NegativePromptRules;
}

export const DEFAULT_LEXICON_DIR = resolve(__dirname, '..', '..', 'data', 'screening');

export function loadLexicon(dir: string = DEFAULT_LEXICON_DIR): Lexicon {
  const blocklist = loadBlocklist(dir);
  const terms = [...blocklist, ...loadKinds(dir), ...loadWordnetKinds(dir)];
  const patterns = loadPatterns(dir);
  const known = new Set(terms.flatMap((t) => [t.kind, t.category]));
  for (const p of patterns) {
    for (const e of p.elements)
      for (const a of e.type === 'words' ? e.alternatives : [])
        if (a.kind !== undefined && !known.has(a.kind)) throw new Error(`patterns.tsv: pattern "${p.source}" names unknown kind @${a.kind}`);
  }
  for (const t of terms) if (t.when && !known.has(t.when)) throw new Error(`kinds.tsv: term "${t.source}" needs unknown kind ${t.when}`);
  const confusables = readLexiconJson(join(dir, 'confusables.json'), confusablesSchema);
  const leetspeak = Object.fromEntries(Object.entries(confusables.leetspeak).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));
  const style = readLexiconJson(join(dir, 'style.json'), styleSchema);
  const homophones = readLexiconJson(join(dir, 'homophones.json'), homophonesSchema);
  const allow = loadAllowlist(dir);
  const emoji = new Map(Object.entries(readLexiconJson(join(dir, 'generated', 'emoji-words.json'), emojiWordsSchema)));
  const lemmatize = createLemmatizer(
    new Set(terms.filter((t) => t.kind === 'creature' && t.language === 'en' && t.words.length === 1 && !t.prefix).map((t) => t.words[0]!)),
  );
  const pinyin = pinyinVocabulary(
    readLexiconJson(join(dir, 'generated', 'pinyin.json'), stringMapSchema),
    allow.filter((a) => a.language === 'zh').map((a) => a.words[0]!),
    terms.flatMap((t) => (t.language === 'zh' ? t.words : [])),
  );
  return {
    terms,
    allow,
    allowedPhrases: new Set(allow.map((a) => a.words.join(a.language === 'en' ? ' ' : ''))),
    index: indexTerms(terms, allow, loadIdioms(dir)),
    patterns,
    patternIndex: indexPatterns(patterns),
    leetspeak,
    lookalikes: lookalikeTable(),
    misspellings: misspellingIndex(fuzzyTargets(terms, patterns), readLexiconJson(join(dir, 'generated', 'near-words.json'), nearWordsSchema)),
    splitCharacters: Object.entries(readLexiconJson(join(dir, 'split-characters.json'), splitCharactersSchema).characters),
    splitParts: new Map(Object.entries(readLexiconJson(join(dir, 'generated', 'split-characters.json'), splitCharactersSchema).characters)),
    emoji,
    symbols: symbolTable(readLexiconJson(join(dir, 'symbols.json'), symbolsSchema).symbols),
    pinyin,
    homophones: homophoneReader(
      syllableOfHan(readLexiconJson(join(dir, 'generated', 'han-pinyin.json'), stringMapSchema)),
      pinyin,
      homophones,
      terms.flatMap((t) => (t.language === 'zh' && t.category !== '-' ? t.words : [])),
    ),
    toSimplified: traditionalToSimplified(),
    lemmatize,
    classifier: promptClassifier(readLexiconJson(join(dir, 'generated', 'classifier.json'), classifierModelSchema)),
    ...safetyLessons(readLexiconJson(join(dir, 'safety-rules.json'), safetyRulesSchema)),
    ordinaryScene: ordinarySceneReader(readLexiconJson(join(dir, 'ordinary-scenes.json'), ordinaryScenesSchema), harmlessEmoji(terms, emoji, lemmatize)),
    harmlessSenses: loadHarmlessSenses(dir, blocklist),
    campaigns: loadCampaigns(dir, blocklist),
    template: style.template,
    styles: style.styles,
    negativePrompt: style.negativePrompt,
    negativePrompts: negativePromptRules(readLexiconJson(join(dir, 'negative-prompt.json'), negativePromptSchema)),
  };
}

/** An emoji is harmless when it has words and none of them, nor their lemmas, is a one-word term of a harm (🔪 "… weapon" is not). */
const safetyLessons = (rules: SafetyRules) => ({ safetyRules: safetyRuleReader(rules), refusedLures: refusedLureReader(rules) });

function harmlessEmoji(terms: Term[], emoji: Map<string, string>, lemmatize: Lemmatize): OrdinaryEmoji {
  const oneWord = terms.filter((t) => t.language === 'en' && t.category !== '-' && t.words.length === 1);
  const harms = new Set(oneWord.filter((t) => !t.prefix).map((t) => t.words[0]!));
  const prefixes = oneWord.filter((t) => t.prefix).map((t) => t.words[0]!);
  const harm = (word: string) => harms.has(word) || prefixes.some((p) => word.startsWith(p));
  const known = new Map<string, boolean>();
  return (bare) => {
    let harmless = known.get(bare);
    if (harmless === undefined) {
      const words = emojiWordsOf(bare, emoji).split(' ').filter(Boolean);
      harmless = words.length > 0 && !lemmatize(words).some((t) => harm(t.text) || t.lemmas.some(harm));
      known.set(bare, harmless);
    }
    return harmless;
  };
}
