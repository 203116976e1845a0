// The pattern index only skips patterns that could not have matched: the screen's verdicts and
// evidence are the same as when every pattern is tried at every token, and it does skip most.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLexicon, type Lexicon } from '../domain/screening/lexicon';
import { candidatePatterns, indexPatterns } from '../domain/screening/pattern-index';
import { parsePattern } from '../domain/screening/patterns';
import { screenPrompt } from '../domain/screening/screen';
import type { Language, Token } from '../domain/screening/terms';
import { loadSafetyEvalSet } from './support/safety-eval-set';

const lexicon = loadLexicon();

/** The same lexicon with an index that offers every pattern of the language everywhere. */
function withoutIndex(lex: Lexicon): Lexicon {
  const every = (language: Language) => lex.patterns.flatMap((p, at) => (p.language === language ? [at] : []));
  const anyKey = (list: number[]) => ({ get: () => list }) as unknown as Map<string, number[]>;
  return {
    ...lex,
    patternIndex: { patterns: lex.patterns, byFirstKey: { en: anyKey(every('en')), zh: anyKey(every('zh')) }, elementKeys: lex.patterns.map(() => []) },
  };
}

const token = (text: string, lemmas: string[] = []): Token => ({ text, lemmas });
const pattern = (source: string, language: Language) => parsePattern(source, { category: 'violence', language, explanation: 'x', where: 'test' });

describe('candidate patterns', () => {
  it('offers a pattern only when each of its word elements has a token, lemma, prefix or kind for it', () => {
    const patterns = [pattern('hit ~3 puppy|kitten', 'en'), pattern('stab* ~2 @creature', 'en'), pattern('用棍子 ~4 打', 'zh'), pattern('kick ~2 dog', 'en')];
    const index = indexPatterns(patterns);
    const names = (tokens: Token[], language: Language, kinds: string[] = []) =>
      candidatePatterns(
        index,
        tokens,
        tokens.map((_, at) => (at === 0 ? kinds.map((kind) => ({ start: 0, end: 1, kind, category: 'other' })) : [])),
        language,
      ).map((p) => p.source);

    expect(names([token('hitting', ['hit']), token('the'), token('puppy')], 'en')).toEqual(['hit ~3 puppy|kitten']);
    expect(names([token('stabbed', ['stab']), token('a'), token('fox')], 'en', ['creature'])).toEqual(['stab* ~2 @creature']);
    expect(names([token('stabbed', ['stab']), token('a'), token('fox')], 'en')).toEqual([]);
    // A zh literal may span several segmenter words: the first starts with its first character.
    expect(names([token('用'), token('棍子'), token('打')], 'zh')).toEqual(['用棍子 ~4 打']);
    expect(names([token('kick'), token('the'), token('ball')], 'en')).toEqual([]);
    expect(names([token('用'), token('棍子'), token('打')], 'en')).toEqual([]);
  });

  // Trying every pattern on 500+ prompts is the slow path the index exists to avoid: 28-55 s in CI
  // (2 cores, other files running beside it), growing with every pattern added, so the default
  // 60 s was too close; the limit only stops a hang.
  it('gives the same verdicts and evidence as trying every pattern, on labelled prompts of both languages', { timeout: 240_000 }, () => {
    const everyPattern = withoutIndex(lexicon);
    const prompts = ['fresh-round41.tsv', 'fresh-round42.tsv'].flatMap((f) => loadSafetyEvalSet(join(__dirname, '..', 'data', 'safety-eval', f)));
    expect(prompts.length).toBeGreaterThan(500);
    let denied = 0;
    for (const { prompt } of prompts) {
      const indexed = screenPrompt(prompt, 'storybook', lexicon);
      expect(indexed, prompt).toEqual(screenPrompt(prompt, 'storybook', everyPattern));
      if (!indexed.allowed && indexed.layer === 'patterns') denied++;
    }
    // The comparison covers prompts that patterns deny, not only ones nothing matches.
    expect(denied).toBeGreaterThan(20);
  });

  it('leaves out most patterns for an ordinary prompt', () => {
    const tokens = [token('a'), token('panda', ['panda']), token('eating', ['eat']), token('bamboo')];
    const offered = candidatePatterns(lexicon.patternIndex, tokens, [[], [], [], []], 'en');
    const english = lexicon.patterns.filter((p) => p.language === 'en').length;
    expect(offered.length).toBeLessThan(english / 10);
  });
});
