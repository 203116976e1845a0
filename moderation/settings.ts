// Settings of the optional guard model. Kept beside the client (as config/kubernetes-settings.ts is
// beside the Job builder) and spread into config/settings.ts's SETTINGS and Config; loaded on its
// own by `cubcanvas screen`, which starts without reading the rest of the configuration.
import { ConfigError } from '../domain/errors';
import { bool, httpUrlSetting, num, oneOf, optional, type Env, type SettingDoc } from '../config/parse';
import { MODERATION_FORMATS, type ModerationFormat } from './guard-model';

export interface ModerationSettings {
  /** Base URL without a trailing /v1: requests go to {url}/v1/chat/completions and {url}/v1/models. */
  url: string;
  model: string;
  /** Sent as "Authorization: Bearer"; masked wherever settings are printed (the name ends in apiKey). */
  apiKey: string | undefined;
  timeoutMs: number;
  /** The format in use: CUBCANVAS_MODERATION_FORMAT, or guessed from the model's name when "auto". */
  format: ModerationFormat;
  /** Also send every rendered picture to the model (a vision-language or Llama Guard 4 model). */
  images: boolean;
}

/**
 * The screen step is a local activity with a 30 s start-to-close (workflows/generate-image.ts): a
 * try may not run longer than this, and all tries together stay under MODERATION_BUDGET_MS
 * (moderation/openai-guard-model.ts), so that a slow guard model ends in a rejection, never in a
 * timed-out step that Temporal would retry and then fail.
 */
export const MAX_MODERATION_TIMEOUT_MS = 20_000;

export const MODERATION_SETTINGS: SettingDoc[] = [
  {
    name: 'CUBCANVAS_MODERATION_URL',
    default: '(unset: stage off)',
    meaning:
      'Base URL of an OpenAI-compatible chat completions API serving a guard model (vLLM, Ollama, OpenAI), e.g. http://guard:8000 (a trailing /v1 is accepted). Asked after the local screening layers allow a prompt; fails closed: no usable answer rejects the request as moderation_unavailable. See "Guard model (optional)".',
  },
  {
    name: 'CUBCANVAS_MODERATION_MODEL',
    default: '(required with the URL)',
    meaning: 'Model name as the server lists it at /v1/models, e.g. meta-llama/Llama-Guard-3-8B, Qwen/Qwen3Guard-Gen-4B, llama-guard3:8b (Ollama).',
  },
  { name: 'CUBCANVAS_MODERATION_API_KEY', default: '(none)', meaning: 'Sent as "Authorization: Bearer"; masked in every output.' },
  {
    name: 'CUBCANVAS_MODERATION_TIMEOUT_MS',
    default: '8000',
    meaning: `Time one call may take, 100..${MAX_MODERATION_TIMEOUT_MS}; a refused connection, 429, 5xx or timeout is tried once more while the stage's 25 s budget lasts, then the request is rejected.`,
  },
  {
    name: 'CUBCANVAS_MODERATION_FORMAT',
    default: 'auto',
    meaning:
      'How the model answers: llama-guard ("safe" / "unsafe\\nS1,S10"), qwen3guard ("Safety: Unsafe\\nCategories: Violent"), json (any chat model, told to answer {"safe": ..., "categories": [...]}) or auto (llama-guard or qwen3guard when the model name says so, else json).',
  },
  {
    name: 'CUBCANVAS_MODERATION_IMAGES',
    default: 'false',
    meaning:
      'true: also send every rendered picture (as a data: URL image part) to the model, which must accept images (Llama Guard 4, Llama Guard 3 Vision, a vision-language model with the json format); not with qwen3guard (text only).',
  },
];

/** The format a model answers in, from its name, when CUBCANVAS_MODERATION_FORMAT is auto. */
export function formatForModel(model: string): ModerationFormat {
  if (/llama[-_ ]?guard/i.test(model)) return 'llama-guard';
  if (/qwen3?[-_ ]?guard/i.test(model)) return 'qwen3guard';
  return 'json';
}

function baseUrl(env: Env): string | undefined {
  const url = httpUrlSetting(env, 'CUBCANVAS_MODERATION_URL', 'put the key in CUBCANVAS_MODERATION_API_KEY');
  if (!url) return undefined;
  const raw = env.CUBCANVAS_MODERATION_URL!.trim();
  if (url.search || url.hash)
    throw new ConfigError('CUBCANVAS_MODERATION_URL', `"${raw}" has a query or fragment; give the base URL only, e.g. http://guard:8000`);
  // OpenAI's clients take the base with /v1 ("http://localhost:8000/v1"): accept both spellings.
  return `${url.origin}${url.pathname.replace(/\/+$/, '').replace(/\/v1$/, '')}`;
}

export function loadModerationSettings(env: Env): ModerationSettings | undefined {
  const url = baseUrl(env);
  if (!url) {
    // A model or key without a URL is almost certainly a forgotten URL: the stage would be off.
    const orphan = ['CUBCANVAS_MODERATION_MODEL', 'CUBCANVAS_MODERATION_API_KEY', 'CUBCANVAS_MODERATION_IMAGES'].find((name) => optional(env, name));
    if (orphan) throw new ConfigError(orphan, 'is set but CUBCANVAS_MODERATION_URL is not, so the guard model would never be asked');
    return undefined;
  }
  const model = optional(env, 'CUBCANVAS_MODERATION_MODEL');
  if (!model)
    throw new ConfigError(
      'CUBCANVAS_MODERATION_MODEL',
      'is required when CUBCANVAS_MODERATION_URL is set (the name the server lists at /v1/models, e.g. meta-llama/Llama-Guard-3-8B)',
    );
  const formatSetting = oneOf(env, 'CUBCANVAS_MODERATION_FORMAT', ['auto', ...MODERATION_FORMATS], 'auto');
  const format = formatSetting === 'auto' ? formatForModel(model) : formatSetting;
  const images = bool(env, 'CUBCANVAS_MODERATION_IMAGES', false);
  if (images && format === 'qwen3guard')
    throw new ConfigError(
      'CUBCANVAS_MODERATION_IMAGES',
      `is true but ${model} answers in the qwen3guard format, and Qwen3Guard-Gen reads text only; use a model that accepts images (Llama Guard 4, a vision-language model with CUBCANVAS_MODERATION_FORMAT=json)`,
    );
  return {
    url,
    model,
    apiKey: optional(env, 'CUBCANVAS_MODERATION_API_KEY'),
    timeoutMs: num(env, 'CUBCANVAS_MODERATION_TIMEOUT_MS', 8000, 100, MAX_MODERATION_TIMEOUT_MS),
    format,
    images,
  };
}
