// The request schema, validated at every boundary (client, CLI, workflow). Pure: no I/O, no Node
// built-ins, because the workflow bundle imports it.
import { InvalidRequestError } from './errors';

// Every preset must pass the same checks as a custom size (a test holds them to it). Qwen-Image
// lists 1472x1140 for 4:3, but 1140 is not a multiple of 16 and ComfyUI's latent is width//8 x
// height//8, so that size renders at 1472x1136 anyway: the book presets say so (ratio 1.296 vs 1.291).
export const SIZE_PRESETS = {
  square: { width: 1328, height: 1328 },
  landscape: { width: 1664, height: 928 },
  portrait: { width: 928, height: 1664 },
  book: { width: 1472, height: 1136 },
  'book-portrait': { width: 1136, height: 1472 },
  small: { width: 512, height: 512 },
} as const;
export type SizePreset = keyof typeof SIZE_PRESETS;
export const DEFAULT_SIZE: SizePreset = 'square';

export const STYLES = ['storybook', 'flat', 'watercolor', 'crayon'] as const;
export type Style = (typeof STYLES)[number];
export const DEFAULT_STYLE: Style = 'storybook';

export const PROMPT_MAX_CHARS = 500;
export const DIMENSION_MIN = 256;
export const DIMENSION_MAX = 2048;
/** Diffusion latents are 1/8 of the image and Qwen-Image patches them 2x2, so sides step by 16. */
export const DIMENSION_STEP = 16;
export const SEED_MAX = 2 ** 32 - 1;
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
// C0/C1 controls; tabs and newlines are whitespace and are folded to single spaces first.
const CONTROL_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** What a caller sends. `size` is a preset name or "WxH"; width/height may be given instead. */
export interface GenerateImageInput {
  prompt: string;
  size?: string;
  width?: number;
  height?: number;
  seed?: number;
  style?: string;
  requestId?: string;
}

/** A request after validation: every field present and within bounds. */
export interface ImageRequest {
  requestId: string;
  prompt: string;
  width: number;
  height: number;
  /** undefined means "derive from the prompt", so that equal prompts share a cache entry. */
  seed: number | undefined;
  style: Style;
}

export function parseSize(size: string): { width: number; height: number } | string {
  if (size in SIZE_PRESETS) return SIZE_PRESETS[size as SizePreset];
  const m = /^\s*(\d{1,5})\s*[xX×]\s*(\d{1,5})\s*$/.exec(size);
  if (!m) return `size "${size}" is neither a preset (${Object.keys(SIZE_PRESETS).join(', ')}) nor WIDTHxHEIGHT`;
  return { width: Number(m[1]), height: Number(m[2]) };
}

function checkDimension(name: string, value: unknown, problems: string[]): void {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    problems.push(`${name} must be an integer, got ${JSON.stringify(value)}`);
  } else if (value < DIMENSION_MIN || value > DIMENSION_MAX) {
    problems.push(`${name} ${value} is outside ${DIMENSION_MIN}..${DIMENSION_MAX}`);
  } else if (value % DIMENSION_STEP !== 0) {
    problems.push(`${name} ${value} is not a multiple of ${DIMENSION_STEP}`);
  }
}

export const REQUEST_ID_RULE = 'requestId must be 1..128 characters of letters, digits, ".", "_" or "-", starting with a letter or digit';

/**
 * Validates a caller's input. `fallbackRequestId` is used when the caller gave none (the client
 * passes a fresh UUID; the workflow passes the id it derives from its own workflow id so a replay
 * sees the same value). The fallback is held to the same rule as a given id: it names storage keys
 * (images/<requestId>.png), and a workflow started directly as "image-../../x" would otherwise
 * render for minutes before publishing failed on the key.
 * Throws InvalidRequestError listing every problem at once.
 */
export function validateRequest(input: unknown, fallbackRequestId: string): ImageRequest {
  const problems: string[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InvalidRequestError(['request must be an object with at least a "prompt"']);
  }
  const raw = input as Record<string, unknown>;
  const known = new Set(['prompt', 'size', 'width', 'height', 'seed', 'style', 'requestId']);
  for (const key of Object.keys(raw)) if (!known.has(key)) problems.push(`unknown field "${key}"`);

  let prompt = '';
  if (typeof raw.prompt !== 'string') {
    problems.push('prompt must be a string');
  } else {
    prompt = raw.prompt.replace(/\s+/g, ' ').trim();
    if (prompt.length === 0) problems.push('prompt is empty');
    else if ([...prompt].length > PROMPT_MAX_CHARS) problems.push(`prompt has ${[...prompt].length} characters, the limit is ${PROMPT_MAX_CHARS}`);
    if (CONTROL_CHARS.test(prompt)) problems.push('prompt contains control characters');
  }

  let width: number = SIZE_PRESETS[DEFAULT_SIZE].width;
  let height: number = SIZE_PRESETS[DEFAULT_SIZE].height;
  const hasCustom = raw.width !== undefined || raw.height !== undefined;
  if (raw.size !== undefined && hasCustom) {
    problems.push('give either size or width/height, not both');
  } else if (raw.size !== undefined) {
    if (typeof raw.size !== 'string') problems.push('size must be a string such as "square" or "1024x768"');
    else {
      const parsed = parseSize(raw.size);
      if (typeof parsed === 'string') problems.push(parsed);
      else ({ width, height } = parsed);
    }
  } else if (hasCustom) {
    if (raw.width === undefined || raw.height === undefined) problems.push('width and height must be given together');
    width = raw.width as number;
    height = raw.height as number;
  }
  if (problems.every((p) => !p.startsWith('size') && !p.startsWith('width and'))) {
    checkDimension('width', width, problems);
    checkDimension('height', height, problems);
  }

  let seed: number | undefined;
  if (raw.seed !== undefined) {
    if (typeof raw.seed !== 'number' || !Number.isInteger(raw.seed) || raw.seed < 0 || raw.seed > SEED_MAX) {
      problems.push(`seed must be an integer in 0..${SEED_MAX}, got ${JSON.stringify(raw.seed)}`);
    } else seed = raw.seed;
  }

  let style: Style = DEFAULT_STYLE;
  if (raw.style !== undefined) {
    if (typeof raw.style !== 'string' || !(STYLES as readonly string[]).includes(raw.style)) {
      problems.push(`style must be one of ${STYLES.join(', ')}, got ${JSON.stringify(raw.style)}`);
    } else style = raw.style as Style;
  }

  let requestId = fallbackRequestId;
  if (raw.requestId !== undefined) {
    if (typeof raw.requestId !== 'string' || !REQUEST_ID_PATTERN.test(raw.requestId)) problems.push(REQUEST_ID_RULE);
    else requestId = raw.requestId;
  } else if (!REQUEST_ID_PATTERN.test(fallbackRequestId)) {
    problems.push(`${REQUEST_ID_RULE}, got ${JSON.stringify(fallbackRequestId)}`);
  }

  if (problems.length > 0) throw new InvalidRequestError(problems);
  return { requestId, prompt, width, height, seed, style };
}
