// Prompt screening in layers: (1) normalise and read the prompt every way it may be written,
// (2) as words and lemmas, (3) against a lexicon of kinds, (4) against patterns that describe harm
// without a banned word. Accepted prompts are wrapped in the kid style. Synchronous and pure: the
// guard model (moderation/) runs after it on what it allows.
import type { ScreeningEvidence, ScreeningVerdict } from '../pipeline';
import type { Style } from '../request';
import type { Lexicon } from './lexicon';
import { allowedTokens, kindSpans, matchTerms, type TermMatch } from './match-terms';
import { classifierText } from './classifier';
import { hasHarmlessSense, restsOnHarmlessSenses } from './harmless-senses';
import { CAMPAIGN_CLEARS_BELOW, campaignOf } from './campaigns';
import { RULE_CLEARS_BELOW, sceneBesideSafetyRules } from './safety-rules';
import { matchPattern } from './patterns';
import { candidatePatterns } from './pattern-index';
import { joinSpacedWords, normalizePrompt } from './normalize';
import { negativePromptEvidence, splitNegativePrompt, withUserNegative } from './negative-prompt';
import { takeInlineNegatives } from './inline-negatives';
import { readPrompt } from './reading';
import type { Language, Reading } from './terms';

export function finalPromptFor(prompt: string, style: Style, lexicon: Lexicon): string {
  return lexicon.template.replace('{prompt}', prompt.trim()).replace('{style}', lexicon.styles[style]);
}

const wordsOf = (reading: Reading, start: number, end: number) =>
  reading.tokens
    .slice(start, end)
    .map((t) => (t.via ? `${t.text} (${t.via})` : t.text))
    .join(reading.language === 'en' ? ' ' : '');

/** One reading with its allowed tokens and the lexicon terms found in it. */
interface Analysed {
  reading: Reading;
  covered: boolean[];
  matches: TermMatch[];
}

function analyse(reading: Reading, lexicon: Lexicon, plain?: Analysed): Analysed {
  const covered = allowedTokens(reading, lexicon.index);
  if (plain) coverAsWritten(reading, plain, covered);
  return { reading, covered, matches: matchTerms(reading, lexicon.index, covered) };
}

/**
 * A word that the prompt's plain reading allows (an idiom, an allowed phrase) stays allowed in a
 * reading with a trick undone, when the trick changed only the words around it: "this cake is to
 * die for!" read with leetspeak undone has "for!" as "fori", which breaks the idiom, though "die"
 * was written in plain letters. Counted, so that a trick that makes the word once more ("to die for!
 * d1e") still shows the new one: the word is taken as allowed only where the plain reading has it
 * as often, every time allowed.
 */
function coverAsWritten(reading: Reading, plain: Analysed, covered: boolean[]): void {
  const allowedTimes = new Map<string, number>();
  const times = (tokens: Reading['tokens']) => {
    const n = new Map<string, number>();
    for (const t of tokens) n.set(t.text, (n.get(t.text) ?? 0) + 1);
    return n;
  };
  const inPlain = times(plain.reading.tokens);
  plain.reading.tokens.forEach((t, i) => {
    if (plain.covered[i]) allowedTimes.set(t.text, (allowedTimes.get(t.text) ?? 0) + 1);
  });
  const here = times(reading.tokens);
  reading.tokens.forEach((t, i) => {
    const allowed = allowedTimes.get(t.text) ?? 0;
    if (allowed > 0 && allowed === inPlain.get(t.text) && (here.get(t.text) ?? 0) <= allowed) covered[i] = true;
  });
}

/**
 * `elsewhere`: kinds and categories found in the readings of the other language. A prompt that
 * mixes languages puts the context in one and the term in the other ("抽weed": weed is English,
 * smoking it Chinese), and words of different languages are never the same words.
 */
