import type { ChildProcess } from 'node:child_process';
import { spawnWatched, type SpawnWatchedOptions } from '@nexuscommerce/test-process';

/** A process a test started: its output is kept for the failure message, it is ended by its PID. */
export interface Started {
  name: string;
  child: ChildProcess;
  /** stdout and stderr so far (the last 20,000 characters of each). */
  output(): string;
  /** Resolves when the process has exited (at once if it already has). */
  exited(): Promise<void>;
  /** Sends `signal` to this process only, and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const running = new Set<Started>();

/**
 * Spawns a process and remembers it, so `stopAll` in `afterAll` ends it even when a test failed.
 *
 * @example
 * const redis = start('redis', 'redis-server', ['--port', String(port)]);
 */
export function start(name: string, command: string, args: string[], options: SpawnWatchedOptions = {}): Started {
  // `exit`, not `close`: a killed postmaster's backends hold its output open for a while yet.
  const watched = spawnWatched(command, args, { ...options, name, tail: 20_000, settle: 'exit' });
  const exit = watched.exited.then(() => undefined);
  const started: Started = {
    name,
    child: watched.child,
    output: () => `${watched.stdout}${watched.stderr}`,
    exited: () => exit,
    async stop(signal = 'SIGTERM') {
      await watched.stop(signal);
      running.delete(started);
    },
  };
  running.add(started);
  void exit.then(() => running.delete(started));
  return started;
}

/** Kills every process started here that is still running (SIGKILL, by PID). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((p) => p.stop('SIGKILL')));
}

/** Polls `check` until it returns a value other than undefined, or throws after `timeoutMs`. */
export async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await sleep(everyMs);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
