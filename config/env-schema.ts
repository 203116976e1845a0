// Settings as zod schemas: each group of settings is one z.object whose fields are environment
// variables, coerced from their text, with the default in the schema. parseSettings turns zod's
// first issue into the ConfigError that stops start-up: "configuration NAME: "value" is not …".
import { z } from 'zod';
import { ConfigError } from '../domain/errors';

export type Env = Record<string, string | undefined>;

/** A value as it appears in a message: the text in double quotes. */
function quoted(input: unknown): string {
  return `"${String(input)}"`;
}

/**
 * The variable's text trimmed; blank counts as unset, so `NAME=` in an env file or a manifest
 * means "the default" rather than an empty (and almost always invalid) value.
 */
export function unsetWhenBlank<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (typeof v === 'string' ? v.trim() || undefined : v), schema);
}

/** Text with a default. */
export function textSetting(fallback: string) {
  return unsetWhenBlank(z.string().default(fallback));
}

/** Text, or undefined when unset or blank. */
export function optionalTextSetting() {
  return unsetWhenBlank(z.string().optional());
}

/** Text that must be set: `requirement` says when and why ("is required when …"). */
export function requiredTextSetting(requirement: string) {
  return unsetWhenBlank(z.string({ error: requirement }));
}

/**
 * The arguments of `.refine` for text that must match `pattern`: `expected` completes
 * `"<value>" …` (e.g. 'is not host:port').
 */
export function checked(pattern: RegExp, expected: string): [(v: string) => boolean, { error: (iss: { input?: unknown }) => string }] {
  return [(v) => pattern.test(v), { error: (iss) => `${quoted(iss.input)} ${expected}` }];
}

/** An integer (or, with integer=false, any number) in min..max. */
export function numberSetting(fallback: number, min: number, max: number, integer = true) {
  const expected = `${integer ? 'an integer' : 'a number'} in ${min}..${max}`;
  const valid = (raw: string) => {
    const v = Number(raw);
    return Number.isFinite(v) && (!integer || Number.isInteger(v)) && v >= min && v <= max;
  };
  return unsetWhenBlank(
    z
      .string()
      .refine(valid, { error: (iss) => `${quoted(iss.input)} is not ${expected}` })
      .transform(Number)
      .default(fallback),
  );
}

/** true/1/yes or false/0/no, any case. */
export function boolSetting(fallback: boolean) {
  return unsetWhenBlank(
    z
      .string()
      .transform((v) => v.toLowerCase())
      .pipe(
        z
          .enum(['true', '1', 'yes', 'false', '0', 'no'], { error: (iss) => `${quoted(iss.input)} is not true or false` })
          .transform((v) => ['true', '1', 'yes'].includes(v)),
      )
      .default(fallback),
  );
}

/** One of `allowed`, exactly as written. */
export function enumSetting<const T extends readonly [string, ...string[]]>(allowed: T, fallback: T[number]) {
  return unsetWhenBlank(z.enum(allowed, { error: (iss) => `${quoted(iss.input)} is not one of ${allowed.join(', ')}` }).default(fallback));
}

/** One of `allowed` in any case (log levels, exporter names), as `allowed` spells it; optional without a fallback. */
export function oneOfSetting<const T extends readonly [string, ...string[]]>(allowed: T, fallback?: T[number]) {
  const spelled = z
    .string()
    .transform(
      (v, ctx): T[number] => allowed.find((a) => a.toLowerCase() === v.toLowerCase()) ?? refuse(ctx, `${quoted(v)} is not one of ${allowed.join(', ')}`),
    );
  return unsetWhenBlank(spelled.optional().transform((v) => v ?? fallback));
}

/**
 * A transform's way to refuse a value: the message becomes the setting's ConfigError. For values
 * whose check is also their parse (lists, JSON, quantities), so each is read once.
 */
export function refuse(ctx: z.RefinementCtx, message: string): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}

/** The group's settings from `env`, or the ConfigError of the first bad one, naming it. */
export function parseSettings<S extends z.ZodType>(schema: S, env: Env): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new ConfigError(String(issue.path[0] ?? '(settings)'), issue.message);
}

/** One setting read on its own (the readers of parse.ts, for modules outside config/). */
export function parseSetting<S extends z.ZodType>(env: Env, name: string, schema: S): z.output<S> {
  return parseSettings(z.object({ [name]: schema }), env)[name] as z.output<S>;
}
