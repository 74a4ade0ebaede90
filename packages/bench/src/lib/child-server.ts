import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Starts `serve-target.ts` for `kind` in a child process and waits for its `{ url, apiKey }`. */
export async function childServer(kind: string, rows: number) {
  const script = new URL('./serve-target.ts', import.meta.url).pathname;
  const child = spawn(process.execPath, ['--import', 'tsx', script, kind, String(rows)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, LOG_LEVEL: 'silent' },
  });
  const line = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code} before it was ready`)));
    createInterface({ input: child.stdout! }).once('line', resolve);
  });
  const { url, apiKey } = JSON.parse(line) as { url: string; apiKey: string };
  return {
    url,
    apiKey,
    close: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
