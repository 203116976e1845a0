// npx tsx bench/screening.ts — how long the prompt screen takes in-process: the lexicon load (once
// per process), then every prompt of a mixed set (plain, tricked, Chinese, pinyin, emoji, and
// 500-character prompts, the longest a request may have) after one warm-up pass, pooled over five
// timed passes. Prints "name: value" lines; screen_p50_ms is the figure the target (< 5 ms) is on.
import { ANIMALS, runBench } from './common';
import { PROMPT_MAX_CHARS } from '../domain/request';
import { loadLexicon } from '../domain/screening/lexicon';
import { screenPrompt } from '../domain/screening/screen';

const TEMPLATES = [
  'a cute baby {a} on a grassy hill',
  'a {a} holding an AK-47 and aiming at a sleeping fox',
  'a {a} with a 🔫 pointed at a crying rabbit',
  'a little {a} lying motionless in a pool of red paint after the brawl',
  'a {a} who is dying to play fetch in the park',
  'a b1g fr1endly {a} w.i.t.h a g u n',
  'a {a} with a gυn',
  '一只小{a}在温馨的酒店里',
  '一只熊拿着手槍射殺兔子',
  'yi zhi xiong mao na zhe qiang sha ren',
  '一只猴子拿着斧头砍人',
  'a {a} in a tiny bikini in a provocative pose on a bed',
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

runBench(async () => {
  const t0 = performance.now();
  const lexicon = loadLexicon();
  const loadMs = performance.now() - t0;
  const prompts = ANIMALS.flatMap((a) => TEMPLATES.map((t) => t.replace('{a}', a)));
  // The longest prompts a request may carry: screening time grows with length.
  const long = 'a happy panda and a fluffy bunny dancing in the garden with friends, ';
  prompts.push(long.repeat(Math.ceil(PROMPT_MAX_CHARS / long.length)).slice(0, PROMPT_MAX_CHARS));
  prompts.push('会笑的企鹅和小熊猫在竹林里玩耍，'.repeat(40).slice(0, PROMPT_MAX_CHARS));
  const first = performance.now();
  screenPrompt(prompts[0]!, 'storybook', lexicon);
  const firstMs = performance.now() - first;
  for (const p of prompts) screenPrompt(p, 'storybook', lexicon);
  const times: number[] = [];
  for (let pass = 0; pass < 5; pass++) {
    for (const p of prompts) {
      const start = performance.now();
      screenPrompt(p, 'storybook', lexicon);
      times.push(performance.now() - start);
    }
  }
  times.sort((a, b) => a - b);
  const longest = Math.max(
    ...prompts.slice(-2).map((p) => {
      const start = performance.now();
      screenPrompt(p, 'storybook', lexicon);
      return performance.now() - start;
    }),
  );
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  const out: [string, string][] = [
    ['prompts', String(prompts.length)],
    ['screen_lexicon_load_ms', loadMs.toFixed(1)],
    ['screen_first_call_ms', firstMs.toFixed(2)],
    ['screen_p99_ms', percentile(times, 99).toFixed(3)],
    ['screen_max_500_chars_ms', longest.toFixed(3)],
    ['heap_used_mb', mb(process.memoryUsage().heapUsed)],
    ['rss_mb', mb(process.memoryUsage().rss)],
    ['screen_p50_ms', percentile(times, 50).toFixed(3)],
  ];
  for (const [name, value] of out) process.stdout.write(`${name}: ${value}\n`);
});
