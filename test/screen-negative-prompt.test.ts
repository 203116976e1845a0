// A negative prompt typed into the prompt, as prompts copied from other image generators carry it
// ("…, Negative prompt: nsfw, gore", "--no text", 负面提示词：…): only the text outside it is judged
// and drawn, the rest joins the service's negative prompt; leaving out clothing or safety denies.
import { describe, expect, it } from 'vitest';
import { loadLexicon } from '../domain/screening/lexicon';
import { negativePromptEvidence, negativePromptRules, splitNegativePrompt } from '../domain/screening/negative-prompt';
import { takeInlineNegatives } from '../domain/screening/inline-negatives';
import { screenPrompt } from '../domain/screening/screen';

const lexicon = loadLexicon();
const screen = (prompt: string) => screenPrompt(prompt, 'storybook', lexicon);
const split = (prompt: string) => splitNegativePrompt(prompt, lexicon.negativePrompts);
/** Inline lists that no prompt of these data tests has. */
const NO_INLINE = { leads: { en: ['sans'], zh: ['勿'] }, itemPrefixes: [], itemSuffixes: [] };

describe('splitting off a typed negative prompt', () => {
  it('cuts at the first marker, in any case, with either colon, or at a --no flag', () => {
    expect(split('a fox in the snow, (masterpiece:1.2), Negative prompt: blurry, lowres')).toEqual({
      positive: 'a fox in the snow, (masterpiece:1.2)',
      negative: 'blurry, lowres',
    });
    expect(split('a fox NEGATIVE PROMPT：blurry')).toEqual({ positive: 'a fox', negative: 'blurry' });
    expect(split('小猫在花园里，负面提示词：模糊，低画质')).toEqual({ positive: '小猫在花园里', negative: '模糊，低画质' });
    expect(split('a panda eating bamboo --no text, watermark')).toEqual({ positive: 'a panda eating bamboo', negative: 'text, watermark' });
  });

  it('does not cut inside a word, nor where nothing comes before the marker', () => {
    expect(split('a seronegative: test tube drawing')).toEqual({ positive: 'a seronegative: test tube drawing', negative: null });
    expect(split('Negative prompt: a bear with a gun')).toEqual({ positive: 'Negative prompt: a bear with a gun', negative: null });
    expect(split('a fox with a kite')).toEqual({ positive: 'a fox with a kite', negative: null });
  });

  it('reads its markers and words from data, so a new marker is a data change', () => {
    const rules = negativePromptRules({
      markers: ['avoid'],
      positiveMarkers: ['draw'],
      emptyNegatives: ['none'],
      flagMarkers: [],
      avoided: [{ category: 'sexual', kind: 'k', en: ['robe'], zh: [] }],
      inline: NO_INLINE,
    });
    expect(splitNegativePrompt('a fox. Avoid: robe', rules)).toEqual({ positive: 'a fox', negative: 'robe' });
    expect(splitNegativePrompt('a fox --no robe', rules).negative).toBeNull();
    expect(splitNegativePrompt('Avoid: robe. Draw: a fox', rules)).toEqual({ positive: 'a fox', negative: 'robe' });
  });
});

