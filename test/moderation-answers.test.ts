// The guard models' answers as they really come (model cards, Ollama's and vLLM's examples), and
// what is not a verdict: an unreadable answer must throw, never read as safe.
import { describe, expect, it } from 'vitest';
import { readGuardAnswer } from '../moderation/answers/read-answer';
import { GuardModelError } from '../moderation/errors';
import { rejectedByModeration } from '../moderation/screening-verdict';
import { loadLexicon } from '../domain/screening/lexicon';
import { screenPrompt } from '../domain/screening/screen';
import { formatForModel, loadModerationSettings } from '../moderation/settings';

const unreadableIn = (format: Parameters<typeof readGuardAnswer>[0], content: string) => {
  try {
    readGuardAnswer(format, content);
  } catch (err) {
    return err instanceof GuardModelError && err.kind === 'unreadable';
  }
  return false;
};

describe('Llama Guard 3/4 answers', () => {
  it('reads "safe", with the whitespace the models put around it', () => {
    expect(readGuardAnswer('llama-guard', 'safe')).toMatchObject({ safe: true, categories: [] });
    expect(readGuardAnswer('llama-guard', '\n\nsafe')).toMatchObject({ safe: true });
  });
  it('reads "unsafe" with one or several S-codes and names them from the hazard table', () => {
    expect(readGuardAnswer('llama-guard', 'unsafe\nS2')).toEqual({
      safe: false,
      rawCategories: ['S2'],
      categories: ['crime'],
      labels: ['S2 Non-Violent Crimes'],
    });
    const several = readGuardAnswer('llama-guard', '\n\nunsafe\nS1,S10');
    expect(several.categories).toEqual(['violence', 'hate']);
    expect(several.labels).toEqual(['S1 Violent Crimes', 'S10 Hate']);
    expect(readGuardAnswer('llama-guard', 'unsafe\nS12').categories).toEqual(['sexual']);
    expect(readGuardAnswer('llama-guard', 'unsafe\nS11').categories).toEqual(['self-harm']);
  });
  it('keeps "unsafe" unsafe without a code, and an unknown code as "other"', () => {
    expect(readGuardAnswer('llama-guard', 'unsafe')).toMatchObject({ safe: false, categories: ['unspecified'] });
    expect(readGuardAnswer('llama-guard', 'unsafe\nS15')).toMatchObject({ safe: false, rawCategories: ['S15'], categories: ['other'] });
  });
  it('refuses what is not a Llama Guard verdict', () => {
    for (const garbage of ['', 'Safe to say this is fine.', 'unsafe\nviolence', 'safe\nS1', 'I cannot help with that.', 'unsafe\nS1\nextra']) {
      expect(unreadableIn('llama-guard', garbage), garbage).toBe(true);
    }
  });
});

describe('Qwen3Guard-Gen answers', () => {
  it('reads prompt moderation: Safe, Unsafe with categories', () => {
    expect(readGuardAnswer('qwen3guard', 'Safety: Safe\nCategories: None')).toMatchObject({ safe: true });
    expect(readGuardAnswer('qwen3guard', 'Safety: Unsafe\nCategories: Violent')).toEqual({
      safe: false,
      rawCategories: ['Unsafe', 'Violent'],
      categories: ['violence'],
      labels: ['Unsafe: Violent'],
    });
    expect(readGuardAnswer('qwen3guard', 'Safety: Unsafe\nCategories: Sexual Content or Sexual Acts, Jailbreak').categories).toEqual(['sexual', 'jailbreak']);
  });
  it('treats Controversial as unsafe for children', () => {
    expect(readGuardAnswer('qwen3guard', 'Safety: Controversial\nCategories: Politically Sensitive Topics')).toMatchObject({
      safe: false,
      categories: ['political'],
      rawCategories: ['Controversial', 'Politically Sensitive Topics'],
    });
  });
  it('reads response moderation (with a Refusal line) and unknown categories', () => {
    expect(readGuardAnswer('qwen3guard', 'Safety: Safe\nCategories: None\nRefusal: Yes')).toMatchObject({ safe: true });
    expect(readGuardAnswer('qwen3guard', 'Safety: Unsafe\nCategories: Something New')).toMatchObject({ safe: false, categories: ['other'] });
    expect(readGuardAnswer('qwen3guard', 'Safety: Unsafe')).toMatchObject({ safe: false, categories: ['unspecified'] });
  });
  it('refuses what is not a Qwen3Guard verdict', () => {
    for (const garbage of ['', 'safe', 'Safety: Maybe\nCategories: None', '{"safe": true}']) expect(unreadableIn('qwen3guard', garbage), garbage).toBe(true);
  });
});

