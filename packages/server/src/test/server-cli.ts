import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Test-only: the built `nexus-server` (dist/cli.js, what the package's bin runs) as a child process.

export const SERVER_CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface ServerCliProcess {
  child: ChildProcess;
  readonly stdout: string;
  readonly stderr: string;
  /** Resolves once stdout or stderr matches; rejects if the process ends first. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  /** The exit code (or 128 + the signal's number). */
  exited: Promise<number>;
}

/** Starts `nexus-server <args>` with only PATH and `env` from the outside (no DATABASE_URL by accident). */
export function spawnServerCli(args: string[], env: Record<string, string> = {}): ServerCliProcess {
  if (!existsSync(SERVER_CLI)) throw new Error(`${SERVER_CLI} is missing: build the package first (pnpm build)`);
  const child = spawn(process.execPath, [SERVER_CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = { stdout: '', stderr: '' };
  // Each waiter re-checks the output after every chunk; it removes itself once matched.
  const pending = new Set<() => void>();
  const append = (stream: 'stdout' | 'stderr') => (chunk: string) => {
    out[stream] += chunk;
    pending.forEach((recheck) => recheck());
  };
  child.stdout!.setEncoding('utf8').on('data', append('stdout'));
  child.stderr!.setEncoding('utf8').on('data', append('stderr'));
  const exited = once(child, 'close').then(([code, signal]) => (code as number | null) ?? 128 + (signal === 'SIGKILL' ? 9 : 15));
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const recheck = () => {
        const match = pattern.exec(`${out.stdout}\n${out.stderr}`);
        if (match && pending.delete(recheck)) resolve(match);
      };
      pending.add(recheck);
      recheck();
      void exited.then((code) => {
        if (pending.delete(recheck)) reject(new Error(`nexus-server ${args.join(' ')} exited ${code} before printing ${pattern}:\n${out.stdout}\n${out.stderr}`));
      });
    });
  return {
    child,
    get stdout() {
      return out.stdout;
    },
    get stderr() {
      return out.stderr;
    },
    waitFor,
    exited,
  };
}

/** Runs a command to its end. */
export async function runServerCli(args: string[], env: Record<string, string> = {}) {
  const run = spawnServerCli(args, env);
  const code = await run.exited;
  return { code, stdout: run.stdout, stderr: run.stderr };
}

/** A running `start`: its URL (from the `listening` line; start with `--port 0`) and the key it printed, if any. */
export async function startServerCli(args: string[], env: Record<string, string> = {}) {
  const run = spawnServerCli(['start', '--port', '0', ...args], env);
  const [, url] = await run.waitFor(/"url":"(http:\/\/[^"]+)"[^\n]*"msg":"listening"/);
  const key = /nxc_test_[0-9A-Za-z]{32,}/.exec(run.stdout)?.[0];
  const stop = async () => {
    if (run.child.exitCode === null) run.child.kill('SIGTERM');
    return run.exited;
  };
  return { run, url: url!, key, stop };
}

/** GET (with a key) on a running server, parsed. */
export async function getJson(url: string, key: string) {
  const response = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
  return { status: response.status, body: (await response.json()) as any };
}
