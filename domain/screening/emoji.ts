// Emoji read by their names and keywords (generated/emoji-words.json, from emojibase-data's
// English annotations): "🔫" is read as "water pistol gun handgun pistol revolver tool water
// weapon", so the word layers see the weapon the picture would show.
const EMOJI = /\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\ufe0f|\u200d\p{Extended_Pictographic})*|[\u{1f1e6}-\u{1f1ff}]{2}/gu;

export interface EmojiReading {
  text: string;
  /** The emoji that were read, each with its words. */
  read: { emoji: string; words: string }[];
}

export function readEmoji(text: string, names: Map<string, string>): EmojiReading {
  const read: EmojiReading['read'] = [];
  const out = text.replace(EMOJI, (emoji) => {
    const bare = emoji.replace(/[\ufe0f\u{1f3fb}-\u{1f3ff}]/gu, '');
    // A ZWJ sequence unknown as a whole is read part by part.
    const words =
      names.get(bare) ??
      bare
        .split('\u200d')
        .map((part) => names.get(part) ?? '')
        .join(' ')
        .trim();
    if (!words) return emoji;
    read.push({ emoji, words });
    return ` ${words} `;
  });
  return { text: out, read };
}
