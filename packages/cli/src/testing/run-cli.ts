import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ended, spawnWatched, type WatchedProcess } from '@nexuscommerce/test-process';

// Test-only: the built `nexus` (dist/cli.js, what the package's bin runs) as a child process.

export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** A running `nexus`; `waitFor` looks at stderr unless told otherwise. */
export type CliProcess = WatchedProcess;

/** Starts `nexus <args>` with the environment given (and nothing else from the test's own). */
export function startCli(args: string[], env: Record<string, string>, options: { cwd?: string; stdin?: string } = {}): CliProcess {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build the package first (pnpm build)`);
  return spawnWatched(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdin: options.stdin ?? '',
    name: 'nexus',
    waitOn: 'stderr',
  });
}

/** Runs `nexus <args>` to the end. */
export function runCli(args: string[], env: Record<string, string>, options: { cwd?: string; stdin?: string } = {}) {
  return ended(startCli(args, env, options));
}
