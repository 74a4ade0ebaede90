import type { Readable } from 'node:stream';
import { UsageError, parseFlags } from '../usage-error.js';

/** The process's streams and environment, passed in so commands never reach for globals. */
export interface Io {
  env: NodeJS.ProcessEnv;
  stdin: Readable;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export interface Command {
  /** As typed: `ingest`, `jobs wait`, `webhooks listen`. */
  name: string;
  summary: string;
  help: string;
  /** Resolves with the exit code. Throws UsageError for a bad command line. */
  run(args: string[], io: Io): Promise<number>;
}

type Flags = Parameters<typeof parseFlags>[1];

/** The positional arguments a command takes: how many, and what to say when they are missing. */
export interface Positionals<N extends number> {
  count: N;
  /** The message for too few, with an example: `jobs wait needs a job id, e.g. …`. */
  missing: string;
}

type Tuple<N extends number, T extends string[] = []> = T['length'] extends N ? T : Tuple<N, [...T, string]>;

/**
 * A command whose flags are parsed strictly (an unknown flag is a UsageError even next to
 * `--help`), whose positional arguments are counted (too few or too many is a UsageError), and
 * whose `--help` / `-h` prints its help and exits 0.
 * @example
 * export const hello = defineCommand('hello', 'greets', { help: 'Usage: nexus hello <name>',
 *   flags: { loud: { type: 'boolean' } }, positionals: { count: 1, missing: 'hello needs a name' },
 *   run: async ({ values, args: [name] }, io) => (io.stdout.write(`hi ${name}\n`), 0) });
 */
export function defineCommand<F extends Flags, N extends number = 0>(name: string, summary: string, definition: {
  help: string;
  flags: F;
  positionals?: Positionals<N>;
  run(parsed: ReturnType<typeof parseFlags<F>> & { args: Tuple<N> }, io: Io): Promise<number>;
}): Command {
  const flags = { ...definition.flags, help: { type: 'boolean', short: 'h' } } as F;
  const { count, missing } = definition.positionals ?? { count: 0, missing: '' };
  return {
    name,
    summary,
    help: definition.help,
    async run(argv, io) {
      const parsed = parseFlags(argv, flags);
      if ((parsed.values as { help?: boolean }).help) {
        io.stdout.write(`${definition.help}\n`);
        return 0;
      }
      const args = parsed.positionals;
      if (args.length > count) throw new UsageError(`unexpected argument "${args[count]}"`);
      if (args.length < count) throw new UsageError(missing);
      return definition.run({ ...parsed, args: args as Tuple<N> }, io);
    },
  };
}

/** Quotes a value for a command line that a reader can paste back into a shell. */
export function shellWord(value: string): string {
  return /^[\w./:@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
