// scratch (not committed): runs /tmp/h9/probes.tsv through the screen
import { readFileSync } from 'node:fs';
import { loadLexicon } from './domain/screening/lexicon';
import { screenPrompt } from './domain/screening/screen';
const lex = loadLexicon();
let right = 0; const rows = readFileSync(process.argv[2] ?? '/tmp/h9/probes.tsv', 'utf8').split('\n').filter(Boolean);
const by: Record<string, [number, number]> = {};
for (const row of rows) {
  const [label, kind, lang, prompt] = row.split('\t');
  const v = screenPrompt(prompt!, 'storybook', lex);
  const ok = (label === 'unsafe') === !v.allowed;
  if (ok) right++;
  const k = `${label}/${lang}`; by[k] = by[k] ?? [0, 0]; by[k]![0] += ok ? 1 : 0; by[k]![1]++;
  if (!ok || process.env.ALL) console.log(`${ok ? 'ok  ' : 'MISS'} [${label} ${kind} ${lang}] ${prompt} → ${v.allowed ? 'allowed' : v.reasons.join(' | ')}`);
}
console.log(`right ${right}/${rows.length}`, JSON.stringify(by));
