import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The built CLI, as a partner's CI runs it (`pnpm build` first). */
export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface ServeProcess {
  /** NEXUS_BASE_URL, NEXUS_API_KEY and NEXUS_MOCK_CONTROL, from the line the command prints first. */
  env: Record<string, string>;
  url: string;
  apiKey: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Runs a command to its end; resolves with its exit code and what it printed. */
export function runToEnd(command: string, args: string[], options: { cwd?: string } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, options);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts `nexus-mock serve --port 0 …` and reads the bound URL and key from its first line. */
export async function startServeProcess(args: string[] = []): Promise<ServeProcess> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const first = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('close', (code) => reject(new Error(`nexus-mock serve exited with ${code} before printing its address:\n${stderr}`)));
  });
  const env = Object.fromEntries(first.split(' ').map((pair) => pair.split('=', 2) as [string, string]));
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
  };
  return { env, url: env.NEXUS_BASE_URL!, apiKey: env.NEXUS_API_KEY!, child, stop };
}
