// What every command shares: the error kinds, their exit codes, and the output helpers.

/** Wrong arguments: main prints the message with the usage text and exits 2. */
export class UsageError extends Error {}

/**
 * A failure a command can name, with the exit code the README documents for it (2 for input that
 * cannot work: an unknown request, an unreadable file; others per command). Printed without the
 * usage text, which would only bury the message; with --json as {"error": {type, message}}.
 */
export class CliError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly exitCode: number = 2,
  ) {
    super(message);
  }
}

export const err = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** The --json shape of every error: one object on stdout, so a script parses stdout whatever happened. */
export function printJsonError(type: string, message: string, extra: Record<string, unknown> = {}): void {
  printJson({ error: { type, message, ...extra } });
}

export function onePositional(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(`expected exactly one ${what}, got ${positionals.length} (quote the prompt)`);
  return positionals[0]!;
}
