// Words with harmless senses (data/screening/harmless-senses.tsv): a prompt the lists deny only on
// such words, each read as written, is allowed when the classifier is sure it is harmless; the same
// words in a harmful scene, or hidden by an evasion, still deny; the data file is checked at load.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { restsOnHarmlessSenses } from '../domain/screening/harmless-senses';
import { DEFAULT_LEXICON_DIR, loadLexicon, type Lexicon } from '../domain/screening/lexicon';
import { screenPrompt } from '../domain/screening/screen';
import type { ScreeningEvidence } from '../domain/pipeline';

const lexicon = loadLexicon();
/** The same lexicon with clearing switched off: what the word lists alone decide. */
const neverClearing: Lexicon = { ...lexicon, classifier: { ...lexicon.classifier, clearsBelow: 0 } };
const probability = (verdict: { normalizedPrompt: string }) => lexicon.classifier.classify(lexicon.toSimplified(verdict.normalizedPrompt)).probability;

describe('words with harmless senses', () => {
  it.each(['a kitten reading a scary bedtime book with a flashlight', '小狗在博物馆看恐龙骷髅标本', '小熊觉得打针好可怕'])(
    'allows "%s", which the word lists alone deny, because the classifier is sure it is harmless',
    (prompt) => {
      const listsAlone = screenPrompt(prompt, 'storybook', neverClearing);
      expect(listsAlone.allowed).toBe(false);
      expect(restsOnHarmlessSenses(listsAlone.evidence, lexicon.harmlessSenses)).toBe(true);
      const verdict = screenPrompt(prompt, 'storybook', lexicon);
      expect(verdict.allowed, `${verdict.reasons.join('; ')} (probability ${probability(verdict).toFixed(3)})`).toBe(true);
      expect(probability(verdict)).toBeLessThan(lexicon.classifier.clearsBelow);
    },
  );

  it.each(['a fox shooting a rabbit in the snow', 'two dogs fighting until one is torn open', '小猫拿着菜刀砍小狗', '小狗被车撞死了'])(
    'still denies "%s": the same words in a harmful scene',
    (prompt) => {
      const verdict = screenPrompt(prompt, 'storybook', lexicon);
      expect(verdict.allowed).toBe(false);
      expect(verdict.layer).not.toBe('classifier');
    },
  );

  it.each(['a kitten reading a sc4ry bedtime book with a flashlight', '小老鼠觉得数学题好可帕'])(
    'never clears a word found through an evasion, however harmless the rest reads: "%s"',
    (prompt) => {
      const verdict = screenPrompt(prompt, 'storybook', lexicon);
      expect(verdict.allowed).toBe(false);
      expect(verdict.evidence[0]!.readAs.length).toBeGreaterThan(0);
      expect(probability(verdict)).toBeLessThan(lexicon.classifier.clearsBelow);
    },
  );

  it('rests a denial on harmless senses only when every piece of evidence is such a word, read as written', () => {
    const word = (rule: string, readAs: string[] = []): ScreeningEvidence => ({
      layer: 'words',
      category: 'violence',
      kind: 'violence',
      rule,
      matched: rule.replace('*', ''),
      readAs,
    });
    expect(restsOnHarmlessSenses([word('shoot*')], lexicon.harmlessSenses)).toBe(true);
    expect(restsOnHarmlessSenses([word('shoot*'), word('murder*')], lexicon.harmlessSenses)).toBe(false);
    expect(restsOnHarmlessSenses([word('shoot*', ['leetspeak 0 read as o'])], lexicon.harmlessSenses)).toBe(false);
    expect(restsOnHarmlessSenses([{ ...word('shoot*'), layer: 'patterns' }], lexicon.harmlessSenses)).toBe(false);
    const weaponKind = (matched: string): ScreeningEvidence => ({ ...word('sword (WordNet weapon)'), layer: 'kinds', matched });
    expect(restsOnHarmlessSenses([word('sword*'), weaponKind('sword')], lexicon.harmlessSenses)).toBe(true);
    expect(restsOnHarmlessSenses([word('sword*'), weaponKind('machete')], lexicon.harmlessSenses)).toBe(false);
    expect(restsOnHarmlessSenses([], lexicon.harmlessSenses)).toBe(false);
  });

  it('stops loading with the file and line named when a listed term is not a blocklist term', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cubcanvas-senses-'));
    cpSync(DEFAULT_LEXICON_DIR, dir, { recursive: true });
    const file = join(dir, 'harmless-senses.tsv');
    writeFileSync(file, `${readFileSync(file, 'utf8')}en\tshootz\ta typo\n`);
    expect(() => loadLexicon(dir)).toThrow(/harmless-senses\.tsv:\d+: "shootz" \(en\) is not a term of blocklist\.tsv/);
  });
});