describe('JSON answers of a general chat model', () => {
  it('reads JSON, fenced or not, with categories and scores', () => {
    expect(readGuardAnswer('json', '{"safe": true}')).toMatchObject({ safe: true });
    expect(readGuardAnswer('json', '```json\n{"safe": false, "categories": ["Violence", "gore"]}\n```')).toMatchObject({
      safe: false,
      categories: ['violence', 'gore'],
    });
    expect(readGuardAnswer('json', '{"safe": false, "category": "weapons"}').categories).toEqual(['weapons']);
    expect(readGuardAnswer('json', '{"safe": false, "categories": ["scary clowns"]}').categories).toEqual(['other']);
    expect(readGuardAnswer('json', '{"safe": true, "scores": {"gore": 0.02, "sexual": 0.9}}').scores).toEqual({ gore: 0.02, sexual: 0.9 });
  });
  it('reads the plain words smaller models fall back to', () => {
    expect(readGuardAnswer('json', 'safe')).toMatchObject({ safe: true });
    expect(readGuardAnswer('json', 'Unsafe: violence, horror')).toMatchObject({ safe: false, categories: ['violence', 'horror'] });
    expect(readGuardAnswer('json', 'unsafe')).toMatchObject({ safe: false, categories: ['unspecified'] });
  });
  it('refuses JSON without a boolean "safe", bad scores, and prose', () => {
    for (const garbage of [
      '{"safe": "yes"}',
      '{"flagged": true}',
      '{"safe": true, "scores": {"gore": 7}}',
      '{"safe": fal',
      'It looks fine to me!',
      'safe, I think',
    ]) {
      expect(unreadableIn('json', garbage), garbage).toBe(true);
    }
  });
});

describe('guard model settings', () => {
  const env = { CUBCANVAS_MODERATION_URL: 'http://guard:8000/v1/', CUBCANVAS_MODERATION_MODEL: 'meta-llama/Llama-Guard-4-12B' };
  it('are off without a URL, and take the base URL with or without /v1', () => {
    expect(loadModerationSettings({})).toBeUndefined();
    expect(loadModerationSettings(env)).toEqual({
      url: 'http://guard:8000',
      model: 'meta-llama/Llama-Guard-4-12B',
      apiKey: undefined,
      timeoutMs: 8000,
      format: 'llama-guard',
      images: false,
    });
  });
  it('guess the format from the model name when auto', () => {
    expect(formatForModel('llama-guard3:1b')).toBe('llama-guard');
    expect(formatForModel('Qwen/Qwen3Guard-Gen-4B')).toBe('qwen3guard');
    expect(formatForModel('gpt-4o-mini')).toBe('json');
  });
  it('refuse bad values with the variable named', () => {
    expect(() => loadModerationSettings({ CUBCANVAS_MODERATION_URL: 'http://guard:8000' })).toThrow(/CUBCANVAS_MODERATION_MODEL: is required/);
    expect(() => loadModerationSettings({ CUBCANVAS_MODERATION_MODEL: 'x' })).toThrow(/CUBCANVAS_MODERATION_MODEL: is set but CUBCANVAS_MODERATION_URL is not/);
    expect(() => loadModerationSettings({ ...env, CUBCANVAS_MODERATION_URL: 'guard:8000' })).toThrow(/CUBCANVAS_MODERATION_URL: .* is not an http\(s\) URL/);
    expect(() => loadModerationSettings({ ...env, CUBCANVAS_MODERATION_URL: 'http://u:secret@guard' })).toThrow(/holds credentials/);
    expect(() => loadModerationSettings({ ...env, CUBCANVAS_MODERATION_URL: 'http://u:secret@guard' })).not.toThrow(/secret/);
    expect(() => loadModerationSettings({ ...env, CUBCANVAS_MODERATION_TIMEOUT_MS: '60000' })).toThrow(
      /CUBCANVAS_MODERATION_TIMEOUT_MS: "60000" is not an integer in 100..20000/,
    );
    expect(() => loadModerationSettings({ ...env, CUBCANVAS_MODERATION_FORMAT: 'llamaguard' })).toThrow(/CUBCANVAS_MODERATION_FORMAT/);
    expect(() => loadModerationSettings({ ...env, CUBCANVAS_MODERATION_MODEL: 'Qwen/Qwen3Guard-Gen-8B', CUBCANVAS_MODERATION_IMAGES: 'true' })).toThrow(
      /CUBCANVAS_MODERATION_IMAGES: .*text only/,
    );
  });
});

describe('the guard model in the screening verdict', () => {
  it('names the guard-model layer and the model and raw categories as its evidence', () => {
    const local = screenPrompt('a friendly raccoon who can pick a lock', 'storybook', loadLexicon());
    expect(local.allowed).toBe(true);
    const verdict = rejectedByModeration(local, {
      layer: 'moderation',
      model: 'meta-llama/Llama-Guard-4-12B',
      allowed: false,
      category: 'crime',
      categories: ['crime'],
      rawCategories: ['S2'],
      reasons: ['moderation: unsafe S2'],
    });
    expect(verdict).toMatchObject({ allowed: false, layer: 'guard-model', category: 'crime', finalPrompt: null, reasons: ['moderation: unsafe S2'] });
    expect(verdict.evidence).toEqual([
      { layer: 'guard-model', category: 'crime', kind: 'S2', rule: 'guard model meta-llama/Llama-Guard-4-12B', matched: local.normalizedPrompt, readAs: [] },
    ]);
  });
});
