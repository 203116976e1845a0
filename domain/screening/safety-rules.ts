// A rule told to children in a safety lesson ("不要把家庭住址发给网上的陌生人", "never play with
// matches") names the very harm it forbids, so the classifier, judging such a clause alone, weighs
// only the harm. In a prompt that says it is a lesson, a clause that opens with a prohibition is not
// judged alone (data/screening/safety-rules.json); the whole prompt still is, and the lists and
// patterns judge every word. Only prohibitions count: a clause opening with a plain negation (不穿,
// 没有, "not wearing") describes a scene, it forbids nothing.
import { z } from 'zod';
import type { ScreeningEvidence } from '../pipeline';
import { splitClauses } from './classifier';

const languageRulesSchema = z.object({
  /** Words that say the prompt is a safety lesson: one anywhere in it is enough. */
  lesson: z.array(z.string().min(1)).min(1),
  /** How a rule opens: 不要, 别, "never", "don't". */
  prohibitions: z.array(z.string().min(1)).min(1),
  /** How a child in a lesson turns down a stranger's offer: 说不, 跑开, "says no", "runs to". */
  refusals: z.array(z.string().min(1)).min(1),
});

export const safetyRulesSchema = z.object({
  en: languageRulesSchema,
  zh: languageRulesSchema,
  /** The kinds of pattern (patterns.tsv) an offer turned down in a lesson may meet: luring, not taking. */
  refusedLureKinds: z.array(z.string().min(1)).min(1),
});
export type SafetyRules = z.infer<typeof safetyRulesSchema>;

/** Given the classifier's text of a prompt, whether one of its clauses is a safety rule of a lesson. */
export type SafetyRuleClauses = (text: string) => (clause: string) => boolean;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const anyOf = (words: string[]) => words.map(escape).join('|');

// What may come before the prohibition: a quote, the children it is told to (告诉小熊不能…), a further rule (也不要),
// a polite or insistent word, a sign or caption that reads, a child who knows or learns it, a teacher who tells or warns.
const ZH_LEAD =
  '(?:[^，,。！!？?]{0,8}?(?:写着|提醒|告诉|叮嘱|嘱咐|标语|口号|牢记|记住|知道|懂得|明白|学会了?|讲|说)[^，,。！!？?]{0,4}?[:：]?\\s*)?["“\'‘「『]?\\s*(?:小朋友们?|孩子们?|同学们?|宝贝们?|大家|小\\p{Script=Han}{1,2}们?)?(?:也|还|更|而且|同时)?(?:请|一定|记得|要|千万)?';
const EN_LEAD =
  '(?:[^,.!?]{0,40}?\\b(?:says|reads|saying|reading|reminds?|reminding|reminded|remember|knows?|learns?|learned|learnt|learning|tells?|telling|told|teach|teaches|teaching|taught|warns?|warning|warned|urges?|urging|caption|captioned|sign|slogan|title|titled|banner|headline|heading|letters|lettering|motto|shows?|showing|showed|explains?|explaining)\\b[:\\s]*(?:(?:the|his|her|their|our|all|little|young|baby|that|[a-z]+s)\\s+){0,3}?)?(?:if\\s[^,.!?]{0,40}?\\s(?:they|you|kids|children|we|he|she)\\s+)?["“\'‘]?\\s*(?:(?:always|please|remember|kids|children|friends)[,:\\s]+)*';

export function safetyRuleReader(rules: SafetyRules): SafetyRuleClauses {
  const lessonEn = new RegExp(`\\b(?:${anyOf(rules.en.lesson)})\\b`, 'u');
  const lessonZh = new RegExp(anyOf(rules.zh.lesson), 'u');
  const ruleEn = new RegExp(`^${EN_LEAD}(?:${anyOf(rules.en.prohibitions)})\\b`, 'u');
  const ruleZh = new RegExp(`^${ZH_LEAD}(?:${anyOf(rules.zh.prohibitions)})`, 'u');
  return (text) => {
    const en = lessonEn.test(text);
    const zh = lessonZh.test(text);
    if (!en && !zh) return () => false;
    return (clause) => (en && ruleEn.test(clause)) || (zh && ruleZh.test(clause));
  };
}

/** The lure of a stranger-danger lesson and what a pattern met in it may be; see refusedLureReader. */
export interface RefusedLures {
  clauses: SafetyRuleClauses;
  kinds: ReadonlySet<string>;
}

/**
 * A stranger-danger lesson shows the lure it teaches children to turn down ("a man in a car asks the
 * bunny to come and see his puppies, the bunny says no and runs to her mom"): the offer's clause,
 * alone, reads as the luring it is. In a lesson, a clause whose offer is turned down (in the next
 * clause, or later in the same one) is judged as a rule is: never alone by the classifier, and a
 * luring pattern met only inside it is the whole prompt's to judge. Taking a child (grabbing,
 * dragging, locking in) is no offer a refusal answers, so those patterns still deny.
 */
export function refusedLureReader(rules: SafetyRules): RefusedLures {
  const lessonEn = new RegExp(`\\b(?:${anyOf(rules.en.lesson)})\\b`, 'u');
  const lessonZh = new RegExp(anyOf(rules.zh.lesson), 'u');
  const refusal = new RegExp(`\\b(?:${anyOf(rules.en.refusals)})\\b|${anyOf(rules.zh.refusals)}`, 'u');
  const clauses: SafetyRuleClauses = (text) => {
    if (!lessonEn.test(text) && !lessonZh.test(text)) return () => false;
    const all = splitClauses(text);
    const refused = new Set(all.filter((clause, i) => (refusal.exec(clause)?.index ?? 0) > 0 || (i + 1 < all.length && refusal.test(all[i + 1]!))));
    return (clause) => refused.has(clause);
  };
  return { clauses, kinds: new Set(rules.refusedLureKinds) };
}