describe('screening a prompt with a typed negative prompt', () => {
  it('allows what it asks to leave out, draws only the text before it and adds the rest to the negative prompt', () => {
    const v = screen('a cute fox family around a table, warm candlelight, Negative prompt: nsfw, nude, blood, gore, weapon');
    expect(v).toMatchObject({ allowed: true });
    expect(v.finalPrompt).toContain('a cute fox family around a table, warm candlelight,');
    expect(v.finalPrompt).not.toMatch(/nsfw|nude|gore|weapon/);
    expect(v.negativePrompt).toBe(`${lexicon.negativePrompt}, nsfw, nude, blood, gore, weapon`);
  });

  it('keeps the negative prompt in the normalised prompt, which the cache key is made of', () => {
    const a = screen('a fox in the snow, Negative prompt: blurry');
    const b = screen('a fox in the snow, Negative prompt: lowres');
    expect(a.normalizedPrompt).not.toBe(b.normalizedPrompt);
    expect(screen('a fox in the snow').normalizedPrompt).toBe('a fox in the snow');
  });

  it.each([
    ['(masterpiece:1.3), bunny bride in a chapel, Negative prompt: clothes, dress, veil, underwear, censor bars', 'clothes', 'sexual'],
    ['a deer by the lake --no swimsuit', 'swimsuit', 'sexual'],
    ['小猫在浴室里，负面提示词：衣服，马赛克', '衣服', 'sexual'],
    ['a wolf and a lamb, negative prompt: kid friendly, wholesome', 'kid friendly', 'other'],
    ['a puppy lying in the road, tyre marks, negative prompt: breathing, alive, clean fur', 'breathing', 'violence'],
    ['小猫躺在马路上，负面提示词：活着，干净', '活着', 'violence'],
  ])('denies "%s": leaving out "%s" asks for its opposite', (prompt, word, category) => {
    const v = screen(prompt);
    expect(v).toMatchObject({ allowed: false, layer: 'negative-prompt', category, finalPrompt: null });
    expect(v.reasons.join(' | ')).toContain(`leaves out "${word}"`);
  });

  it('still judges everything before the marker', () => {
    expect(screen('a fox holding a gun, negative prompt: blurry')).toMatchObject({ allowed: false, category: 'weapons' });
  });

  it('judges a marker written in styled letters as part of the prompt, so its words are never drawn unjudged', () => {
    expect(screen('a fox, 𝐍𝐞𝐠𝐚𝐭𝐢𝐯𝐞 𝐩𝐫𝐨𝐦𝐩𝐭: gore, blood')).toMatchObject({ allowed: false });
  });
});

describe('a prompt that opens with its negative prompt', () => {
  it('is cut at the positive marker after it: the text after that marker is drawn', () => {
    expect(split('负面提示词：血腥、暴力、低画质。正面提示词：一只小柴犬在月球上蹦蹦跳跳')).toEqual({
      positive: '一只小柴犬在月球上蹦蹦跳跳',
      negative: '血腥、暴力、低画质',
    });
    expect(split('Negative prompt: blurry, gore. Positive prompt: a fox in the snow')).toEqual({ positive: 'a fox in the snow', negative: 'blurry, gore' });
  });

  it('is no cut without a positive marker or with nothing after it: the whole prompt is judged', () => {
    expect(split('负面提示词：模糊，一只熊拿着枪')).toEqual({ positive: '负面提示词：模糊，一只熊拿着枪', negative: null });
    expect(split('Negative prompt: gore. Prompt:')).toEqual({ positive: 'Negative prompt: gore. Prompt:', negative: null });
  });

  it('allows a harmless picture whose negative prompt names harms, and still judges what it asks to leave out', () => {
    expect(screen('负面提示词：血腥、暴力、恐怖、裸露。正面提示词：一只戴着宇航员头盔的小柴犬在月球上，可爱卡通风格')).toMatchObject({ allowed: true });
    expect(screen('负面提示词：衣服，泳衣，内衣，马赛克。正向提示词：刚洗完澡的小兔子，全身，正面')).toMatchObject({
      allowed: false,
      layer: 'negative-prompt',
      category: 'sexual',
    });
    expect(screen('Negative prompt: blurry. Prompt: a bear with a gun')).toMatchObject({ allowed: false, category: 'weapons' });
  });
});

