// A batch manifest: the day's list of prompts a content team hands in, as CSV (a header with id and
// prompt, optionally size, style and seed) or a JSON list of the same objects. Parsed whole and
// checked item by item with the request rules, so that every problem is reported at once with its
// line or position, and nothing starts for a manifest that has one.
import { parse } from 'csv-parse/sync';
import { InvalidRequestError } from './errors';
import { REQUEST_ID_PATTERN, validateRequest, type ImageRequest } from './request';

export const MANIFEST_COLUMNS = ['id', 'prompt', 'size', 'style', 'seed'] as const;
export const MAX_MANIFEST_ITEMS = 100_000;
/** 100,000 items of a long prompt each fit in a few MB; anything far bigger is not a manifest. */
export const MAX_MANIFEST_BYTES = 20 * 1024 * 1024;
/** Problems listed in one message; the rest are counted. */
const MAX_LISTED_PROBLEMS = 25;

export interface BatchItem {
  /** The item's id in the manifest: unique, a request id's alphabet. */
  id: string;
  /** Where it is in the manifest, for messages: "line 7" or "item 3". */
  where: string;
  /** The item as a request, validated (requestId = the item id). */
  request: ImageRequest;
}

interface RawItem {
  where: string;
  fields: Record<string, unknown>;
}

function problemsMessage(source: string, problems: string[]): string[] {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
  if (problems.length > listed.length) listed.push(`… and ${problems.length - listed.length} more problems`);
  return listed.map((p) => `${source}: ${p}`);
}

function csvItems(text: string, problems: string[]): RawItem[] {
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    // One line ending: csv-parse counts a CR LF inside quotes as two lines.
    rows = parse(text.replace(/\r\n?/g, '\n'), {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      bom: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as typeof rows;
  } catch (err) {
    // csv-parse names the line: an unclosed quote, a row with the wrong number of fields.
    problems.push(`not valid CSV: ${(err as Error).message}`);
    return [];
  }
  const header = rows[0] ? Object.keys(rows[0].record) : (text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  for (const needed of ['id', 'prompt'])
    if (!header.includes(needed)) problems.push(`the CSV header must have an "${needed}" column (found: ${header.join(', ') || 'nothing'})`);
  const unknown = header.filter((h) => !(MANIFEST_COLUMNS as readonly string[]).includes(h));
  if (unknown.length) problems.push(`unknown column(s) ${unknown.map((u) => `"${u}"`).join(', ')}; the columns are ${MANIFEST_COLUMNS.join(', ')}`);
  if (problems.length) return [];
  return rows.map(({ record, info }) => {
    const fields: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(record)) if (v !== '') fields[k] = v;
    // A CSV seed is text; the request wants a number (a non-number stays text and is reported).
    if (typeof fields.seed === 'string' && /^\d+$/.test(fields.seed)) fields.seed = Number(fields.seed);
    // csv-parse gives the line a record ends on; a prompt with line breaks started earlier.
    const breaks = Object.values(record).reduce((n, v) => n + (v.match(/\n/g)?.length ?? 0), 0);
    return { where: `line ${info.lines - breaks}`, fields };
  });
}

function jsonItems(text: string, problems: string[]): RawItem[] {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    problems.push(`not valid JSON: ${(err as Error).message}`);
    return [];
  }
  if (!Array.isArray(value)) {
    problems.push('a JSON manifest must be a list of {id, prompt, size?, style?, seed?} objects');
    return [];
  }
  return value.map((v, i) => {
    const where = `item ${i + 1}`;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      problems.push(`${where}: must be an object with id and prompt`);
      return { where, fields: {} };
    }
    return { where, fields: v as Record<string, unknown> };
  });
}

/** Parses and checks a manifest; throws InvalidRequestError naming every problem with its place. */
export function parseManifest(text: string, source: string): BatchItem[] {
  const problems: string[] = [];
  // JSON starts with a bracket or brace; a CSV header never does.
  const json = /^\s*[[{]/.test(text.replace(/^\uFEFF/, ''));
  const raw = json ? jsonItems(text, problems) : csvItems(text, problems);
  if (!problems.length && raw.length === 0) problems.push('the manifest has no items');
  if (raw.length > MAX_MANIFEST_ITEMS) problems.push(`the manifest has ${raw.length} items; at most ${MAX_MANIFEST_ITEMS} are allowed in one batch`);
  const seen = new Map<string, string>();
  const items: BatchItem[] = [];
  for (const { where, fields } of problems.length ? [] : raw) {
    const { id, ...rest } = fields;
    if (typeof id !== 'string' || !REQUEST_ID_PATTERN.test(id)) {
      problems.push(`${where}: id must be 1..128 letters, digits, ".", "_" or "-", starting with a letter or digit (got ${JSON.stringify(id ?? null)})`);
      continue;
    }
    const first = seen.get(id);
    if (first) {
      problems.push(`${where}: id "${id}" is used again (first at ${first})`);
      continue;
    }
    seen.set(id, where);
    const unknown = Object.keys(rest).filter((k) => !(MANIFEST_COLUMNS as readonly string[]).includes(k));
    if (unknown.length) {
      problems.push(`${where} (${id}): unknown field(s) ${unknown.join(', ')}`);
      continue;
    }
    try {
      items.push({ id, where, request: validateRequest({ ...rest, requestId: id }, id) });
    } catch (err) {
      if (!(err instanceof InvalidRequestError)) throw err;
      problems.push(`${where} (${id}): ${err.problems.join('; ')}`);
    }
  }
  if (problems.length) throw new InvalidRequestError(problemsMessage(source, problems));
  return items;
}

/** A manifest as read from a file or the blob store: checked for size and UTF-8 before parsing. */
export function parseManifestBytes(bytes: Buffer, source: string): BatchItem[] {
  if (bytes.length > MAX_MANIFEST_BYTES) {
    throw new InvalidRequestError([
      `${source}: the manifest is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; at most ${MAX_MANIFEST_BYTES / 1024 / 1024} MB are allowed (split the batch)`,
    ]);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Spreadsheets often save CSV in a legacy code page (GBK for Chinese): say so instead of garbling prompts.
    const at = firstInvalidUtf8(bytes);
    throw new InvalidRequestError([
      `${source}: not UTF-8 (invalid byte 0x${bytes[at]?.toString(16).padStart(2, '0')} at offset ${at}, line ${bytes.subarray(0, at).toString('latin1').split('\n').length}); save the CSV as UTF-8`,
    ]);
  }
  return parseManifest(text, source);
}

function firstInvalidUtf8(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  // The longest valid prefix, by halving (decoding is all-or-nothing).
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      decoder.decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}
