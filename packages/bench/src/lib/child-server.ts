import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ChildServer {
  url: string;
  apiKey: string;
  /** The seeded partition's account and, on PostgreSQL, its database (for peers on the same rows). */
  accountId: string;
  databaseUrl: string;
  close(): Promise<void>;
}

/** Starts `serve-target.ts` with `args` (its kind first) in a child process and waits until it is ready. */
export async function childServer(...args: string[]): Promise<ChildServer> {
  const script = new URL('./serve-target.ts', import.meta.url).pathname;
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, LOG_LEVEL: 'silent' },
  });
  const line = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${args[0]} server exited with ${code} before it was ready`)));
    createInterface({ input: child.stdout! }).once('line', resolve);
  });
  const ready = JSON.parse(line) as Omit<ChildServer, 'close'>;
  return {
    ...ready,
    close: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
