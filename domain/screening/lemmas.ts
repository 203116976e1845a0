// English words with their lemmas, so that the lexicon names "kill", "hang", "snort" once and
// matches "killing", "hanged", "snorting". wink-nlp's lite English model (POS-aware lemmas, about
// 200 ms to load, once per process); its tagger sometimes takes a verb for a noun ("snorting"),
// so regular suffixes are undone as well: a wrong candidate is harmless because it has to equal a
// lexicon word to matter.
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
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
  else if (word.endsWith('es')) out.push(word.slice(0, -2), word.slice(0, -1));
  else if (word.endsWith('s') && !word.endsWith('ss')) out.push(word.slice(0, -1));
  return out;
}

export function createLemmatizer(): Lemmatize {
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
      out.push({ text, lemmas: [...new Set([lemma, ...suffixCandidates(text)])].filter((l) => l !== text), ...(lemma !== text ? { inflected: true } : {}) });
    });
    return out;
  };
}
