// Prompt screening over a table of safe and unsafe prompts in both languages, including the
// evasion tricks people use against word filters and benign words with alarming parts.
import { describe, expect, it } from 'vitest';
import { loadLexicon } from '../domain/screening/lexicon';
import { normalizePrompt } from '../domain/screening/normalize';
import { screenPrompt } from '../domain/screening/screen';

const lexicon = loadLexicon();

const SAFE: string[] = [
  'a cute baby panda on a grassy hill',
  '会笑的企鹅',
  'a killer whale jumping over a rainbow',
  'a bear cub shooting hoops in the park',
  '小熊猫在树上睡觉',
  'a fluffy bunny with a carrot',
  'a smiling lion cub wearing a crown',
  'two kittens playing with yarn',
  'a puppy in a red raincoat splashing in puddles',
  'an owl reading a book under the moon',
  'a shooting star over a sleepy fox',
  'a panda eating bamboo shoots',
  'a pillow fight between two teddy bears',
  'a naked mole rat in a tiny sweater',
  'a tasmanian devil eating an ice cream',
  'a skilled penguin juggling fish',
  'a horse in a stable with a pony',
  'a bloodhound puppy sniffing flowers',
  'a swordfish blowing bubbles',
  'a glass of root beer next to a happy dog',
  'a vampire bat hanging upside down smiling',
  '一只有酒窝的小熊',
  '虎鲸妈妈和宝宝',
  '可爱的剑龙在吃草',
  '一只做鬼脸的小猴子',
  '枪乌贼在海里游泳',
  '放烟花的小兔子',
  '毛茸茸的小熊',
  '会笑的企鹅 wearing a scarf',
  'a frog and 3 ladybugs on a lily pad',
  'ＡＢＣ learning with a duck',
  'a cat in a t-shirt',
];

const UNSAFE: [prompt: string, category: string][] = [
  ['a bear holding a gun', 'weapons'],
  ['a panda with a knife', 'weapons'],
  ['一只拿着枪的熊', 'weapons'],
  ['a cat with a sword', 'weapons'],
  ['a bloody rabbit', 'violence'],
  ['a dog killing a cat', 'violence'],
  ['小狗杀死了小猫', 'violence'],
  ['满身是血的兔子', 'violence'],
  ['a dead penguin', 'violence'],
  ['a zombie bear', 'horror'],
  ['a scary ghost fox', 'horror'],
  ['恐怖的僵尸熊猫', 'horror'],
  ['a lion with guts spilling out', 'gore'],
  ['a monkey smoking a cigarette', 'smoking'],
  ['抽烟的猴子', 'smoking'],
  ['a pig drinking beer', 'alcohol'],
  ['喝醉的小猪', 'alcohol'],
  ['a drunk duck', 'alcohol'],
  ['a fox selling drugs', 'drugs'],
  ['吸毒的狐狸', 'drugs'],
  ['a sexy cat', 'sexual'],
  ['裸体的小熊', 'sexual'],
  ['a nude bunny', 'sexual'],
  ['a sad bear thinking about suicide', 'self-harm'],
  ['一只想自杀的企鹅', 'self-harm'],
  ['a dog with a swastika flag', 'hate'],
  ['纳粹小猫', 'hate'],
  ['a suicide bomber owl', 'terrorism'],
  ['恐怖分子熊', 'terrorism'],
  ['an elephant planting a bomb', 'terrorism'],
  // Evasion tricks.
  ['a bear with a g u n', 'weapons'],
  ['a bear with a g.u.n', 'weapons'],
  ['a bear with a g-u-n', 'weapons'],
  ['a bear with a ｇｕｎ', 'weapons'],
  ['a bear with a g\u200bun', 'weapons'],
  ['a bear with a GuN', 'weapons'],
  ['a cat that k1lls mice', 'violence'],
  ['a b100dy rabbit', 'violence'],
  ['a d0g dr1nking b33r', 'alcohol'],
  ['a kiiiiilling machine', 'violence'],
  ['a bear with a knifе', 'weapons'],
  ['a bear with a gun', 'weapons'],
  ['满身是 血 的兔子', 'violence'],
  ['一只拿着 枪 的熊', 'weapons'],
  ['一只拿着gun的熊', 'weapons'],
  ['a $exy cat', 'sexual'],
  ['a c1gar3tte smoking pig', 'smoking'],
  ['a p.o.r.n cat', 'sexual'],
  ['a killer', 'violence'],
];

describe('prompt screening', () => {
  it('covers at least 60 prompts in both languages', () => {
    expect(SAFE.length + UNSAFE.length).toBeGreaterThanOrEqual(60);
    const chinese = [...SAFE, ...UNSAFE.map(([p]) => p)].filter((p) => /\p{Script=Han}/u.test(p));
    expect(chinese.length).toBeGreaterThanOrEqual(15);
  });

  it.each(SAFE)('allows %s', (prompt) => {
    const v = screenPrompt(prompt, 'storybook', lexicon);
    expect(v.reasons).toEqual([]);
    expect(v.allowed).toBe(true);
    expect(v.category).toBeNull();
    expect(v.finalPrompt).toContain(prompt.trim());
    expect(v.finalPrompt).toContain('safe for kids');
    expect(v.negativePrompt).toContain('violence');
  });

  it.each(UNSAFE)('rejects %s as %s', (prompt, category) => {
    const v = screenPrompt(prompt, 'storybook', lexicon);
    expect(v.allowed).toBe(false);
    expect(v.category).toBe(category);
    expect(v.reasons.length).toBeGreaterThan(0);
    expect(v.reasons[0]).toMatch(new RegExp(`^${category}: contains "`));
    expect(v.finalPrompt).toBeNull();
    expect(v.negativePrompt).toBeNull();
  });

  it('says which trick it saw through', () => {
    expect(screenPrompt('a g u n', 'storybook', lexicon).reasons[0]).toContain('spaced-out letters joined');
    expect(screenPrompt('a g.u.n', 'storybook', lexicon).reasons[0]).toContain('punctuation inside a word removed');
  });

  it('applies the chosen style to the template', () => {
    const v = screenPrompt('a happy duck', 'watercolor', lexicon);
    expect(v.finalPrompt).toMatch(/^a happy duck, soft watercolor painting/);
  });

  it('normalises width, case, zero-width characters and spacing', () => {
    expect(normalizePrompt('  Ａ\u200b CUTE   Panda ')).toBe('a cute panda');
  });
});