function evidenceIn({ reading, covered, matches }: Analysed, lexicon: Lexicon, elsewhere: Set<string>): ScreeningEvidence[] {
  const spans = kindSpans(matches, reading.tokens.length);
  const found: ScreeningEvidence[] = [];
  for (const { term, start, end, weak } of matches) {
    // Context kinds never decide; a term with `when` counts only beside its context ("heroine" +
    // inject), found in other words than its own ("lines" is not its own context).
    if (weak || term.category === '-') continue;
    if (medicineEmojiInCare(reading, start, end, lexicon, elsewhere)) continue;
    if (
      term.when &&
      !elsewhere.has(term.when) &&
      !matches.some((m) => (m.term.kind === term.when || m.term.category === term.when) && (m.end <= start || m.start >= end))
    )
      continue;
    found.push({
      layer: term.layer,
      category: term.category,
      kind: term.kind,
      rule: term.source,
      matched: wordsOf(reading, start, end),
      readAs: reading.tricks,
    });
  }
  // Pinyin spells more than one word: "da ma" is 大妈 (allowed) and 大麻. The allowed word is read,
  // so no term denies it, but patterns still see the syllables ("mai dama gei xiaoxuesheng").
  const blocked = covered.map((c, i) => c && !spellsOtherWords(reading.tokens[i]!));
  for (const pattern of candidatePatterns(lexicon.patternIndex, reading.tokens, spans, reading.language)) {
    const at = matchPattern(pattern, reading.tokens, spans, blocked);
    if (at)
      found.push({
        layer: 'patterns',
        category: pattern.category,
        kind: pattern.explanation,
        rule: pattern.source,
        matched: wordsOf(reading, at[0], at[1]),
        readAs: reading.tricks,
      });
  }
  return found;
}

/** A token read from pinyin whose syllables also spell other words than the one read. */
const spellsOtherWords = (token: Reading['tokens'][number]) => token.via?.startsWith('pinyin') === true && token.lemmas.length > 1;

/** The context kind (kinds.tsv) of care for the sick: a doctor, a nurse, a vaccine, being ill. */
const CARE = 'care';

/**
 * Whether tokens start..end are only words of a medicine emoji (one whose words name a medicine
 * kind: 💉 "… medicine needle …", 💊 "pill … drugs …") in a prompt whose other language tells of
 * care: "护士熊给小羊打💉疫苗" has no English but the emoji's words, so its context, the nurse and the
 * vaccine, is in the Chinese reading. Counted, so that the same word written beside the emoji
 * ("💊 and drugs") still counts.
 */
function medicineEmojiInCare(reading: Reading, start: number, end: number, lexicon: Lexicon, elsewhere: Set<string>): boolean {
  if (!elsewhere.has(CARE) || !reading.emoji) return false;
  const isMedicine = (word: string) => (lexicon.index.byWord.get(word) ?? []).some((t) => t.kind === 'medicine');
  const medicine = reading.emoji.map((e) => e.words.split(' ')).filter((words) => words.some(isMedicine));
  return reading.tokens.slice(start, end).every((token) => {
    const fromEmoji = medicine.filter((words) => words.includes(token.text)).length;
    return fromEmoji > 0 && reading.tokens.filter((t) => t.text === token.text).length <= fromEmoji;
  });
}

const unsafeProbability = (normalizedPrompt: string, lexicon: Lexicon) => lexicon.classifier.classify(classifierText(normalizedPrompt, lexicon)).probability;

/** The classifier's say on a prompt no list or pattern denied: nothing, or one piece of evidence. */
function classifierEvidence(normalizedPrompt: string, lexicon: Lexicon): ScreeningEvidence[] {
  const text = classifierText(normalizedPrompt, lexicon);
  if (lexicon.ordinaryScene(text)) return [];
  const isRule = lexicon.safetyRules(text);
  const isRefusedLure = lexicon.refusedLures.clauses(text);
  const verdict = lexicon.classifier.classify(
    text,
    (clause) => lexicon.allowedPhrases.has(clause) || lexicon.ordinaryScene(clause) || isRule(clause) || isRefusedLure(clause),
  );
  if (!verdict.unsafe) return [];
  return [
    {
      layer: 'classifier',
      category: 'other',
      kind: verdict.clause
        ? `an unsafe scene in "${verdict.clause.text}" (probability ${verdict.clause.probability.toFixed(2)}, threshold for one clause ${lexicon.classifier.clauseThreshold})`
        : `an unsafe scene (probability ${verdict.probability.toFixed(2)}, threshold ${lexicon.classifier.threshold})`,
      rule: 'classifier',
      matched: verdict.strongest.join(', '),
      readAs: [],
    },
  ];
}

function reason(e: ScreeningEvidence): string {
  const how = e.readAs.length ? ` (${e.readAs.join('; ')})` : '';
  if (e.layer === 'classifier') return `${e.category}: reads as ${e.kind}; the words that weighed most: ${e.matched}`;
  if (e.layer === 'negative-prompt' && e.rule === DESCRIBED_HARM) return `${e.category}: the negative prompt describes ${e.kind}: "${e.matched}"`;
  if (e.layer === 'negative-prompt') return `${e.category}: the negative prompt leaves out "${e.matched}": ${e.kind}`;
  if (e.layer === 'patterns') return `${e.category}: describes ${e.kind}: "${e.matched}"${how}`;
  const kind = e.layer === 'kinds' ? ` (${e.kind})` : '';
  return `${e.category}: contains "${e.rule}"${kind}${e.matched !== e.rule.toLowerCase() ? ` as "${e.matched}"` : ''}${how}`;
}

