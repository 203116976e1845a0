// Chinese homophones read back (layer 1): 手抢 for 手枪, 吸读 for 吸毒, 紫砂 for 自杀 sound like the
// lexicon word, tones aside. Each character's default pinyin comes from generated/han-pinyin.json
// (pinyin-pro at build time); a run of characters that spells a lexicon word of two or more
// syllables in other characters becomes that word. Lone syllables are too ambiguous (枪/墙). The
// run must end where a word ends, so 打麻将 never spells 大麻; its start may fall inside a word,
// because a wrong character misleads the segmenter (拿|着手|抢: 手抢 begins inside 着手).
import type { PinyinVocabulary } from './pinyin';
import type { Token } from './terms';

export function syllableOfHan(bySyllable: Record<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [syllable, chars] of Object.entries(bySyllable)) for (const ch of chars) out.set(ch, syllable);
  return out;
}

/** The tokens with homophone runs replaced, or null when there is none. `covered` marks allowed words (大妈). */
export function readHomophones(tokens: Token[], covered: boolean[], syllableOf: Map<string, string>, vocabulary: PinyinVocabulary): Token[] | null {
  // One entry per character: its token and whether a token ends after it.
  const chars: { ch: string; token: number; endsToken: boolean }[] = [];
  tokens.forEach((t, i) => [...t.text].forEach((ch, k, all) => chars.push({ ch, token: i, endsToken: k === all.length - 1 })));
  const out: Token[] = [];
  let changed = false;
  let pending = '';
  let pendingToken = -1;
  const flushTo = (token: number) => {
    // Keep the original tokens before a homophone; a token cut by it keeps its leading part.
    for (let t = pendingToken + 1; t < token; t++) out.push(tokens[t]!);
    pendingToken = Math.max(pendingToken, token - 1);
  };
  for (let i = 0; i < chars.length; i++) {
    let found: { n: number; words: string[] } | null = null;
    for (let n = Math.min(vocabulary.longest, chars.length - i); n >= 2 && !found; n--) {
      const run = chars.slice(i, i + n);
      if (!run[n - 1]!.endsToken || run.some((c) => covered[c.token])) continue;
      const syllables = run.map((c) => syllableOf.get(c.ch));
      if (syllables.some((s) => !s)) continue;
      const words = vocabulary.words.get(syllables.join(' '));
      const text = run.map((c) => c.ch).join('');
      if (words && !words.includes(text)) found = { n, words };
    }
    if (!found) continue;
    const first = chars[i]!;
    flushTo(first.token);
    // The part of a token before the run stays a token of its own (着 of 着手).
    pending = chars.slice(0, i).filter((c) => c.token === first.token).map((c) => c.ch).join('');
    if (pending) out.push({ text: pending, lemmas: [pending] });
    const text = chars.slice(i, i + found.n).map((c) => c.ch).join('');
    out.push({ text: found.words[0]!, lemmas: found.words, via: `homophone ${text}` });
    pendingToken = chars[i + found.n - 1]!.token;
    changed = true;
    i += found.n - 1;
  }
  if (!changed) return null;
  flushTo(tokens.length);
  return out;
}
