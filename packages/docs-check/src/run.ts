import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const preload = fileURLToPath(new URL('../fixtures/with-mock.mjs', import.meta.url));
const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));

/** What a failed run printed, so the report shows the README reader's error. */
function explain(error: unknown): never {
  const { stdout = '', stderr = '', message } = error as { stdout?: string; stderr?: string; message: string };
  throw new Error(`${message.split('\n')[0]}\n${stderr || stdout}`.trim());
}

/**
 * Runs one block file with this Node, the mock API answering in the same process (see
 * fixtures/with-mock.mjs): the sandbox and `http://127.0.0.1:4010` both reach it, and
 * `NEXUS_API_KEY` holds its key unless already set.
 *
 * @example
 * await runBlock('/…/.blocks/sdk/line-20.mjs');
 */
export async function runBlock(file: string, cwd: string): Promise<string> {
  const { NEXUS_API_KEY: _ignored, ...env } = process.env;
  try {
    const { stdout } = await exec(process.execPath, ['--import', preload, file], { cwd, env, timeout: 60_000 });
    return stdout;
  } catch (error) {
    explain(error);
  }
}

/**
 * `vitest run` in a README's project, as the README tells its reader to set it up. Only the
 * timeouts are ours: CI machines are shared, and vitest's 5 s default is about a laptop.
 */
export async function runVitest(dir: string): Promise<string> {
  try {
    const args = [vitest, 'run', '--root', dir, '--testTimeout=60000', '--hookTimeout=60000'];
    const { stdout } = await exec(process.execPath, args, { cwd: dir, timeout: 180_000 });
    return stdout;
  } catch (error) {
    explain(error);
  }
}
