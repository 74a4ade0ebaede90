import { type ParseArgsConfig, parseArgs } from 'node:util';

/** A mistake on the command line. `nexus` prints it with a pointer to `--help` and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * `parseArgs` in strict mode, with Node's parse errors turned into UsageError.
 * @example
 * const { values, positionals } = parseFlags(argv, { 'run-id': { type: 'string' } });
 */
export function parseFlags<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('ERR_PARSE_ARGS_')) throw new UsageError((error as Error).message.split('. To specify')[0]!);
    throw error;
  }
}

/**
 * A whole number between `min` and `max`, or UsageError naming the flag.
 * @example
 * const batchSize = integerFlag(values['batch-size'], '--batch-size', { min: 1, max: 1000 });
 */
export function integerFlag(value: string | undefined, flag: string, range: { min: number; max: number }): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < range.min || n > range.max) {
    throw new UsageError(`${flag} must be a whole number from ${range.min} to ${range.max}, not "${value}"`);
  }
  return n;
}
