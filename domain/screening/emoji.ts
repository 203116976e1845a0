// Emoji read by their names and keywords (generated/emoji-words.json, from emojibase-data's
// English annotations): "🔫" is read as "water pistol gun handgun pistol revolver tool water
// weapon", so the word layers see the weapon the picture would show.
export const EMOJI = /\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\ufe0f|\u200d\p{Extended_Pictographic})*|[\u{1f1e6}-\u{1f1ff}]{2}/gu;

export interface EmojiReading {
  text: string;
  /** The emoji that were read, each with its words. */
  read: { emoji: string; words: string }[];
}

/** An emoji without its variation selectors and skin tones, as emoji-words.json keys it. */
export const bareEmoji = (emoji: string) => emoji.replace(/[\ufe0f\u{1f3fb}-\u{1f3ff}]/gu, '');

/** An emoji's words, or '' when it is unknown. A ZWJ sequence unknown as a whole is read part by part. */
export function emojiWordsOf(emoji: string, names: Map<string, string>): string {
  const bare = bareEmoji(emoji);
  return (
    names.get(bare) ??
    bare
      .split('\u200d')
      .map((part) => names.get(part) ?? '')
      .join(' ')
      .trim()
  );
}

// 🔫 is a pistol in a threat ("🔫 the cat") but the water pistol Unicode names it in a prompt about
// water guns: there it is read as the toy the words already allow (allowlist.tsv: water gun, 水枪).
const WATER_GUN_PROMPT = /\b(?:water|squirt)[ -]?(?:guns?|pistols?|blasters?)\b|水枪/u;
const WATER_GUN_WORDS = 'water pistol';

export function readEmoji(text: string, names: Map<string, string>): EmojiReading {
  const read: EmojiReading['read'] = [];
  const waterGuns = WATER_GUN_PROMPT.test(text);
  const out = text.replace(EMOJI, (emoji) => {
    const words = waterGuns && bareEmoji(emoji) === '🔫' ? WATER_GUN_WORDS : emojiWordsOf(emoji, names);
    if (!words) return emoji;
    read.push({ emoji, words });
    return ` ${words} `;
  });
  return { text: out, read };
}
