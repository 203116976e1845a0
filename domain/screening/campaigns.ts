// Campaigns against a habit (data/screening/campaigns.tsv): a no-smoking poster names the cigarette
// it warns against. The word lists cannot tell the warning from the habit, so when a prompt's only
// evidence is words of the campaign's category and it names the campaign, the classifier decides,
// as it does for words with harmless senses (harmless-senses.ts).
import { join } from 'node:path';
import type { ScreeningEvidence } from '../pipeline';
import { tsvRows } from './lexicon-files';
import type { Term } from './terms';

/**
 * Below this probability the classifier does not read a campaign prompt as unsafe. The campaign
 * prompts of the labelled sets score 0.01–0.24 and scenes of children smoking 0.7 and above; a
 * campaign marker stuck onto such a scene still meets its pattern, which no campaign clears.
 */
export const CAMPAIGN_CLEARS_BELOW = 0.5;

/** Category → the markers that name a campaign against it, per language. */
export type Campaigns = ReadonlyMap<string, { en: RegExp | null; zh: readonly string[] }>;

const words = (text: string) =>
  text
    .toLowerCase()
    .replace(/[-‐‑–_]/g, ' ')
    .replace(/\s+/g, ' ');
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** campaigns.tsv: category, language, marker; every category must be one of blocklist.tsv. */
export function loadCampaigns(dir: string, blocklist: readonly Term[]): Campaigns {
  const categories = new Set(blocklist.map((t) => t.category));
  const markers = new Map<string, { en: string[]; zh: string[] }>();
  for (const { cells, where } of tsvRows(join(dir, 'campaigns.tsv'), 3)) {
    const [category, language, marker] = cells as [string, string, string];
    if (!categories.has(category)) throw new Error(`${where}: "${category}" is not a category of blocklist.tsv`);
    if (language !== 'en' && language !== 'zh') throw new Error(`${where}: language must be en or zh, got "${language}"`);
    const entry = markers.get(category) ?? { en: [], zh: [] };
    entry[language].push(language === 'en' ? words(marker) : marker);
    markers.set(category, entry);
  }
  return new Map(
    [...markers].map(([category, { en, zh }]) => [
      category,
      { en: en.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${en.map(escape).join('|')})(?![\\p{L}\\p{N}])`, 'u') : null, zh },
    ]),
  );
}

/**
 * The campaign a denial rests on, or null: every piece of evidence is a word or kind of one
 * category, read as written, and the prompt names a campaign against that category.
 */
export function campaignOf(evidence: readonly ScreeningEvidence[], normalizedPrompt: string, campaigns: Campaigns): string | null {
  if (evidence.length === 0) return null;
  const category = evidence[0]!.category;
  if (!evidence.every((e) => (e.layer === 'words' || e.layer === 'kinds') && e.readAs.length === 0 && e.category === category)) return null;
  const markers = campaigns.get(category);
  if (!markers) return null;
  const named = markers.en?.test(words(normalizedPrompt)) || markers.zh.some((m) => normalizedPrompt.includes(m));
  return named ? category : null;
}
