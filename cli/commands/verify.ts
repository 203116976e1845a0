// `cubcanvas verify <file> [--json]`: reads a picture's content credentials (C2PA), checks the
// signature and the hash binding, and prints what they state.
// Exit 0 valid (signature and hash binding; trusted or not is printed), 1 invalid or tampered,
// 2 no manifest, or not a picture it can read (not a PNG/JPEG, truncated, missing).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Config } from '../../config/settings';
import { DEV_FILES, TRUST_ANCHORS_SETTING } from '../../imaging/content-credentials/settings';
import { readPemSetting } from '../../imaging/content-credentials/signer';
import { EXIT_CODES, verifyPicture, type VerificationReport } from '../../imaging/content-credentials/verify';
import { CliError, onePositional, printJson } from '../common';

/** The trust anchors; the development root may be absent (setup not run), which only makes every signer untrusted. */
function trustAnchors(config: Config): string {
  const value = config.contentCredentials.trustAnchors;
  if (value === DEV_FILES.ca && !existsSync(value)) return '';
  return readPemSetting(TRUST_ANCHORS_SETTING, value);
}

function describe(file: string, r: VerificationReport): string {
  const lines = [`${file}: ${r.status.toUpperCase()}: ${r.summary}`];
  if (r.status === 'no-manifest') return [...lines, ...(r.xmpDigitalSourceType ? [`XMP digital source type: ${r.xmpDigitalSourceType}`] : [])].join('\n');
  lines.push(
    `signature: ${r.signatureValid ? 'valid' : 'INVALID'}`,
    `hash binding: ${r.hashBindingValid ? 'valid' : 'INVALID (the picture changed after signing)'}`,
  );
  lines.push(
    `signer: ${r.signer ? `${r.signer.subject} (issuer ${r.signer.issuer}, until ${r.signer.notAfter})` : 'unknown'} — ${r.trusted ? 'trusted' : 'untrusted'}`,
  );
  if (r.claimGenerator) lines.push(`claim generator: ${r.claimGenerator}`);
  if (r.digitalSourceType) lines.push(`digital source type: ${r.digitalSourceType}`);
  if (r.xmpDigitalSourceType) lines.push(`XMP digital source type: ${r.xmpDigitalSourceType}`);
  for (const a of r.actions) lines.push(`action: ${a.action}${a.description ? ` — ${a.description}` : ''}`);
  for (const [k, v] of Object.entries(r.generator ?? {})) lines.push(`  ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  for (const c of r.checks.filter((c) => !c.success)) lines.push(`failed check: ${c.code}${c.explanation ? ` (${c.explanation})` : ''}`);
  return lines.join('\n');
}

export async function verify(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
  const file = onePositional(positionals, 'picture file');
  const bytes = await readFile(file).catch((e: NodeJS.ErrnoException) => {
    throw new CliError('Unreadable', `cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  });
  const report = await verifyPicture(bytes, trustAnchors(config));
  if (report.status === 'unreadable') throw new CliError('Unreadable', `${file}: ${report.summary}`);
  if (values.json) printJson(report);
  else process.stdout.write(`${describe(file, report)}\n`);
  return EXIT_CODES[report.status];
}
