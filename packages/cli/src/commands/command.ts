import type { Readable } from 'node:stream';

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

/** Quotes a value for a command line that a reader can paste back into a shell. */
export function shellWord(value: string): string {
  return /^[\w./:@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