/**
 * Below this probability the classifier does not read a lesson whose rule met a pattern as unsafe.
 * The lessons of the labelled sets score at most 0.3; the scenes the same patterns were written for
 * score 0.6 and above, and a rule's words stuck onto such a scene leave the scene's own clause.
 */
export const RULE_CLEARS_BELOW = 0.5;

// Words only, so that a pattern's matched words are found in the clause however it was punctuated;
// without the words that join clauses (splitClauses drops them), so that "mix bleach and vinegar"
// is still found in a rule whose list was split at its "and".
const JOINERS = /(?<=^| )(?:and|then|but|while|because|so|until|when|after|before|as)(?= |$)/g;
const wordsOf = (text: string) =>
  ` ${text
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(JOINERS, ' ')
    .replace(/ +/g, ' ')
    .trim()} `;
/** Where the matched words start in a text, as offsets into its words (wordsOf). */
function startsOf(text: string, matched: string): number[] {
  const [haystack, needle] = /\p{Script=Han}/u.test(matched) ? [text.replace(/\s+/g, ''), matched] : [wordsOf(text), wordsOf(matched)];
  const at: number[] = [];
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) at.push(i);
  return at;
}
const timesIn = (clause: string, matched: string) =>
  (/\p{Script=Han}/u.test(matched) ? clause.replace(/\s+/g, '').split(matched) : wordsOf(clause).split(wordsOf(matched))).length - 1;

// A rule's list runs on past its commas ("never poke fingers, forks, or pens into the socket"): a
// clause of one or two words, or one opening with "or", is still the rule before it.
const continuesList = (clause: string) =>
  /^(?:or|nor)\b|^(?:或者?|以及)/u.test(clause) || (clause.match(/[a-z]+/g) ?? []).length + (clause.match(/\p{Script=Han}/gu) ?? []).length / 2 <= 2;

/**
 * When a denial rests only on patterns met inside the rules of a safety lesson ("用电安全课：不要用
 * 手指或钥匙碰插座" describes the harm it forbids as a pattern does), the rest of the prompt: its other
 * clauses, joined, for the caller to screen on their own, so that a rule cannot lend its words to the
 * scene it sits beside ("learns never to play with matches, then plays with matches"). Otherwise null.
 * Every piece of evidence must be met in the prompt as written: a pattern once inside a clause that
 * opens with a prohibition (or a run of them) and in no other clause, or a word with harmless senses
 * (刀 in "不能拿着刀跑"). The caller also lets the classifier decide, as for
 * a campaign (campaigns.ts).
 */
export function sceneBesideSafetyRules(
  evidence: readonly ScreeningEvidence[],
  text: string,
  isRule: (clause: string) => boolean,
  hasHarmlessSense: (e: ScreeningEvidence) => boolean = () => false,
): string | null {
  if (evidence.length === 0) return null;
  const clauses = splitClauses(text);
  // Rules told one after another are one run: a pattern may run from one into the next ("不要用湿手
  // 摸开关，也不要爬电线杆"), as patterns match across clauses.
  // A run also carries the clause before it, where the children a rule is told to are often named
  // ("poster for kids: never play with matches"); that clause is still screened as a scene.
  const rules: string[] = [];
  const scenes: string[] = [];
  // Each rule run with the clause after it, when that is a scene.
  const spills: { rule: string; next: string }[] = [];
  let previousIsRule = false;
  clauses.forEach((clause, i) => {
    const rule = isRule(clause) || (previousIsRule && continuesList(clause));
    if (!rule) scenes.push(clause);
    else if (previousIsRule) rules[rules.length - 1] += ` ${clause}`;
    else rules.push(i > 0 ? `${clauses[i - 1]} ${clause}` : clause);
    if (!rule && previousIsRule) spills.push({ rule: rules[rules.length - 1]!, next: clause });
    previousIsRule = rule;
  });
  if (rules.length === 0) return null;
  // A pattern that opens in a rule and runs on into the next clause ("never swim alone" then "a bear
  // pointing at the deep end") is the rule's words read on past its end: the clause it runs into is
  // still screened on its own, where it must meet a pattern of its own to deny.
  const opensInRule = (matched: string) =>
    spills.some(({ rule, next }) => {
      const at = startsOf(`${rule} ${next}`, matched);
      const ruleLength = /\p{Script=Han}/u.test(matched) ? rule.replace(/\s+/g, '').length : wordsOf(rule).length - 1;
      return at.length === 1 && at[0]! < ruleLength;
    });
  // A word with harmless senses may be anywhere (用完的菜刀 beside 不能拿着刀跑): in the scenes it
  // is judged again when they are screened on their own.
  const inRules = evidence.every((e) =>
    e.readAs.length > 0
      ? false
      : e.layer === 'patterns'
        ? (rules.some((c) => timesIn(c, e.matched) === 1) || opensInRule(e.matched)) && !scenes.some((c) => timesIn(c, e.matched) > 0)
        : hasHarmlessSense(e),
  );
  return inRules ? scenes.join(', ') : null;
}
