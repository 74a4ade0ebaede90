import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Test-only: the built `nexus` (dist/cli.js, what the package's bin runs) as a child process.

export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface CliProcess {
  child: ChildProcess;
  /** Everything written so far. */
  readonly stdout: string;
  readonly stderr: string;
  /** Resolves once stderr or stdout matches; rejects if the process ends first. */
  waitFor(pattern: RegExp, stream?: 'stdout' | 'stderr'): Promise<RegExpMatchArray>;
  /** The exit code (or 128 + signal number). */
  exited: Promise<number>;
}

/** Starts `nexus <args>` with the environment given (and nothing else from the test's own). */
export function startCli(args: string[], env: Record<string, string>, options: { cwd?: string; stdin?: string } = {}): CliProcess {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build the package first (pnpm build)`);
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const out = { stdout: '', stderr: '' };
  const waiters: Array<() => void> = [];
  for (const name of ['stdout', 'stderr'] as const) {
    child[name]!.setEncoding('utf8');
    child[name]!.on('data', (text: string) => {
      out[name] += text;
      for (const check of [...waiters]) check();
    });
  }
  if (options.stdin !== undefined) child.stdin!.end(options.stdin);
  else child.stdin!.end();
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
    exited,
    waitFor(pattern, stream = 'stderr') {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = out[stream].match(pattern);
          if (!match) return;
          waiters.splice(waiters.indexOf(check), 1);
          resolve(match);
        };
        waiters.push(check);
        check();
        void exited.then((code) => reject(new Error(`nexus exited ${code} before printing ${pattern}:\n${out.stdout}\n${out.stderr}`)));
      });
    },
  };
}

/** Runs `nexus <args>` to the end. */
export async function runCli(args: string[], env: Record<string, string>, options: { cwd?: string; stdin?: string } = {}) {
  const cli = startCli(args, env, options);
  const code = await cli.exited;
  return { code, stdout: cli.stdout, stderr: cli.stderr };
}
