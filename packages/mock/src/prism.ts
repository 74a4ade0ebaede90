import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { specPath as bundledSpecPath } from '@nexuscommerce/spec';

export interface PrismOptions {
  /** Port to listen on; `0` picks a free one. Default 4010. */
  port?: number;
  host?: string;
  /** The OpenAPI document to serve; defaults to the bundled NexusCommerce spec. */
  specPath?: string;
  /** Give up when Prism is not answering after this long. Default 30 s. */
  readyTimeoutMs?: number;
  /** Where Prism's own log lines go; silent by default. */
  onLog?: (line: string) => void;
}

export interface RunningPrism {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:4010`; paths start with `/v1`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);

function prismBin(): string {
  const pkgPath = require.resolve('@stoplight/prism-cli/package.json');
  const pkg = require(pkgPath) as { bin: string | Record<string, string> };
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin.prism!;
  return join(dirname(pkgPath), bin);
}

async function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilAnswering(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Prism exited with code ${child.exitCode} before it was ready`);
    // Any HTTP answer (even 401 or 404) means the server is listening and the spec is loaded.
    const answered = await fetch(`${url}/v1/health`).then(() => true, () => false);
    if (answered) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Prism did not answer at ${url} within ${timeoutMs} ms`);
}

/**
 * Serves the spec's examples with Stoplight Prism, for contract tests in any language.
 * Prism answers `Prefer: code=404` (or `example=<name>`) with that documented response.
 *
 * @example
 * const prism = await startPrism({ port: 0 });
 * const res = await fetch(`${prism.url}/v1/products`, { headers: { authorization: 'Bearer nxc_test_…' } });
 * await prism.close();
 */
export async function startPrism(options: PrismOptions = {}): Promise<RunningPrism> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port === 0 ? await freePort(host) : (options.port ?? 4010);
  const args = [prismBin(), 'mock', options.specPath ?? bundledSpecPath, '--host', host, '--port', String(port), '--dynamic', 'false'];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const log = options.onLog;
  const forward = (chunk: Buffer) => log && chunk.toString().split('\n').filter(Boolean).forEach(log);
  child.stdout!.on('data', forward);
  child.stderr!.on('data', forward);
  const url = `http://${host}:${port}`;
  const close = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  try {
    await waitUntilAnswering(url, child, options.readyTimeoutMs ?? 30_000);
  } catch (error) {
    await close();
    throw error;
  }
  return { url, port, close };
}
