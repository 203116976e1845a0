// Harms a prompt lists only to leave them out, typed inline without a marker ("a kitten in the
// garden, without any blood, violence or weapons", 小猫追蝴蝶，不要有血腥、暴力、武器的内容). Such a list
// is a negative prompt: its items are moved there, so they are steered away from and never judged as
// drawn. Only a run of items that are each a harm named in full moves ("blood", 暴力): "without a
// head" or "no smoking sign on the wall" name more than a harm and stay drawn, and so does anything
// after the first item that is not one. The leads and endings are data: `inline` in
// data/screening/negative-prompt.json.
import { z } from 'zod';

const nonEmpty = z.string().min(1);

export const inlineNegativesSchema = z.object({
  /** What opens a list of harms to leave out ("without any", 不要有). */
  leads: z.object({ en: z.array(nonEmpty).min(1), zh: z.array(nonEmpty).min(1) }),
  /** Words around an item that are not part of the harm it names ("no blood", "gore content", 裸露的内容). */
  itemPrefixes: z.array(nonEmpty),
  itemSuffixes: z.array(nonEmpty),
});

export interface InlineNegativeRules {
  leads: RegExp;
  prefix: RegExp;
  suffix: RegExp;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const longestFirst = (words: string[]) => [...words].sort((a, b) => b.length - a.length).map(escape);

export function inlineNegativeRules(data: z.output<typeof inlineNegativesSchema>): InlineNegativeRules {
  const en = `(?<![\\p{L}\\p{N}])(?:${longestFirst(data.leads.en).join('|')})\\s+`;
  const zh = `(?:${longestFirst(data.leads.zh).join('|')})`;
  return {
    leads: new RegExp(`${en}|${zh}`, 'giu'),
    prefix: new RegExp(`^(?:(?:${longestFirst(data.itemPrefixes).join('|')})(?:\\s+|(?=\\p{Script=Han})))+`, 'iu'),
    suffix: new RegExp(`(?:\\s*(?:${longestFirst(data.itemSuffixes).join('|')}))+$`, 'iu'),
  };
}

/** Where a list ends: the end of its sentence or clause. */
const LIST_END = /[。.;；!！?？:：\n(（]/u;
/** Between two items of a list; a comma may also end the list, the other separators only join items. */
const ITEM_BREAK = /(\s*(?:[、,，/]|\s(?:or|and|nor)\s|或者|以及|或|及|和|与)\s*)/u;
const CLAUSE_BREAK = /^\s*[,，]\s*$/u;

export interface InlineNegatives {
  /** The prompt without the lists of harms it leaves out. */
  drawn: string;
  /** The harms left out, one per item; empty when the prompt lists none. */
  leftOut: string[];
}

/**
 * The prompt with every inline list of harms to leave out taken out of it. `isNamedHarm` says whether
 * an item is a harm named in full and nothing more (the screen denies it on words alone, every word
 * of it among the words it was denied for).
 */
export function takeInlineNegatives(prompt: string, rules: InlineNegativeRules, isNamedHarm: (item: string) => boolean): InlineNegatives {
  const leftOut: string[] = [];
  const cuts: [number, number][] = [];
  for (const lead of prompt.matchAll(rules.leads)) {
    const start = lead.index;
    if (cuts.length && start < cuts.at(-1)![1]) continue;
    const listStart = start + lead[0].length;
    const rest = prompt.slice(listStart);
    const end = rest.search(LIST_END);
    const list = end < 0 ? rest : rest.slice(0, end);
    // split() with a captured separator: items at even places, the separator before each at odd ones.
    const parts = list.split(ITEM_BREAK);
    let taken = 0;
    let at = 0;
    const items: string[] = [];
    let whole = true;
    for (let i = 0; i < parts.length; i += 2) {
      const raw = parts[i]!;
      const item = raw.trim().replace(rules.prefix, '').replace(rules.suffix, '').trim();
      if (!item || !isNamedHarm(item)) {
        // "without blood or a tail" is one list with more than harms in it: none of it moves.
        whole = i > 0 && CLAUSE_BREAK.test(parts[i - 1]!);
        break;
      }
      items.push(item);
      at += (i > 0 ? parts[i - 1]!.length : 0) + raw.length;
      taken = at;
    }
    if (items.length === 0 || !whole) continue;
    leftOut.push(...items);
    cuts.push([start, listStart + taken]);
  }
  if (cuts.length === 0) return { drawn: prompt, leftOut };
  let drawn = '';
  let from = 0;
  for (const [start, end] of cuts) {
    drawn += prompt.slice(from, start);
    from = end;
  }
  drawn += prompt.slice(from);
  // The separators the lists left behind (", ,", a trailing "，").
  drawn = drawn
    .replace(/\s*[,，、]\s*(?=[,，、。.;；!！?？]|$)/gu, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
  return { drawn, leftOut };
}
