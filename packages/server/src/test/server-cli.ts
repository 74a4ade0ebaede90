import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ended, spawnWatched, type WatchedProcess } from '@nexuscommerce/test-process';
import { expect } from 'vitest';

// Test-only: the built `nexus-server` (dist/cli.js, what the package's bin runs) as a child process.

export const SERVER_CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** A running `nexus-server`; `waitFor` looks at stdout and stderr. */
export type ServerCliProcess = WatchedProcess;

/** Starts `nexus-server <args>` with only PATH and `env` from the outside (no DATABASE_URL by accident). */
export function spawnServerCli(args: string[], env: Record<string, string> = {}): ServerCliProcess {
  if (!existsSync(SERVER_CLI)) throw new Error(`${SERVER_CLI} is missing: build the package first (pnpm build)`);
  return spawnWatched(process.execPath, [SERVER_CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, name: `nexus-server ${args.join(' ')}` });
}

/** Runs a command to its end. */
export function runServerCli(args: string[], env: Record<string, string> = {}) {
  return ended(spawnServerCli(args, env));
}

/** A running `start`: its URL (from the `listening` line; start with `--port 0`) and the key it printed, if any. */
export async function startServerCli(args: string[], env: Record<string, string> = {}) {
  const run = spawnServerCli(['start', '--port', '0', ...args], env);
  const [, url] = await run.waitFor(/"url":"(http:\/\/[^"]+)"[^\n]*"msg":"listening"/);
  const key = /nxc_test_[0-9A-Za-z]{32,}/.exec(run.stdout)?.[0];
  return { run, url: url!, key, stop: () => run.stop() };
}

/** Runs `body` while `started` runs, then stops it (SIGTERM), which it must answer with exit code 0. */
export async function whileRunning<P extends { stop(): Promise<number> }>(started: P | Promise<P>, body: (running: P) => Promise<void>): Promise<void> {
  const running = await started;
  try {
    await body(running);
  } finally {
    expect(await running.stop()).toBe(0);
  }
}

/** GET (with a key) on a running server, parsed. */
export async function getJson(url: string, key: string) {
  const response = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
  return { status: response.status, body: (await response.json()) as any };
}
