// Look-alike characters back to the letters they imitate: the Unicode confusables list (npm
// `confusables`, which ships the Unicode consortium's confusables as a map of letter → look-alikes)
// plus enclosed and styled letters NFKC leaves alone (🅶 negative squared, 🇬 regional
// indicators). Han and other CJK characters are never folded: the list maps some of them (一, 口)
// to Latin signs, which would destroy Chinese text.
import { characters } from 'confusables';

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

/**
 * Look-alike → the ASCII letters or digits it may stand for (lower case): Greek ι imitates both i
 * and l, so both readings are tried. Built once per process from the package data.
 */
export function lookalikeTable(): Map<string, string[]> {
  const table = new Map<string, string[]>();
  for (const [target, lookalikes] of characters) {
    if (!/^[\p{L}\p{N}]+$/u.test(target)) continue;
    for (const ch of lookalikes) {
      // ASCII stays as typed (leetspeak has its own table); CJK stays intact.
      if (ch.charCodeAt(0) < 0x80 || CJK.test(ch)) continue;
      const targets = table.get(ch) ?? [];
      if (!targets.includes(target.toLowerCase())) table.set(ch, [...targets, target.toLowerCase()]);
    }
  }
  // Regional indicator symbols 🇦..🇿 spell letters ("🇬🇺🇳").
  for (let i = 0; i < 26; i++) table.set(String.fromCodePoint(0x1f1e6 + i), [String.fromCharCode(0x61 + i)]);
  return table;
}

/**
 * The text with every look-alike replaced by its first (`choice` 0) or last (1) letter; run after
 * NFKC, which already undoes full-width and mathematical letters.
 */
export function foldLookalikes(text: string, table: Map<string, string[]>, choice: 0 | 1 = 0): string {
  let out = '';
  for (const ch of text) {
    const targets = table.get(ch);
    out += targets ? targets[choice === 0 ? 0 : targets.length - 1] : ch;
  }
  return out;
}

let capitals: Map<string, string> | undefined;

/**
 * Capitals that stop imitating their letter once lower-cased (Greek Ν looks like N, its ν like v;
 * Η is H, η is n; Μ is M, μ imitates nothing) → the letter the capital imitates. Lower-casing runs
 * before look-alikes are folded, so these are read as typed first. A capital whose lower case still
 * imitates the same letter (Cyrillic А, а) is left to the fold, which names the trick.
 */
function capitalLookalikes(): Map<string, string> {
  if (capitals) return capitals;
  const table = lookalikeTable();
  capitals = new Map();
  for (const [ch, targets] of table) {
    const lower = ch.toLowerCase();
    if (lower !== ch && !(table.get(lower) ?? []).includes(targets[0])) capitals.set(ch, targets[0]);
  }
  return capitals;
}

/** The text with every capital look-alike (capitalLookalikes) written as the ASCII letter it imitates. */
export function foldCapitalLookalikes(text: string): string {
  const table = capitalLookalikes();
  let out = '';
  for (const ch of text) out += table.get(ch) ?? ch;
  return out;
}
