// The shapes this client reads from an OpenAI-compatible server's answers (OpenAI's reference, vLLM,
// Ollama): only the fields it uses, everything else passes unchecked. A server is outside our
// control, so its JSON is parsed against these rather than cast.
import { z } from 'zod';

/** POST /v1/chat/completions: the first choice's assistant text (null when a model answers with tool calls). */
export const CHAT_COMPLETION = z.object({
  choices: z.tuple([z.object({ message: z.object({ content: z.string() }) })], z.unknown()),
});

/** GET /v1/models: {"object": "list", "data": [{"id": ...}]}; entries without a string id are skipped. */
export const MODEL_LIST = z.object({ data: z.array(z.unknown()) });
export const MODEL_ENTRY = z.object({ id: z.string() });

/** An error answer: OpenAI and vLLM put the reason in error.message, older vLLM in a top-level message, some proxies in error as text. */
export const ERROR_BODY = z.object({
  error: z.union([z.object({ message: z.string().optional() }), z.string()]).optional(),
  message: z.string().optional(),
});
