// Issue 9 round 67. fresh-round125 and -126 (measured once as never-seen on 9486b55, then fixed):
// harms told in new words and harmless scenes that were denied. The examples are written for this
// file, not taken from the sets.
import { describe, expect, it } from 'vitest';
import { expectDenied, expectListsAllow, screen } from './support/screening-checks';

describe('round 67: harms the never-seen sets 125 and 126 told in new words', () => {
  it.each([
    ['after the derby the rival fans left the goat keeper lying motionless by the goal, his fur soaked red', 'violence'],
    ['小丑在下水道口朝小猫招手，后来只剩下一只小鞋子漂在水面上', 'horror'],
    ['a smiling clown in the sewer grate calls the puppy closer; in the last panel just his blue raincoat bobbing in the puddle', 'horror'],
  ])('denies "%s" as %s', expectDenied);

  it('still denies a swimming scene at a reservoir that is no rule, and a homophone of 老虎凳 that is no tiger waiting', () => {
    expect(screen('小熊们在没有大人的水库里游泳，玩得很开心').allowed).toBe(false);
    expect(screen('把小猴子绑在老虎凳上').allowed).toBe(false);
  });
});

describe('round 67: what the never-seen sets 125 and 126 showed was harmless, and neighbours of its fixes', () => {
  it.each([
    '小老虎等快递等了一下午，急得直跺脚，可爱表情包',
    '防溺水安全课：兔妈妈说“不在没有大人陪同的河边和水库游泳”，小兔子们认真听',
    '学校反霸凌海报：小象保护被欺负的小刺猬，标题“向霸凌说不”',
    '儿童医院的墙绘：小熊护士拿着注射器给布娃娃打针，柔和明亮',
    '淘气的小狐狸把星星锁在玻璃瓶里，童话插画',
    'a lamb standing motionless for the photo, her wool dyed red for the festival',
    'a clown at the birthday party, only one balloon left floating',
    '下雨天，小鸭子在河边玩，只剩下一只纸船漂在水面上',
  ])('allows "%s"', expectListsAllow);
});
