import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { constants } from 'node:os';

export type Stream = 'stdout' | 'stderr';

export interface SpawnWatchedOptions extends Omit<SpawnOptions, 'stdio'> {
  /** Written to the child's stdin, which is then closed. Without it stdin is /dev/null. */
  stdin?: string;
  /** Names the process in the error of a `waitFor` it never satisfies (default: the command line). */
  name?: string;
  /** Where `waitFor` looks when not told: one stream, or both (stdout, a newline, stderr). Default both. */
  waitOn?: Stream | 'both';
  /** Keeps only the last `tail` characters of each stream, for a long-running process's logs. */
  tail?: number;
  /**
   * When `exited` resolves. `close` (default): the process has exited and its output is complete.
   * `exit`: the process itself has exited, even while a child it forked still holds its output
   * open (a PostgreSQL postmaster killed with SIGKILL leaves backends behind for a moment).
   */
  settle?: 'close' | 'exit';
}

/** A child process whose output is kept, and whose end or output can be waited for. */
export interface WatchedProcess {
  child: ChildProcess;
  /** Everything written so far (the last `tail` characters, if set). */
  readonly stdout: string;
  readonly stderr: string;
  /** The exit code, 128 + the signal's number if a signal ended it, 127 if it could not start. */
  exited: Promise<number>;
  /** Resolves once the stream matches `pattern`; rejects if the process ends first. */
  waitFor(pattern: RegExp, stream?: Stream | 'both'): Promise<RegExpMatchArray>;
  /** Sends `signal` (default SIGTERM) to this process only, if it still runs; resolves with `exited`. */
  stop(signal?: NodeJS.Signals): Promise<number>;
}

/**
 * Starts `command` with stdout and stderr piped and kept.
 *
 * @example
 * const server = spawnWatched(process.execPath, ['dist/cli.js', 'start'], { env: { PATH: process.env.PATH ?? '' } });
 * const [, url] = await server.waitFor(/listening on (\S+)/);
 * expect(await server.stop()).toBe(0);
 */
export function spawnWatched(command: string, args: string[], options: SpawnWatchedOptions = {}): WatchedProcess {
  const { stdin, name = [command, ...args].join(' '), waitOn = 'both', tail, settle = 'close', ...spawnOptions } = options;
  const child = spawn(command, args, { ...spawnOptions, stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  const out = { stdout: '', stderr: '' };
  // Each waiter re-checks the output after every chunk; it removes itself once settled.
  const pending = new Set<() => void>();
  const append = (stream: Stream, text: string) => {
    out[stream] = tail === undefined ? out[stream] + text : (out[stream] + text).slice(-tail);
    for (const recheck of [...pending]) recheck();
  };
  for (const stream of ['stdout', 'stderr'] as const) child[stream]!.setEncoding('utf8').on('data', (text: string) => append(stream, text));
  // A child that exits without reading its input makes the write fail with EPIPE: that is its choice.
  child.stdin?.on('error', () => {});
  child.stdin?.end(stdin);
  const exited = new Promise<number>((resolve) => {
    child.once(settle, (code: number | null, signal: NodeJS.Signals | null) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 0)));
    child.once('error', (error) => {
      append('stderr', `${String(error)}\n`);
      // Not started (no such command): no 'exit' follows.
      if (child.pid === undefined) resolve(127);
    });
  });
  const waitFor = (pattern: RegExp, stream: Stream | 'both' = waitOn) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const recheck = () => {
        const match = (stream === 'both' ? `${out.stdout}\n${out.stderr}` : out[stream]).match(pattern);
        if (match && pending.delete(recheck)) resolve(match);
      };
      pending.add(recheck);
      recheck();
      void exited.then((code) => {
        if (pending.delete(recheck)) reject(new Error(`${name} exited ${code} before printing ${pattern}:\n${out.stdout}\n${out.stderr}`));
      });
    });
  const stop = (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) child.kill(signal);
    return exited;
  };
  return {
    child,
    get stdout() {
      return out.stdout;
    },
    get stderr() {
      return out.stderr;
    },
    exited,
    waitFor,
    stop,
  };
}

/** What a process printed, and its exit code, once it has ended. */
export interface Ended {
  code: number;
  stdout: string;
  stderr: string;
}

/** Waits for a watched process to end. */
export async function ended(process: WatchedProcess): Promise<Ended> {
  const code = await process.exited;
  return { code, stdout: process.stdout, stderr: process.stderr };
}

/**
 * Runs `command` to its end.
 *
 * @example
 * const { code, stdout } = await runToEnd('bash', ['-c', 'echo hi']);
 */
export function runToEnd(command: string, args: string[], options: SpawnWatchedOptions = {}): Promise<Ended> {
  return ended(spawnWatched(command, args, options));
}
