// What every command shares: the usage error and the output helpers.

/** Wrong arguments: main prints the message with the usage text and exits 2. */
export class UsageError extends Error {}

export const err = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function onePositional(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(`expected exactly one ${what}, got ${positionals.length} (quote the prompt)`);
  return positionals[0]!;
}