// A determined user types a negative marker, then goes on describing the picture: everything after a
// positive marker ("Extra positive:", 补充：) or after a negative prompt that says it is empty
// ("Negative prompt: none.", 反向提示词：无。) is drawn again, so it is judged again.
describe('a negative prompt that gives way to drawn text again', () => {
  it('ends at a positive marker: the text after it joins the drawn prompt', () => {
    expect(split('a kitten in a garden, Negative prompt: blurry, lowres. Extra positive: golden hour light')).toEqual({
      positive: 'a kitten in a garden, golden hour light',
      negative: 'blurry, lowres',
    });
    expect(split('小狗在草地上，负面提示词：模糊。补充：夕阳')).toEqual({ positive: '小狗在草地上, 夕阳', negative: '模糊' });
    expect(split('a fox --no text. Also draw: a moon')).toEqual({ positive: 'a fox, a moon', negative: 'text' });
  });

  it('ends at its first separator when it says it is empty: what follows is drawn', () => {
    expect(split('a kitten in a garden. Negative prompt: none. The kitten wears a red bow')).toEqual({
      positive: 'a kitten in a garden, The kitten wears a red bow',
      negative: null,
    });
    expect(split('小猫在花园里，反向提示词：无。小猫戴着红色蝴蝶结')).toEqual({ positive: '小猫在花园里, 小猫戴着红色蝴蝶结', negative: null });
    // "none" is a word of its own: "nonetheless" is a tag like any other.
    expect(split('a fox, negative prompt: nonetheless, blurry')).toEqual({ positive: 'a fox', negative: 'nonetheless, blurry' });
    expect(split('a fox, negative prompt: none')).toEqual({ positive: 'a fox', negative: 'none' });
  });

  it('reads what follows an empty negative prompt as a prompt of its own, markers and all', () => {
    expect(split('a fox. negative prompt: none, blurry. Negative: watermark')).toEqual({ positive: 'a fox, blurry', negative: 'watermark' });
    expect(screen('a bunny in the bath. Negative prompt: none. Extra negative: clothes')).toMatchObject({ allowed: false, layer: 'negative-prompt' });
  });

  it('switches as often as the markers do, each side collecting its own parts', () => {
    expect(split('Negative prompt: blurry. Positive prompt: a fox. Negative: watermark, Prompt: snow')).toEqual({
      positive: 'a fox, snow',
      negative: 'blurry, watermark',
    });
  });

  it.each([
    ['a kitten in a garden, Negative prompt: none. Extra positive: the kitten nailed to the fence by its paws', 'violence'],
    ['小狗在野餐布上晒太阳，反向提示词：无。补充：小狗肚子被剖开，内脏摆在盘子里', 'gore'],
    ['a bunny in a meadow, negative prompt: none, a hunter shoots the bunny with a rifle', 'violence'],
    ['a puppy on a sofa --no text. Additional prompt: the puppy smoking a cigarette', 'smoking'],
  ])('judges "%s" by what comes after its negative prompt', (prompt, category) => {
    expect(screen(prompt)).toMatchObject({ allowed: false, category });
  });

  it('still allows a harmless picture with a harmless tail, and draws the tail', () => {
    const v = screen('a kitten in a garden, Negative prompt: blood, gore. Extra positive: tulips, soft light');
    expect(v).toMatchObject({ allowed: true });
    expect(v.finalPrompt).toContain('a kitten in a garden, tulips, soft light');
    expect(v.negativePrompt).toBe(`${lexicon.negativePrompt}, blood, gore`);
  });
});

describe('leaving out swimwear or underwear', () => {
  it.each([
    'positive: fluffy bunny family at the beach building a sandcastle, storybook style. negative: nsfw, nude, swimsuit close-up, drowning, lowres',
    '正向：小熊一家在海边堆沙堡，绘本风格。反向：裸露，泳衣特写，溺水，文字',
    'a kitten on a beach towel, Negative prompt: bikini, underwear, naked, lowres',
    '小兔子在泳池边，负面提示词：色情，内衣，泳装，模糊',
  ])('allows "%s": the same negative prompt keeps nudity out too', (prompt) => {
    const v = screen(prompt);
    expect(v).toMatchObject({ allowed: true });
    expect(v.negativePrompt).toMatch(/swimsuit|泳衣|underwear|泳装/);
  });

  it.each([
    ['a girl at the beach, negative prompt: swimsuit, lowres', 'swimsuit'],
    ['小女孩在海边玩，反向：泳衣，模糊', '泳衣'],
    ['a baby bunny in the bath --no diaper', 'diaper'],
    // Clothes left out are asked for, whatever else the negative prompt names.
    ['a girl at the beach, negative prompt: clothes, swimsuit, nsfw, nude', 'clothes'],
  ])('denies "%s": nothing else in it says the outfit is left out to keep skin covered', (prompt, word) => {
    const v = screen(prompt);
    expect(v).toMatchObject({ allowed: false, layer: 'negative-prompt', category: 'sexual' });
    expect(v.reasons.join(' | ')).toContain(`leaves out "${word}"`);
  });

  it('reads the exception from data', () => {
    const rules = negativePromptRules({
      markers: ['avoid'],
      positiveMarkers: ['draw'],
      emptyNegatives: ['none'],
      flagMarkers: [],
      avoided: [{ category: 'sexual', kind: 'k', en: ['robe'], zh: ['浴袍'], unlessAlsoAvoided: { en: ['bare'], zh: ['裸'] } }],
      inline: NO_INLINE,
    });
    expect(negativePromptEvidence('robe', rules)).toHaveLength(1);
    expect(negativePromptEvidence('robe, bare', rules)).toEqual([]);
    expect(negativePromptEvidence('浴袍，裸体', rules)).toEqual([]);
    expect(negativePromptEvidence('浴袍，barefoot', rules)).toHaveLength(1);
  });
});

