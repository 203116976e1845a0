// A rule told to children in a safety lesson ("不要把家庭住址发给网上的陌生人", "never play with
// matches") names the very harm it forbids, so the classifier, judging such a clause alone, weighs
// only the harm. In a prompt that says it is a lesson, a clause that opens with a prohibition is not
// judged alone (data/screening/safety-rules.json); the whole prompt still is, and the lists and
// patterns judge every word. Only prohibitions count: a clause opening with a plain negation (不穿,
// 没有, "not wearing") describes a scene, it forbids nothing.
import { z } from 'zod';

const languageRulesSchema = z.object({
  /** Words that say the prompt is a safety lesson: one anywhere in it is enough. */
  lesson: z.array(z.string().min(1)).min(1),
  /** How a rule opens: 不要, 别, "never", "don't". */
  prohibitions: z.array(z.string().min(1)).min(1),
});

export const safetyRulesSchema = z.object({ en: languageRulesSchema, zh: languageRulesSchema });
export type SafetyRules = z.infer<typeof safetyRulesSchema>;

/** Given the classifier's text of a prompt, whether one of its clauses is a safety rule of a lesson. */
export type SafetyRuleClauses = (text: string) => (clause: string) => boolean;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const anyOf = (words: string[]) => words.map(escape).join('|');

// What may come before the prohibition: a quote, a polite or insistent word, a sign that reads.
const ZH_LEAD = '(?:[^，,。！!？?]{0,8}?(?:写着|提醒|标语|口号|牢记|记住)[:：]?\\s*)?["“\'‘「『]?\\s*(?:请|一定|记得|要|千万)?';
const EN_LEAD =
  '(?:[^,.!?]{0,20}?\\b(?:says|reads|saying|reading|reminds?|remember)\\b[:\\s]*)?["“\'‘]?\\s*(?:(?:always|please|remember|kids|children|friends)[,:\\s]+)*';

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
