// The screening data: the generated files (WordNet kinds, emoji words, pinyin, near-words, Han
// pinyin) are exactly what scripts/screening-data.ts derives from the packages and tables today,
// and the loaders reject malformed tables with the file, the line and what is wrong.
import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LEXICON_DIR, loadLexicon } from '../domain/screening/lexicon';
import { screenPrompt } from '../domain/screening/screen';
import { generateScreeningData } from '../scripts/screening-data';

describe('generated screening data', () => {
  const generated = generateScreeningData();

  it.each(Object.keys(generated))('%s matches scripts/generate-screening-data.ts output (rerun it after changing the tables)', (name) => {
    expect(readFileSync(join(DEFAULT_LEXICON_DIR, name), 'utf8')).toBe(generated[name]);
  });

  it('derives weapon and drug kinds from WordNet, keeping words whose first sense is the kind', () => {
    const kinds = JSON.parse(generated['generated/wordnet-kinds.json']!) as Record<string, { category: string; words: string[] }>;
    expect(kinds.firearm!.words).toEqual(expect.arrayContaining(['shotgun', 'revolver', 'machine gun', 'blunderbuss']));
    expect(kinds.weapon!.words).toEqual(expect.arrayContaining(['sword', 'crossbow', 'grenade']));
    expect(kinds.drug!.words).toEqual(expect.arrayContaining(['heroin', 'cocaine', 'methamphetamine']));
    // First senses elsewhere (a knot, a junction, a team) and excluded subtrees (alcohol) stay out.
    const all = Object.values(kinds)
      .filter((k) => k.category !== '-')
      .flatMap((k) => k.words);
    for (const word of ['bow', 'joint', 'club', 'beer', 'water pistol']) expect(all).not.toContain(word);
    expect(kinds.creature!.category).toBe('-');
  });

  it('derives the verbs of harm from WordNet verbs, with a per-kind exclude that leaves other kinds alone', () => {
    const kinds = JSON.parse(generated['generated/wordnet-kinds.json']!) as Record<string, { category: string; words: string[] }>;
    expect(kinds['harm-act']!.category).toBe('-');
    expect(kinds['harm-act']!.words).toEqual(expect.arrayContaining(['strangle', 'garrotte', 'behead', 'asphyxiate', 'maltreat', 'flagellate']));
    // Verbs of affection and play are not under the roots; "cat" (to flog) and "stone" are excluded
    // from this kind only: a cat is still a creature.
    for (const word of ['hug', 'tickle', 'chase', 'cat', 'stone', 'shoot']) expect(kinds['harm-act']!.words).not.toContain(word);
    expect(kinds.creature!.words).toContain('cat');
  });

  it('reads each emoji by its names and keywords', () => {
    const emoji = JSON.parse(generated['generated/emoji-words.json']!) as Record<string, string>;
    expect(emoji['🔫']).toMatch(/\bpistol\b.*\bgun\b|\bgun\b.*\bpistol\b/);
    expect(emoji['🩸']).toContain('blood');
    expect(emoji['💉']).toContain('syringe');
    expect(emoji['🔪']).toContain('knife');
  });

  it('spells the Chinese lexicon in toneless pinyin', () => {
    const pinyin = JSON.parse(generated['generated/pinyin.json']!) as Record<string, string>;
    expect(pinyin['杀人']).toBe('sha ren');
    expect(pinyin['枪']).toBe('qiang');
  });
});

describe('loading the tables', () => {
  const copy = () => {
    const dir = mkdtempSync(join(tmpdir(), 'cubcanvas-screening-'));
    cpSync(DEFAULT_LEXICON_DIR, dir, { recursive: true });
    return dir;
  };

  it('rejects a row with missing columns, with file and line', () => {
    const dir = copy();
    appendFileSync(join(dir, 'blocklist.tsv'), 'weapons\ten\n');
    expect(() => loadLexicon(dir)).toThrow(/blocklist\.tsv:\d+: expected 3 tab-separated columns/);
  });

  it('rejects an unknown language', () => {
    const dir = copy();
    appendFileSync(join(dir, 'kinds.tsv'), 'firearm-model\tweapons\tfr\tfusil\t-\n');
    expect(() => loadLexicon(dir)).toThrow(/kinds\.tsv:\d+: language must be en or zh, got "fr"/);
  });

  it('rejects a pattern naming an unknown kind, and a pattern that starts with a gap', () => {
    const dir = copy();
    appendFileSync(join(dir, 'patterns.tsv'), 'violence\ten\tstab ~2 @nosuchkind\ta stabbing\n');
    expect(() => loadLexicon(dir)).toThrow(/pattern "stab ~2 @nosuchkind" names unknown kind @nosuchkind/);
    const other = copy();
    appendFileSync(join(other, 'patterns.tsv'), 'violence\ten\t~2 stab\ta stabbing\n');
    expect(() => loadLexicon(other)).toThrow(/patterns\.tsv:\d+: pattern "~2 stab" starts or ends with a gap/);
  });

  it('rejects a context that no kind provides', () => {
    const dir = copy();
    appendFileSync(join(dir, 'kinds.tsv'), 'drug-street-name\tdrugs\ten\tcandy\tno-such-context\n');
    expect(() => loadLexicon(dir)).toThrow(/term "candy" needs unknown kind no-such-context/);
  });

  it('takes a new term and a new pattern from the data without code changes', () => {
    const dir = copy();
    appendFileSync(join(dir, 'blocklist.tsv'), 'weapons\ten\tslingblade\n');
    appendFileSync(join(dir, 'patterns.tsv'), 'violence\ten\tshave ~3 bald\tshaving someone bald\n');
    writeFileSync(join(dir, 'allowlist.tsv'), `${readFileSync(join(dir, 'allowlist.tsv'), 'utf8')}en\tslingblade toy\n`);
    const lexicon = loadLexicon(dir);
    expect(screenPrompt('a fox with a slingblade', 'storybook', lexicon)).toMatchObject({ allowed: false, layer: 'words', category: 'weapons' });
    expect(screenPrompt('a fox with a slingblade toy', 'storybook', lexicon).allowed).toBe(true);
    expect(screenPrompt('a goat shaving a lamb bald', 'storybook', lexicon)).toMatchObject({ allowed: false, layer: 'patterns' });
    expect(screenPrompt('a goat shaving a lamb bald', 'storybook', loadLexicon()).allowed).toBe(true);
  });
});
