// What `cubcanvas doctor` asks of a configured guard model: is it reachable, does it serve the
// model (GET /v1/models), and does it answer a harmless prompt with a readable "safe"? The last
// catches a wrong CUBCANVAS_MODERATION_FORMAT, which would otherwise reject every request.
import { GuardModelError } from './errors';
import { OpenAiGuardModel } from './openai-guard-model';
import { OpenAiCompatibleClient } from './openai-client';
import type { ModerationSettings } from './settings';

export const PROBE_PROMPT = 'a cute baby panda on a grassy hill';

export async function probeGuardModel(settings: ModerationSettings): Promise<{ ok: boolean; detail: string }> {
  const where = `${settings.url} (${settings.format} format)`;
  let served: string[];
  try {
    served = await new OpenAiCompatibleClient(settings.url, settings.apiKey).listModels(settings.timeoutMs);
  } catch (err) {
    return { ok: false, detail: `${where}: ${err instanceof GuardModelError ? err.message : String(err)}` };
  }
  if (!served.includes(settings.model))
    return { ok: false, detail: `${where}: model ${settings.model} is not served; /v1/models lists ${served.join(', ') || 'nothing'}` };
  const verdict = await new OpenAiGuardModel(settings).screenPrompt(PROBE_PROMPT);
  if (!verdict.allowed)
    return { ok: false, detail: `${where}: "${PROBE_PROMPT}" was not allowed, so every request would be rejected: ${verdict.reasons.join('; ')}` };
  return { ok: true, detail: `${where}: ${settings.model} served and answered "${PROBE_PROMPT}" safe${settings.images ? '; pictures are sent too' : ''}` };
}
