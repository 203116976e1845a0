// The everyday picture vocabulary (data/screening/ordinary-scenes.json): the prompts training
// composes from it, and the classifier leaving alone a prompt made only of its words.
import { describe, expect, it } from 'vitest';
import { loadLexicon } from '../domain/screening/lexicon';
import { ordinarySceneReader, type OrdinaryScenes } from '../domain/screening/ordinary-scenes';
import { screenPrompt } from '../domain/screening/screen';
import { ordinaryScenes } from '../scripts/ordinary-scenes';
import { SCREENING_DATA_DIR } from '../scripts/screening-data';

const vocabulary = (subjects: string[], joiners: string[]) => ({
  subjects,
  descriptors: ['cute', '可爱的'],
  doings: ['reading a book', '在看书'],
  settings: ['in the forest', '在森林里'],
  styles: ['watercolor', '水彩风格'],
  joiners,
  openers: ['can u draw', '帮我画'],
  closers: ['plz', '谢谢'],
});
const scenes: OrdinaryScenes = {
  count: { en: 10, zh: 10 },
  notOrdinaryEmoji: ['🍆'],
  en: vocabulary(['fox', 'red panda'], ['a', 'the']),
  zh: vocabulary(['狐狸', '小熊猫'], ['一只', '的']),
};

describe('the ordinary-scene reader', () => {
  // As the lexicon would judge them: 🦊 and 🍆 name no harm, 🔪 names a weapon.
  const ordinary = ordinarySceneReader(scenes, (emoji) => emoji !== '🔪');
  it.each([
    'a cute fox',
    'red panda reading a book in the forest, watercolor',
    '一只可爱的狐狸',
    '小熊猫在森林里在看书，水彩风格',
    'a fox 在森林里',
    'can u draw a cute fox plz',
    '帮我画一只狐狸，谢谢',
    '🦊 a cute fox ❤️',
    '一只狐狸🦊🏻',
  ])('takes "%s" for an ordinary scene', (text) => expect(ordinary(text)).toBe(true));
  it.each([
    ['a word outside the vocabulary', 'a cute fox lying still'],
    ['Chinese the entries do not cover end to end', '一只可爱的狐狸死了'],
    ['an emoji whose words name a harm', 'a cute fox 🔪'],
    ['an emoji whose harmless words hide another use', 'a cute fox 🍆'],
    ['a symbol that is no emoji', 'a cute fox ☭'],
    ['a look-alike letter left unfolded', 'a cute fоx'],
    ['nothing at all', ' , '],
  ])('does not with %s', (_, text) => expect(ordinary(text)).toBe(false));
});

describe('the composed training prompts', () => {
  it('are the same on every run, distinct, and as many per language as asked', () => {
    const first = ordinaryScenes(SCREENING_DATA_DIR);
    expect(ordinaryScenes(SCREENING_DATA_DIR)).toEqual(first);
    expect(new Set(first.map((s) => s.prompt)).size).toBe(first.length);
    const count = (language: string) => first.filter((s) => s.language === language).length;
    expect(count('en')).toBeGreaterThanOrEqual(1000);
    expect(count('zh')).toBeGreaterThanOrEqual(1000);
  });
});

describe('the screen on bare everyday requests', () => {
  const lexicon = loadLexicon();
  // Each was denied by the classifier before it learnt from ordinary scenes and left them alone.
  it.each(['cute bunny', 'a cute fox', 'bunny, watercolor', '一只兔子', '胖乎乎的狐狸拿着气球', 'cute monkey in the forest'])('allows "%s"', (prompt) =>
    expect(screenPrompt(prompt, 'storybook', lexicon)).toMatchObject({ allowed: true }),
  );
  // The classifier had learnt "bunny" from the examples; with an emoji beside them these were its to judge, and it denied them.
  it.each(['🐰 cute bunny', 'cute bunny 🐰🌸', '☀️ bunny, watercolor', '🐰兔子🌸'])('allows "%s" with its harmless emoji', (prompt) =>
    expect(screenPrompt(prompt, 'storybook', lexicon)).toMatchObject({ allowed: true }),
  );
  it('leaves an emoji whose words name a harm, or hide one, to the other layers and the classifier', () => {
    expect(lexicon.ordinaryScene('cute bunny 🔪')).toBe(false);
    expect(lexicon.ordinaryScene('cute bunny 🍺')).toBe(false);
    expect(lexicon.ordinaryScene('cute bunny 🍆')).toBe(false);
    expect(lexicon.ordinaryScene('cute bunny 🐰')).toBe(true);
  });
  it('still denies an ordinary-looking prompt with one harmful word', () => {
    expect(screenPrompt('a cute fox with a gun', 'storybook', lexicon)).toMatchObject({ allowed: false });
  });
});
