// Commands that need no Temporal server: screen, check-image, config. Kept apart so that they start
// without loading the Temporal SDK.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { redactSecrets } from '../../config/parse';
import type { Config } from '../../config/settings';
import { ImageUndecodableError } from '../../domain/errors';
import { DEFAULT_PICTURE_SAFETY_LIMITS } from '../../domain/picture-safety-limits';
import { judgeQuality } from '../../domain/quality';
import { parseSize, validateRequest } from '../../domain/request';
import { loadLexicon } from '../../domain/screening/lexicon';
import { splitNegativePrompt } from '../../domain/screening/negative-prompt';
import { screenPrompt } from '../../domain/screening/screen';
import { rejectedByModeration } from '../../moderation/screening-verdict';
import { loadModerationSettings } from '../../moderation/settings';
import { CliError, onePositional, printJson } from '../common';

export async function screen(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { style: { type: 'string' }, json: { type: 'boolean' } } });
  const request = validateRequest({ prompt: onePositional(positionals, 'prompt'), ...(values.style ? { style: values.style } : {}) }, 'screen');
  const lexicon = loadLexicon();
  const local = screenPrompt(request.prompt, request.style, lexicon);
  // The guard model too when configured, as the worker asks it: after the local layers, for what
  // they allow. Only its settings are read, so that `screen` still starts without the rest.
  const moderationSettings = loadModerationSettings(process.env);
  const moderation =
    local.allowed && moderationSettings
      ? await (
          await import('../../moderation/openai-guard-model')
        )
          .createGuardModel(moderationSettings)
          .screenPrompt(splitNegativePrompt(request.prompt, lexicon.negativePrompts).positive)
      : undefined;
  const v = moderation && !moderation.allowed ? rejectedByModeration(local, moderation) : local;
  const out = {
    allowed: v.allowed,
    category: v.category,
    reasons: v.reasons,
    layer: v.layer,
    evidence: v.evidence,
    finalPrompt: v.finalPrompt,
    negativePrompt: v.negativePrompt,
    ...(moderation
      ? { moderation: { layer: moderation.layer, model: moderation.model, allowed: moderation.allowed, rawCategories: moderation.rawCategories } }
      : {}),
  };
  if (values.json) printJson(out);
  else
    process.stdout.write(
      v.allowed
        ? `allowed${moderation ? ` (guard model ${moderation.model}: safe)` : ''}\nprompt: ${v.finalPrompt}\nnegative: ${v.negativePrompt}\n`
        : `rejected (${v.category}, by the ${v.layer} layer): ${v.reasons.join('; ')}\n`,
    );
  return 0;
}

export async function checkImage(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { size: { type: 'string' }, json: { type: 'boolean' } } });
  const file = onePositional(positionals, 'image file');
  let expected: { width: number; height: number } | undefined;
  if (values.size) {
    const parsed = parseSize(values.size);
    if (typeof parsed === 'string') throw new CliError('InvalidRequest', parsed);
    expected = parsed;
  }
  const bytes = await readFile(file).catch((e: NodeJS.ErrnoException) => {
    throw new CliError('Unreadable', `cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  });
  // A file that is not an image (or not a whole one) is unreadable, exit 2: there is nothing to
  // measure, as opposed to a picture that was measured and failed (exit 1).
  // Imported here, not at the top: sharp is not needed by `screen`, which must start fast.
  const { measureQuality } = await import('../../imaging/quality-metrics');
  const metrics = await measureQuality(bytes).catch((e: unknown) => {
    if (e instanceof ImageUndecodableError) throw new CliError('Unreadable', `${file} is not a readable image: ${e.message}`);
    throw e;
  });
  const verdict = judgeQuality(metrics, expected);
  // The picture safety check the worker runs before publishing, with the default limits. Loaded
  // here only: the model and TensorFlow.js cost ~0.5 s that the other local commands need not pay.
  const { loadNsfwClassifier } = await import('../../imaging/nsfw-classifier');
  const safety = await (await loadNsfwClassifier()).check(bytes, DEFAULT_PICTURE_SAFETY_LIMITS);
  const ok = verdict.ok && safety.ok;
  const out = { ok, reasons: [...verdict.reasons, ...safety.reasons.map((r) => `unsafe (${safety.checker}): ${r}`)], metrics, safety };
  if (values.json) printJson(out);
  else {
    const scores = Object.entries(safety.scores)
      .map(([c, s]) => `${c} ${s.toFixed(3)}`)
      .join(', ');
    process.stdout.write(
      `${ok ? 'ok' : `not ok: ${out.reasons.join('; ')}`}\n${JSON.stringify(metrics)}\nsafety (${safety.checker}): ${safety.ok ? 'safe' : 'UNSAFE'}; ${scores}\n`,
    );
  }
  return ok ? 0 : 1;
}

/** The AWS credentials the s3 store reads from the environment: printed (masked) so that one can see which are set. */
const CREDENTIAL_VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE'];

export async function showConfig(config: Config): Promise<number> {
  const { SETTINGS } = await import('../../config/settings');
  // Output of `config` ends up in terminals, CI logs and bug reports: no secret in clear.
  const line = (name: string, fallback?: string) => {
    const value = process.env[name];
    const shown = value === undefined ? '' : (redactSecrets(value, name) as string);
    return `${name}=${shown}${value === undefined && fallback !== undefined ? `   (default: ${fallback})` : ''}\n`;
  };
  for (const s of SETTINGS) process.stdout.write(line(s.name, s.default));
  const credentials = CREDENTIAL_VARIABLES.filter((name) => process.env[name] !== undefined);
  if (credentials.length) process.stdout.write(`\n${credentials.map((name) => line(name)).join('')}`);
  // The Temporal connection's TLS material (certificates, a private key) is summarised, never shown.
  const { temporalSecurity: _material, ...shown } = config;
  process.stdout.write(`\nresolved: ${JSON.stringify(redactSecrets(shown), null, 2)}\n`);
  return 0;
}
