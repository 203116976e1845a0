// wink-lexicon ships WordNet's exception lists (irregular forms → lemma) as CommonJS objects, untyped.
declare module 'wink-lexicon/src/wn-verb-exceptions.js' {
  const exceptions: Record<string, string>;
  export = exceptions;
}
declare module 'wink-lexicon/src/wn-noun-exceptions.js' {
  const exceptions: Record<string, string>;
  export = exceptions;
}
