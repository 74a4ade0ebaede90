import type { Readable } from 'node:stream';
import { parseFlags } from '../usage-error.js';

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

/**
 * A command whose flags are parsed strictly (an unknown flag is a UsageError even next to
 * `--help`) and whose `--help` / `-h` prints its help and exits 0.
 * @example
 * export const hello = defineCommand({ name: 'hello', summary: 'greets', help: 'Usage: nexus hello',
 *   flags: { loud: { type: 'boolean' } }, run: async ({ values }, io) => (io.stdout.write('hi\n'), 0) });
 */
export function defineCommand<F extends Flags>(definition: {
  name: string;
  summary: string;
  help: string;
  flags: F;
  run(parsed: ReturnType<typeof parseFlags<F>>, io: Io): Promise<number>;
}): Command {
  const flags = { ...definition.flags, help: { type: 'boolean', short: 'h' } } as F;
  return {
    name: definition.name,
    summary: definition.summary,
    help: definition.help,
    async run(args, io) {
      const parsed = parseFlags(args, flags);
      if ((parsed.values as { help?: boolean }).help) {
        io.stdout.write(`${definition.help}\n`);
        return 0;
      }
      return definition.run(parsed, io);
    },
  };
}

/** Quotes a value for a command line that a reader can paste back into a shell. */
export function shellWord(value: string): string {
  return /^[\w./:@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
