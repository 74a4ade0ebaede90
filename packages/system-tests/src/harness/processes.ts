import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/** A process a test started: its output is kept for the failure message, it is ended by its PID. */
export interface Started {
  name: string;
  child: ChildProcess;
  /** stdout and stderr so far. */
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
export function start(name: string, command: string, args: string[], options: SpawnOptions = {}): Started {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  let text = '';
  const keep = (chunk: Buffer) => {
    text = (text + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', (error) => {
      keep(Buffer.from(String(error)));
      resolve();
    });
  });
  const started: Started = {
    name,
    child,
    output: () => text,
    exited: () => exit,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) process.kill(child.pid, signal);
      await exit;
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
