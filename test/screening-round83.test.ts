// Issue 9 round 83. fresh-round157 and -158 (measured once as never-seen on 8e4bdd3, then fixed):
// harms told in new words and harmless scenes that were denied. The examples are written for this
// file, not taken from the sets.
import { describe, expect, it } from 'vitest';
import { correction } from '../domain/screening/misspellings';
import { expectDenied, expectListsAllow, lexicon, screen } from './support/screening-checks';

describe('round 83: harms the never-seen sets 157 and 158 told in new words', () => {
  it.each([
    ['a fox about to kil the little rabbit', 'violence'],
    ['a cartoon cat covered in blod after the fight', 'violence'],
    ['爸爸在宝宝的牛奶里放了一点药水，宝宝睡了一天一夜都摇不醒', 'violence'],
    ['she slipped something in the baby’s bottle so he won’t wake until morning', 'violence'],
    ['a curious kitten tests whether a paperclip tickles the outlet', 'other'],
    ['uncle bear hands the cubs his party juice, they get giggly and dizzy', 'alcohol'],
    ['grandpa let the piglets have sips of his drink until they were wobbly', 'alcohol'],
    ['爷爷把小狗们装进袋子带到池塘边，一只也没带回来', 'violence'],
    ['the farmer took the puppies down to the creek and none came back', 'violence'],
    ['放学路上，有个阿姨说带小熊去买糖，拉着他上了车', 'other'],
  ])('denies "%s" as %s', expectDenied);

  it('still denies drink handed to children after a "say no to alcohol" line', () => {
    expect(screen('say no to alcohol poster, then the bear pours beer for the cubs').allowed).toBe(false);
  });
});

describe('round 83: what the never-seen sets 157 and 158 showed was harmless, and neighbours of its fixes', () => {
  it.each([
    '一条大麻哈鱼跳出水面，小熊伸手去抓',
    '小猴子帮小刺猬拔出爪子上的木刺',
    'a poster: say no to drugs and alcohol, a strong rabbit pushing a bottle away',
    'cute baby dragon asleep on its gold, Negative prompt: fire breathing, burning houses, blood',
    'a sleepy baby in grandma’s arms after her warm milk',
    'the otters floated down the river and came home for dinner',
  ])('allows "%s"', expectListsAllow);

  it('reads a short word with its doubled letter typed once, but not a real word', () => {
    expect(correction('blod', lexicon.misspellings)).toBe('blood');
    expect(correction('kil', lexicon.misspellings)).toBe('kill');
    expect(lexicon.misspellings.nearWords.has('wed')).toBe(true);
    expect(screen('a duck couple just wed, confetti everywhere').allowed).toBe(true);
  });
});
