// Plain picture requests composed from data/screening/ordinary-scenes.json, for the classifier's
// training: a seeded sample, so that every training run sees the same prompts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ordinaryScenesSchema, type OrdinaryVocabulary } from '../domain/screening/ordinary-scenes';
import { seededRandom } from '../render/preview/rng';

export const ORDINARY_SCENES_FILE = 'ordinary-scenes.json';

function compose(words: OrdinaryVocabulary, language: 'en' | 'zh', random: () => number): string {
  const pick = (list: string[]) => list[Math.floor(random() * list.length)]!;
  const descriptors = random() < 0.3 ? [] : random() < 0.7 ? [pick(words.descriptors)] : [pick(words.descriptors), pick(words.descriptors)];
  const subject = [...new Set(descriptors)].concat(pick(words.subjects));
  // A quarter are the bare request ("a cute fox", "一只兔子"): the shape the classifier got wrong.
  const bare = random() < 0.25;
  const doing = !bare && random() < 0.55 ? pick(words.doings) : '';
  const setting = !bare && random() < 0.55 ? pick(words.settings) : '';
  const style = random() < 0.35 ? pick(words.styles) : '';
  // One in five is asked for the way people ask: "can u draw …", "… plz", "帮我画…".
  const opener = random() < 0.2 ? pick(words.openers) : '';
  const closer = random() < 0.1 ? pick(words.closers) : '';
  if (language === 'en') {
    const article = random() < 0.6 ? 'a ' : '';
    const scene = `${opener ? `${opener} ` : ''}${article}${subject.join(' ')}${doing ? ` ${doing}` : ''}${setting ? ` ${setting}` : ''}`;
    return [scene, style, closer].filter(Boolean).join(', ');
  }
  const measure = random() < 0.5 ? '一只' : '';
  const scene = `${opener}${measure}${subject.join('')}${setting}${doing}`;
  return [scene, style, closer].filter(Boolean).join('，');
}

/** The composed prompts, distinct, English then Chinese. */
export function ordinaryScenes(dir: string): { language: 'en' | 'zh'; prompt: string }[] {
  const data = ordinaryScenesSchema.parse(JSON.parse(readFileSync(join(dir, ORDINARY_SCENES_FILE), 'utf8')));
  const random = seededRandom(20261127);
  const out: { language: 'en' | 'zh'; prompt: string }[] = [];
  for (const language of ['en', 'zh'] as const) {
    const seen = new Set<string>();
    // Bounded: a small vocabulary cannot make more distinct prompts than it has.
    for (let tries = 0; seen.size < data.count[language] && tries < data.count[language] * 20; tries++) {
      const prompt = compose(data[language], language, random);
      if (seen.has(prompt)) continue;
      seen.add(prompt);
      out.push({ language, prompt });
    }
  }
  return out;
}