function clearedAsSafetyRules(evidence: readonly ScreeningEvidence[], screened: string, style: Style, lexicon: Lexicon): boolean {
  const text = classifierText(screened, lexicon);
  const isRule = lexicon.safetyRules(text);
  // A lure the lesson's child turns down counts as a rule only for the luring patterns it may meet.
  const { clauses, kinds } = lexicon.refusedLures;
  const isRefusedLure = evidence.every((e) => e.layer === 'patterns' && kinds.has(e.kind)) ? clauses(text) : () => false;
  const scene = sceneBesideSafetyRules(
    evidence,
    text,
    (clause) => isRule(clause) || isRefusedLure(clause),
    // A WordNet kind said of the same word as a word with harmless senses ("gun" as a firearm) goes with it.
    (e) =>
      hasHarmlessSense(e, lexicon.harmlessSenses) ||
      (e.layer === 'kinds' && e.readAs.length === 0 && evidence.some((w) => w.matched === e.matched && hasHarmlessSense(w, lexicon.harmlessSenses))),
  );
  if (scene === null || unsafeProbability(screened, lexicon) >= RULE_CLEARS_BELOW) return false;
  // The rest has no rule left to clear, so this recursion ends there.
  return scene === '' || screenPrompt(scene, style, lexicon).allowed;
}

/** The rule of negative-prompt evidence for a harm the negative prompt describes rather than names. */
const DESCRIBED_HARM = 'described harm';

/**
 * A negative prompt lists what to leave out ("blood, gore, scary"); one that describes a harm scene
 * by scene ("do not draw the lamb with its throat cut, the blood pooling under it") is a way to put
 * it into the request past the screen, so a pattern one of its items matches (a description, not a
 * word) denies. Items are judged one by one: a pattern must not join the words of a tag list
 * ("wound, nsfw, extra limbs").
 */
function harmDescribedIn(negative: string, style: Style, lexicon: Lexicon): ScreeningEvidence[] {
  for (const item of negative.split(/[,，、;；]+/u)) {
    // A Chinese character counts as a word, once: "烧伤" is a two-word tag, not a described scene.
    const words = (item.replace(/\p{Script=Han}/gu, ' ').match(/\p{L}+/gu) ?? []).length + (item.match(/\p{Script=Han}/gu) ?? []).length;
    if (words < 3) continue;
    const described = screenPrompt(item.trim(), style, lexicon).evidence.find((e) => e.layer === 'patterns');
    if (described)
      return [{ layer: 'negative-prompt', category: described.category, kind: described.kind, rule: DESCRIBED_HARM, matched: described.matched, readAs: [] }];
  }
  return [];
}

/** What the lists, kinds and patterns find in a normalised prompt, every reading of it, each rule once. */
function listEvidence(screened: string, lexicon: Lexicon): ScreeningEvidence[] {
  const evidence: ScreeningEvidence[] = [];
  const seen = new Set<string>();
  const readings = readPrompt(screened, lexicon);
  // The first English reading is the prompt as written (readPrompt); the others undo tricks.
  const plain = readings[0]?.language === 'en' ? analyse(readings[0], lexicon) : undefined;
  const analysed = readings.map((r, i) => (i === 0 && plain ? plain : analyse(r, lexicon, r.language === 'en' ? plain : undefined)));
  const kindsIn = (language: Language) =>
    new Set(
      analysed.filter((a) => a.reading.language === language).flatMap((a) => a.matches.filter((m) => !m.weak).flatMap((m) => [m.term.kind, m.term.category])),
    );
  const found: Record<Language, Set<string>> = { en: kindsIn('en'), zh: kindsIn('zh') };
  for (const a of analysed) {
    for (const e of evidenceIn(a, lexicon, found[a.reading.language === 'en' ? 'zh' : 'en'])) {
      const key = `${e.layer}\u0000${e.rule}`;
      if (seen.has(key)) continue;
      seen.add(key);
      evidence.push(e);
    }
  }
  return evidence;
}

/**
 * A harm named in full and nothing more ("weapons", 暴力, "scary clowns" is not): words or kinds of
 * the lists name it as written, and every word of it is among the words they name.
 */
