// Campaigns against a habit (data/screening/campaigns.tsv): a no-smoking poster names the cigarette it
// warns against. A prompt the lists deny only on the habit's words, read as written, is allowed when
// it names the campaign and the classifier does not read it as unsafe; the habit shown, a word found
// through an evasion, or a word of another category still deny; the data file is checked at load.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScreeningEvidence } from '../domain/pipeline';
import { campaignOf, CAMPAIGN_CLEARS_BELOW } from '../domain/screening/campaigns';
import { classifierText } from '../domain/screening/classifier';
import { DEFAULT_LEXICON_DIR, loadLexicon, type Lexicon } from '../domain/screening/lexicon';
import { normalizePrompt } from '../domain/screening/normalize';
import { screenPrompt } from '../domain/screening/screen';

const lexicon = loadLexicon();
/** The same lexicon with no campaign and no harmless sense: what the word lists alone decide. */
const noCampaigns: Lexicon = { ...lexicon, campaigns: new Map(), harmlessSenses: new Set() };
const probability = (prompt: string) => lexicon.classifier.classify(classifierText(normalizePrompt(prompt), lexicon)).probability;

describe('campaigns against a habit', () => {
  it.each([
    'a poster about the dangers of smoking: a tired cartoon lung and a pack of cigarettes',
    'quit smoking card for grandpa: a hedgehog snapping a cigarette in half, balloons and confetti',
    'anti-vaping leaflet: a cool giraffe saying no thanks to a vape, bright colours',
    '世界无烟日手抄报：一支香烟上画着红叉，小熊猫竖起大拇指',
    '二手烟的危害：小猫捂着鼻子躲开爸爸的香烟，打开窗户',
  ])('allows "%s", which the word lists alone deny', (prompt) => {
    const listsAlone = screenPrompt(prompt, 'storybook', noCampaigns);
    expect(listsAlone.allowed).toBe(false);
    expect(listsAlone.category).toBe('smoking');
    const verdict = screenPrompt(prompt, 'storybook', lexicon);
    expect(verdict.allowed, `${verdict.reasons.join('; ')} (probability ${probability(prompt).toFixed(3)})`).toBe(true);
  });

  it.each(['a bunny holding a cigarette and looking cool', 'a cartoon fox lighting a cigar for his friend', '小熊在公园长椅上抽烟'])(
    'still denies the habit with no campaign named: "%s"',
    (prompt) => {
      expect(screenPrompt(prompt, 'storybook', lexicon)).toMatchObject({ allowed: false, category: 'smoking' });
    },
  );

  it.each([
    'anti-smoking poster: a bear cub smoking a cigarette, cool',
    'no smoking poster, a cute kitten holding a cigarette',
    '无烟校园：一只小猫叼着香烟很酷',
  ])('still denies the habit shown under a campaign’s name: "%s"', (prompt) => {
    expect(screenPrompt(prompt, 'storybook', lexicon).allowed).toBe(false);
  });

  it('never clears a word found through an evasion, or a word of another category', () => {
    expect(screenPrompt('no smoking poster: a crossed-out c1garette', 'storybook', lexicon).allowed).toBe(false);
    expect(screenPrompt('no smoking poster: a crossed-out cigarette and a gun', 'storybook', lexicon).allowed).toBe(false);
  });

  it('rests a denial on a campaign only when every piece of evidence is a word or kind of its category, read as written', () => {
    const word = (rule: string, category = 'smoking', readAs: string[] = []): ScreeningEvidence => ({
      layer: 'words',
      category,
      kind: category,
      rule,
      matched: rule,
      readAs,
    });
    const poster = 'a no smoking poster';
    expect(campaignOf([word('cigarette*')], poster, lexicon.campaigns)).toBe('smoking');
    expect(campaignOf([word('cigarette*')], '禁止吸烟的标志', lexicon.campaigns)).toBe('smoking');
    expect(campaignOf([word('cigarette*')], 'a smoking poster', lexicon.campaigns)).toBeNull();
    // A marker is matched as whole words.
    expect(campaignOf([word('cigarette*')], 'a piano smoking poster', lexicon.campaigns)).toBeNull();
    expect(campaignOf([word('cigarette*', 'smoking', ['leetspeak 1 read as i'])], poster, lexicon.campaigns)).toBeNull();
    expect(campaignOf([word('cigarette*'), word('gun*', 'weapons')], poster, lexicon.campaigns)).toBeNull();
    expect(campaignOf([{ ...word('cigarette*'), layer: 'patterns' }], poster, lexicon.campaigns)).toBeNull();
    expect(campaignOf([], poster, lexicon.campaigns)).toBeNull();
    expect(CAMPAIGN_CLEARS_BELOW).toBeLessThan(lexicon.classifier.threshold);
  });

  it('stops loading with the file and line named when a category is not one of blocklist.tsv', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cubcanvas-campaigns-'));
    cpSync(DEFAULT_LEXICON_DIR, dir, { recursive: true });
    const file = join(dir, 'campaigns.tsv');
    writeFileSync(file, `${readFileSync(file, 'utf8')}smokin\ten\tno smoking\n`);
    expect(() => loadLexicon(dir)).toThrow(/campaigns\.tsv:\d+: "smokin" is not a category of blocklist\.tsv/);
  });
});
