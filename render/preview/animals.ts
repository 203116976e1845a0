// The animals the preview renderer can draw, with the names people use for them in English and
// Chinese. Longer names win when several match ("小熊猫" is a red panda, not a bear).

export type EarShape = 'round' | 'pointy' | 'long' | 'floppy' | 'big' | 'tufts' | 'none';
export type Feature = 'eyePatches' | 'stripes' | 'mane' | 'trunk' | 'beak' | 'snout' | 'whiskers' | 'eyesOnTop' | 'spots' | 'faceMask' | 'bigNose' | 'wool';
export type BodyShape = 'standing' | 'bird' | 'whale';

export interface AnimalLook {
  id: string;
  en: string[];
  zh: string[];
  body: BodyShape;
  fur: string;
  belly: string;
  limbs: string;
  ears: EarShape;
  earInner: string;
  features: Feature[];
}

const look = (a: AnimalLook) => a;

export const ANIMALS: AnimalLook[] = [
  look({
    id: 'panda',
    en: ['panda', 'pandas', 'giant panda'],
    zh: ['熊猫', '大熊猫'],
    body: 'standing',
    fur: '#ffffff',
    belly: '#f4f4f4',
    limbs: '#2d2d35',
    ears: 'round',
    earInner: '#2d2d35',
    features: ['eyePatches'],
  }),
  look({
    id: 'red-panda',
    en: ['red panda', 'red pandas'],
    zh: ['小熊猫'],
    body: 'standing',
    fur: '#d9652b',
    belly: '#5a2e1d',
    limbs: '#4a2518',
    ears: 'pointy',
    earInner: '#fff4e8',
    features: ['faceMask', 'stripes'],
  }),
  look({
    id: 'cat',
    en: ['cat', 'cats', 'kitten', 'kittens', 'kitty'],
    zh: ['猫', '小猫', '猫咪'],
    body: 'standing',
    fur: '#f5a54a',
    belly: '#fff1dc',
    limbs: '#f5a54a',
    ears: 'pointy',
    earInner: '#ffc4c4',
    features: ['whiskers', 'stripes'],
  }),
  look({
    id: 'dog',
    en: ['dog', 'dogs', 'puppy', 'puppies', 'doggy'],
    zh: ['狗', '小狗', '狗狗'],
    body: 'standing',
    fur: '#c98f5a',
    belly: '#f6e2c8',
    limbs: '#c98f5a',
    ears: 'floppy',
    earInner: '#8a5a35',
    features: ['snout'],
  }),
  look({
    id: 'rabbit',
    en: ['rabbit', 'rabbits', 'bunny', 'bunnies'],
    zh: ['兔', '兔子', '小兔', '小白兔'],
    body: 'standing',
    fur: '#f7f3f0',
    belly: '#ffffff',
    limbs: '#f7f3f0',
    ears: 'long',
    earInner: '#ffc0cf',
    features: ['whiskers'],
  }),
  look({
    id: 'bear',
    en: ['bear', 'bears', 'teddy', 'teddy bear', 'cub'],
    zh: ['熊', '小熊', '泰迪熊'],
    body: 'standing',
    fur: '#a0703f',
    belly: '#e7c79c',
    limbs: '#8c5f33',
    ears: 'round',
    earInner: '#e7c79c',
    features: ['snout'],
  }),
  look({
    id: 'penguin',
    en: ['penguin', 'penguins'],
    zh: ['企鹅', '小企鹅'],
    body: 'bird',
    fur: '#2e3440',
    belly: '#ffffff',
    limbs: '#f6a623',
    ears: 'none',
    earInner: '#2e3440',
    features: ['beak'],
  }),
  look({
    id: 'fox',
    en: ['fox', 'foxes'],
    zh: ['狐狸', '小狐狸'],
    body: 'standing',
    fur: '#ef7d2d',
    belly: '#fff6ec',
    limbs: '#3b2a22',
    ears: 'pointy',
    earInner: '#3b2a22',
    features: ['faceMask'],
  }),
  look({
    id: 'elephant',
    en: ['elephant', 'elephants'],
    zh: ['大象', '象', '小象'],
    body: 'standing',
    fur: '#9aa7b8',
    belly: '#b7c2d0',
    limbs: '#8996a8',
    ears: 'big',
    earInner: '#f0b8c8',
    features: ['trunk'],
  }),
  look({
    id: 'lion',
    en: ['lion', 'lions', 'lion cub'],
    zh: ['狮子', '小狮子'],
    body: 'standing',
    fur: '#f2c14e',
    belly: '#fbe3a6',
    limbs: '#f2c14e',
    ears: 'round',
    earInner: '#e09b3d',
    features: ['mane', 'snout'],
  }),
  look({
    id: 'tiger',
    en: ['tiger', 'tigers', 'tiger cub'],
    zh: ['老虎', '虎', '小老虎'],
    body: 'standing',
    fur: '#f59a3b',
    belly: '#fff5e6',
    limbs: '#f59a3b',
    ears: 'round',
    earInner: '#fff5e6',
    features: ['stripes', 'whiskers'],
  }),
  look({
    id: 'pig',
    en: ['pig', 'pigs', 'piglet', 'piggy'],
    zh: ['猪', '小猪', '猪猪'],
    body: 'standing',
    fur: '#f9b7c4',
    belly: '#fcd5dd',
    limbs: '#f29cae',
    ears: 'pointy',
    earInner: '#ee8fa3',
    features: ['snout'],
  }),
  look({
    id: 'frog',
    en: ['frog', 'frogs', 'froggy', 'tadpole'],
    zh: ['青蛙', '小青蛙', '蛙'],
    body: 'standing',
    fur: '#7cc95a',
    belly: '#d8f0b8',
    limbs: '#62b043',
    ears: 'none',
    earInner: '#7cc95a',
    features: ['eyesOnTop'],
  }),
  look({
    id: 'owl',
    en: ['owl', 'owls', 'owlet'],
    zh: ['猫头鹰', '小猫头鹰'],
    body: 'bird',
    fur: '#9c7b5b',
    belly: '#f1dfc2',
    limbs: '#f6a623',
    ears: 'tufts',
    earInner: '#9c7b5b',
    features: ['beak', 'spots'],
  }),
  look({
    id: 'duck',
    en: ['duck', 'ducks', 'duckling', 'ducklings'],
    zh: ['鸭', '鸭子', '小鸭', '小黄鸭'],
    body: 'bird',
    fur: '#ffd84a',
    belly: '#fff0a8',
    limbs: '#ff9a2e',
    ears: 'none',
    earInner: '#ffd84a',
    features: ['beak'],
  }),
  look({
    id: 'chick',
    en: ['chick', 'chicks', 'chicken', 'hen'],
    zh: ['小鸡', '鸡'],
    body: 'bird',
    fur: '#ffe45c',
    belly: '#fff3a8',
    limbs: '#ff9a2e',
    ears: 'none',
    earInner: '#ffe45c',
    features: ['beak'],
  }),
  look({
    id: 'monkey',
    en: ['monkey', 'monkeys'],
    zh: ['猴', '猴子', '小猴子'],
    body: 'standing',
    fur: '#8b5e3c',
    belly: '#f0d2b0',
    limbs: '#8b5e3c',
    ears: 'big',
    earInner: '#f0d2b0',
    features: ['faceMask'],
  }),
  look({
    id: 'koala',
    en: ['koala', 'koalas'],
    zh: ['考拉', '树袋熊'],
    body: 'standing',
    fur: '#a3a9b3',
    belly: '#e9ecf0',
    limbs: '#959ba6',
    ears: 'big',
    earInner: '#f4f4f4',
    features: ['bigNose'],
  }),
  look({
    id: 'mouse',
    en: ['mouse', 'mice'],
    zh: ['老鼠', '小老鼠', '鼠'],
    body: 'standing',
    fur: '#b8b8c4',
    belly: '#ececf2',
    limbs: '#a8a8b6',
    ears: 'big',
    earInner: '#ffc0cf',
    features: ['whiskers'],
  }),
  look({
    id: 'sheep',
    en: ['sheep', 'lamb', 'lambs'],
    zh: ['羊', '小羊', '绵羊'],
    body: 'standing',
    fur: '#fbf7ef',
    belly: '#fffdf8',
    limbs: '#4a4050',
    ears: 'floppy',
    earInner: '#4a4050',
    features: ['wool'],
  }),
  look({
    id: 'whale',
    en: ['whale', 'whales', 'killer whale', 'orca', 'orcas'],
    zh: ['鲸', '鲸鱼', '虎鲸'],
    body: 'whale',
    fur: '#3f7fc4',
    belly: '#dcefff',
    limbs: '#3f7fc4',
    ears: 'none',
    earInner: '#3f7fc4',
    features: [],
  }),
];

export const DEFAULT_ANIMAL_ID = 'bear';

/** The animal a prompt is about: the longest name found (words in English, substrings in Chinese). */
export function animalForPrompt(normalizedPrompt: string): AnimalLook {
  const words = ` ${normalizedPrompt.replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  let best: { animal: AnimalLook; length: number; at: number } | undefined;
  for (const animal of ANIMALS) {
    const hits = [
      ...animal.en.map((name) => ({ at: words.indexOf(` ${name} `), length: name.length })),
      ...animal.zh.map((name) => ({ at: normalizedPrompt.indexOf(name), length: name.length * 2 })),
    ].filter((h) => h.at >= 0);
    for (const h of hits) {
      if (!best || h.length > best.length || (h.length === best.length && h.at < best.at)) best = { animal, ...h };
    }
  }
  return best?.animal ?? ANIMALS.find((a) => a.id === DEFAULT_ANIMAL_ID)!;
}