function isNamedHarm(item: string, lexicon: Lexicon): boolean {
  const normalized = normalizePrompt(item);
  const evidence = listEvidence(normalized, lexicon);
  if (evidence.length === 0 || !evidence.every((e) => (e.layer === 'words' || e.layer === 'kinds') && e.readAs.length === 0)) return false;
  const wordsOf = (text: string) => text.toLowerCase().match(/\p{Script=Han}|[\p{L}\p{N}]+/gu) ?? [];
  const named = new Set(evidence.flatMap((e) => wordsOf(e.matched)));
  return wordsOf(normalized).every((w) => named.has(w));
}

export function screenPrompt(prompt: string, style: Style, lexicon: Lexicon): ScreeningVerdict {
  // A typed negative prompt is never drawn: only the text outside it is judged (negative-prompt.ts),
  // and so are harms listed inline only to be left out ("without any blood or weapons").
  const typed = splitNegativePrompt(prompt, lexicon.negativePrompts);
  const inline = takeInlineNegatives(typed.positive, lexicon.negativePrompts.inline, (item) => isNamedHarm(item, lexicon));
  const positive = inline.drawn || typed.positive;
  const negative = inline.drawn && inline.leftOut.length ? [typed.negative, ...inline.leftOut].filter(Boolean).join(', ') : typed.negative;
  const screened = normalizePrompt(positive);
  // The verdict keeps the whole prompt (the cache key is made of it: the negative prompt changes the picture).
  const normalizedPrompt = negative ? normalizePrompt(prompt) : screened;
  const evidence: ScreeningEvidence[] = negative
    ? [...negativePromptEvidence(negative, lexicon.negativePrompts), ...harmDescribedIn(negative, style, lexicon)]
    : [];
  evidence.push(...listEvidence(screened, lexicon));
  if (evidence.length === 0) evidence.push(...classifierEvidence(screened, lexicon));
  // A denial resting only on words with harmless senses stands unless the classifier is sure the
  // prompt is harmless ("a giraffe shooting hoops"; harmless-senses.ts).
  else if (restsOnHarmlessSenses(evidence, lexicon.harmlessSenses) && unsafeProbability(screened, lexicon) < lexicon.classifier.clearsBelow) {
    evidence.length = 0;
  }
  // A warning against a habit names it ("no smoking poster: a crossed-out cigarette"): the campaign
  // clears the habit's words unless the classifier reads the prompt as unsafe (campaigns.ts).
  else if (campaignOf(evidence, screened, lexicon.campaigns) && unsafeProbability(screened, lexicon) < CAMPAIGN_CLEARS_BELOW) {
    evidence.length = 0;
  }
  // A safety lesson's rule describes the harm it forbids ("never poke a fork into a socket"): a
  // denial resting only on patterns inside its rules is the classifier's to make, once the rest of
  // the prompt passes on its own (safety-rules.ts).
  else if (clearedAsSafetyRules(evidence, screened, style, lexicon)) {
    evidence.length = 0;
  }
  if (evidence.length === 0) {
    return {
      allowed: true,
      category: null,
      reasons: [],
      layer: null,
      evidence: [],
      normalizedPrompt,
      // Drawn as it was judged: letters typed apart are drawn as the words they spell.
      finalPrompt: finalPromptFor(joinSpacedWords(positive), style, lexicon),
      negativePrompt: withUserNegative(lexicon.negativePrompt, negative),
    };
  }
  // The most specific evidence decides: a term before a pattern, a longer term before a shorter one
  // ("suicide bomber" is terrorism, not self-harm); among equals, the plainest reading.
  const rank = (e: ScreeningEvidence) => (e.layer === 'patterns' ? 0 : 1000) + e.rule.replace(/ \(.*\)$/, '').length - e.readAs.length * 0.01;
  evidence.sort((a, b) => rank(b) - rank(a));
  // One piece of evidence per layer and words of the prompt: "gun" as a blocklist word and as a
  // WordNet firearm is said twice, not as a weapon, a firearm and a gun again.
  const told = new Set<string>();
  const concise = evidence.filter((e) => {
    const key = `${e.layer}\u0000${e.matched}`;
    if (told.has(key)) return false;
    told.add(key);
    return true;
  });
  const decided = concise[0]!;
  return {
    allowed: false,
    category: decided.category,
    reasons: concise.map(reason),
    layer: decided.layer,
    evidence: concise,
    normalizedPrompt,
    finalPrompt: null,
    negativePrompt: null,
  };
}
