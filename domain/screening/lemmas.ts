// English words with their lemmas, so that the lexicon names "kill", "hang", "snort" once and
// matches "killing", "hanged", "snorting". wink-nlp's lite English model (POS-aware lemmas, about
// 200 ms to load, once per process); its tagger sometimes takes a verb for a noun ("snorting"),
// so regular suffixes are undone and irregular forms looked up as well: a wrong candidate is
// harmless because it has to equal a lexicon word to matter.
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import nounExceptions from 'wink-lexicon/src/wn-noun-exceptions.js';
import verbExceptions from 'wink-lexicon/src/wn-verb-exceptions.js';
import type { Token } from './terms';

export type Lemmatize = (words: string[]) => Token[];

function suffixCandidates(word: string): string[] {
  const out: string[] = [];
  const stem = (s: string) => {
    if (s.length < 3) return;
    out.push(s, `${s}e`);
    if (/([b-df-hj-np-tv-z])\1$/.test(s)) out.push(s.slice(0, -1)); // slitting → slit
  };
  if (word.endsWith('ing')) stem(word.slice(0, -3));
  else if (word.endsWith('ed')) stem(word.slice(0, -2));
  if (word.endsWith('ies')) out.push(`${word.slice(0, -3)}y`);
  // "-es" is a suffix only after a hissing sound or an o (boxes, watches, heroes); "gates" is "gate"
  // plus s, never "gat" (a firearm's slang name) plus es.
  else if (/(?:[sxz]|ch|sh|o)es$/.test(word)) out.push(word.slice(0, -2), word.slice(0, -1));
  else if (word.endsWith('s') && !word.endsWith('ss')) out.push(word.slice(0, -1));
  return out;
}

/** Words that open a verb's object or complete it ("shot the fox", "bit him", "shot at", "shot dead"). */
const OBJECT_STARTS = new Set(
  'the a an this that these those his her its their my your our him them it me us everyone someone somebody at down dead up through into'.split(' '),
);

/** Words before a past participle used as one ("was shot", "got shot"). */
const PASSIVE_MARKERS = new Set('is are was were be been being get gets got gotten getting'.split(' '));

const PRONOUNS = new Set('i you he she it we they who someone somebody everyone'.split(' '));

/**
 * `agents`: the nouns that do things (the lexicon's creatures: "hunter", "bear"). A past tense
 * after one and before an object is a verb ("the hunter shot the fox"); after anything else it is
 * most likely a noun whose clause ended where a comma was ("a flu shot, the nurse …").
 */
export function createLemmatizer(agents: ReadonlySet<string> = new Set()): Lemmatize {
  const nlp = winkNLP(model);
  const its = nlp.its;
  return (words) => {
    if (words.length === 0) return [];
    const tokens = nlp.readDoc(words.join(' ')).tokens();
    const texts = (tokens.out(its.value) as string[]).map((t) => t.toLowerCase());
    // wink-nlp's typings declare its.lemma with the raw-document signature, but out() accepts it at run time.
    const lemmas = tokens.out(its.lemma as unknown as typeof its.value) as string[];
    const types = tokens.out(its.type) as string[];
    const out: Token[] = [];
    texts.forEach((text, i) => {
      if (types[i] === 'punctuation') return;
      const lemma = lemmas[i]!.toLowerCase();
      // When the tagger found the lemma with an e ("gated" → gate, "hoped" → hope), the bare stem
      // is no reading of the word: "gat" is a gun's slang name, "hop" another verb.
      const candidates = suffixCandidates(text).filter((c) => lemma === text || `${c}e` !== lemma);
      // Irregular forms from WordNet's exception lists, as wink-lexicon ships them. A plural is always
      // its singular ("mice"); a past tense is read as its verb when it takes an object, whatever
      // the tagger made of it ("the hunter shot the fox", where it saw a noun), and not otherwise
      // ("a group shot with friends", "a bit of cake").
      const noun = nounExceptions[text];
      if (noun) candidates.push(noun);
      const verb = verbExceptions[text];
      const [before, after] = [texts[i - 1] ?? '', texts[i + 1] ?? ''];
      const afterAgent = PRONOUNS.has(before) || agents.has(before) || agents.has(lemmas[i - 1]?.toLowerCase() ?? '');
      if (verb && ((afterAgent && OBJECT_STARTS.has(after)) || PASSIVE_MARKERS.has(before))) candidates.push(verb);
      out.push({ text, lemmas: [...new Set([lemma, ...candidates])].filter((l) => l !== text), ...(lemma !== text ? { inflected: true } : {}) });
    });
    return out;
  };
}
