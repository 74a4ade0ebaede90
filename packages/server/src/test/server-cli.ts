import { type ChildProcess, spawn } from 'node:child_process';
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
  const waiters = new Set<() => void>();
  for (const name of ['stdout', 'stderr'] as const) {
    child[name]!.setEncoding('utf8');
    child[name]!.on('data', (text: string) => {
      out[name] += text;
      for (const check of [...waiters]) check();
    });
  }
  const exited = new Promise<number>((resolve) => {
    child.on('close', (code, signal) => resolve(code ?? 128 + (signal === 'SIGKILL' ? 9 : signal === 'SIGTERM' ? 15 : 2)));
  });
  return {
    child,
    get stdout() {
      return out.stdout;
    },
    get stderr() {
      return out.stderr;
    },
    waitFor(pattern) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = `${out.stdout}\n${out.stderr}`.match(pattern);
          if (!match) return;
          waiters.delete(check);
          resolve(match);
        };
        waiters.add(check);
        check();
        void exited.then((code) => {
          if (!waiters.has(check)) return;
          waiters.delete(check);
          reject(new Error(`nexus-server ${args.join(' ')} exited ${code} before printing ${pattern}:\n${out.stdout}\n${out.stderr}`));
        });
      });
    },
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
