// Commands that need no Temporal server: screen, check-image, config. Kept apart so that they start
// without loading the Temporal SDK.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { SETTINGS, type Config } from '../../config/settings';
import { CubcanvasError } from '../../domain/errors';
import { judgeQuality } from '../../domain/quality';
import { parseSize, validateRequest } from '../../domain/request';
import { loadLexicon } from '../../domain/screening/lexicon';
import { screenPrompt } from '../../domain/screening/screen';
import { measureQuality } from '../../imaging/quality-metrics';
import { onePositional, printJson, UsageError } from '../common';

export function screen(args: string[]): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { style: { type: 'string' }, json: { type: 'boolean' } } });
  const request = validateRequest({ prompt: onePositional(positionals, 'prompt'), ...(values.style ? { style: values.style } : {}) }, 'screen');
  const v = screenPrompt(request.prompt, request.style, loadLexicon());
  const out = { allowed: v.allowed, category: v.category, reasons: v.reasons, finalPrompt: v.finalPrompt, negativePrompt: v.negativePrompt };
  if (values.json) printJson(out);
  else process.stdout.write(v.allowed ? `allowed\nprompt: ${v.finalPrompt}\nnegative: ${v.negativePrompt}\n` : `rejected (${v.category}): ${v.reasons.join('; ')}\n`);
  return 0;
}

export async function checkImage(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { size: { type: 'string' }, json: { type: 'boolean' } } });
  const file = onePositional(positionals, 'image file');
  let expected: { width: number; height: number } | undefined;
  if (values.size) {
    const parsed = parseSize(values.size);
    if (typeof parsed === 'string') throw new UsageError(parsed);
    expected = parsed;
  }
  const bytes = await readFile(file).catch((e: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  });
  let out: { ok: boolean; reasons: string[]; metrics: unknown };
  try {
    const metrics = await measureQuality(bytes);
    const verdict = judgeQuality(metrics, expected);
    out = { ok: verdict.ok, reasons: verdict.reasons, metrics };
  } catch (e) {
    if (!(e instanceof CubcanvasError)) throw e;
    out = { ok: false, reasons: [`undecodable: ${e.message}`], metrics: null };
  }
  if (values.json) printJson(out);
  else process.stdout.write(out.ok ? `ok\n${JSON.stringify(out.metrics)}\n` : `not ok: ${out.reasons.join('; ')}\n`);
  return out.ok ? 0 : 1;
}

export function showConfig(config: Config): number {
  for (const s of SETTINGS) process.stdout.write(`${s.name}=${process.env[s.name] ?? ''}${process.env[s.name] === undefined ? `   (default: ${s.default})` : ''}\n`);
  process.stdout.write(`\nresolved: ${JSON.stringify(config, null, 2)}\n`);
  return 0;
}
