import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { spawnWatched } from '@nexuscommerce/test-process';

export { runToEnd } from '@nexuscommerce/test-process';

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

/** Starts `nexus-mock serve --port 0 …` and reads the bound URL and key from its first line. */
export async function startServeProcess(args: string[] = []): Promise<ServeProcess> {
  const serve = spawnWatched(process.execPath, [CLI, 'serve', '--port', '0', ...args]);
  const [, first] = await serve.waitFor(/^([^\r\n]*)\r?\n/, 'stdout').catch(async () => {
    throw new Error(`nexus-mock serve exited with ${await serve.exited} before printing its address:\n${serve.stderr}`);
  });
  const env = Object.fromEntries(first!.split(' ').map((pair) => pair.split('=', 2) as [string, string]));
  const stop = async () => {
    await serve.stop();
  };
  return { env, url: env.NEXUS_BASE_URL!, apiKey: env.NEXUS_API_KEY!, child: serve.child, stop };
}
