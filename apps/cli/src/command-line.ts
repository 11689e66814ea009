import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Exit codes of the operator commands: 2 for a command line that cannot be run. */
export const EXIT_USAGE = 2;

/**
 * Parses a command line the same way for every operator command: `-h`/`--help` prints the usage on
 * stdout and exits 0; an unknown option, a missing value or an unexpected argument prints what is
 * wrong and the usage on stderr and exits 2. Never a stack trace.
 */
export function parseCommandLine<T extends Options>(
  usage: string,
  options: T,
  config: { allowPositionals?: boolean; args?: string[] } = {},
) {
  try {
    const parsed = parseArgs({
      args: config.args ?? process.argv.slice(2),
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: config.allowPositionals ?? false,
      strict: true,
    });
    if ((parsed.values as { help?: boolean }).help === true) {
      process.stdout.write(usage);
      process.exit(0);
    }
    return parsed;
  } catch (error) {
    return usageError(usage, error instanceof Error ? error.message : String(error));
  }
}

/** Says what is wrong with the command line, then the usage, on stderr; exits 2. */
export function usageError(usage: string, problem: string): never {
  process.stderr.write(`${problem}\n\n${usage}`);
  process.exit(EXIT_USAGE);
}
