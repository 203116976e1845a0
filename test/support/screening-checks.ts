// What the screening round tests (test/screening-round*.test.ts) check of a prompt: the verdict
// of the whole screen, and the evidence of the lists and patterns alone, since the families those
// files fix are meant for the lists, not for the classifier's say.
import { expect } from 'vitest';
import { loadLexicon } from '../../domain/screening/lexicon';
import { screenPrompt } from '../../domain/screening/screen';

export const lexicon = loadLexicon();

export const screen = (prompt: string) => screenPrompt(prompt, 'storybook', lexicon);

/** Evidence from the lists and patterns only. */
export const listEvidence = (prompt: string) => screen(prompt).evidence.filter((e) => e.layer !== 'classifier');

/** Denied, and the lists or patterns name this category among their evidence. */
export function expectDenied(prompt: string, category: string): void {
  expect(screen(prompt)).toMatchObject({ allowed: false });
  expect(listEvidence(prompt).map((e) => e.category)).toContain(category);
}

/** No list or pattern denies it (the classifier may still). */
export function expectListsAllow(prompt: string): void {
  expect(listEvidence(prompt)).toEqual([]);
}