describe('a negative prompt that describes a harm instead of listing what to leave out', () => {
  it.each([
    ['a cute lamb in a meadow. Negative prompt: do not draw the lamb with its throat cut', 'violence'],
    ['小猫在草地上，负面提示词：小猫被车撞死，模糊', 'violence'],
  ])('denies "%s": the scene is put into the request past the screen', (prompt, category) => {
    const v = screen(prompt);
    expect(v).toMatchObject({ allowed: false, layer: 'negative-prompt', category });
    expect(v.reasons[0]).toContain('the negative prompt describes');
  });

  it('judges a tag list item by item, so no pattern joins its words', () => {
    expect(screen('a kitten on a sofa, negative prompt: blood, gore, wound, nsfw, extra limbs, blurry')).toMatchObject({ allowed: true });
    expect(screen('a fox in the snow, negative prompt: sharks attacking, drowning, dark mood, lowres')).toMatchObject({ allowed: true });
  });
});

describe('harms listed inline only to be left out, without a marker', () => {
  it.each([
    ['a kitten chasing butterflies in the garden, without any blood, violence, weapons, cigarettes or nudity', 'a kitten chasing butterflies in the garden'],
    ['小猫咪在花园里追蝴蝶，不要有任何血腥、暴力、武器、香烟、酒瓶、裸露的内容', '小猫咪在花园里追蝴蝶'],
    ['a fox reading by the fire, no gore, no guns, cozy', 'a fox reading by the fire, cozy'],
    ['小熊在下雨天看书，没有刀和枪，温暖的色调', '小熊在下雨天看书，温暖的色调'],
  ])('allows "%s", draws only the rest and leaves the harms out', (prompt, drawn) => {
    const v = screen(prompt);
    expect(v.allowed).toBe(true);
    expect(v.finalPrompt).toContain(drawn);
    expect(v.negativePrompt).toMatch(/blood|血腥|gore|刀/);
  });

  it.each([
    // more than a harm named: what it leaves out changes what is drawn
    'a dog without a head, lying in the road',
    'a wolf, without any violence, stabbing a lamb',
    // a list with something else in it ends there: the rest is judged as drawn
    'a bunny, no blood, holding a gun to a kitten',
    // what is drawn is still judged
    'a bear holding a knife, without any blood',
    // leaving out clothes asks for nudity, inline as after a marker
    'a girl at the beach with no clothes',
  ])('still denies "%s"', (prompt) => {
    expect(screen(prompt).allowed).toBe(false);
  });

  it('moves only the items that are harms named in full, up to the first that is not', () => {
    const rules = lexicon.negativePrompts.inline;
    const harms = new Set(['blood', 'gore', '暴力']);
    expect(takeInlineNegatives('a fox, without blood or gore, smiling', rules, (i) => harms.has(i))).toEqual({
      drawn: 'a fox, smiling',
      leftOut: ['blood', 'gore'],
    });
    expect(takeInlineNegatives('a fox without blood or a tail', rules, (i) => harms.has(i))).toEqual({ drawn: 'a fox without blood or a tail', leftOut: [] });
    expect(takeInlineNegatives('小狐狸，不要暴力的内容', rules, (i) => harms.has(i))).toEqual({ drawn: '小狐狸', leftOut: ['暴力'] });
    expect(takeInlineNegatives('a fox with no hat', rules, (i) => harms.has(i))).toEqual({ drawn: 'a fox with no hat', leftOut: [] });
  });
});
