import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { serve } from '@hono/node-server';
import { specPath as bundledSpecPath } from '@nexuscommerce/spec';
import { prismFront } from './prism-front.js';

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
  /**
   * Proxy mode: forward every request to this server (e.g. `http://127.0.0.1:8080`, no `/v1`)
   * and check its answers against the spec. A wrong answer is passed on with an `sl-violations`
   * header listing what is wrong; with `errors: true` it is replaced by Prism's `500` problem.
   */
  upstream?: string;
  /** Proxy mode: turn answers that break the spec into Prism's `500` problem. Default false. */
  errors?: boolean;
}

export interface RunningPrism {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:4010`; paths start with `/v1`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);

function prismBin(): string {
  let pkgPath: string;
  try {
    pkgPath = require.resolve('@stoplight/prism-cli/package.json');
  } catch {
    // An optional peer: frontend apps that only use the MSW handlers never install Prism.
    throw new Error('nexus-mock prism needs Stoplight Prism next to it: npm install --save-dev @stoplight/prism-cli@^5.16 (Node >= 24.18)');
  }
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

function prismArgs(options: PrismOptions, port: number): string[] {
  const spec = options.specPath ?? bundledSpecPath;
  const where = ['--host', '127.0.0.1', '--port', String(port), '--errors', String(options.errors ?? false)];
  if (options.upstream) return [prismBin(), 'proxy', spec, options.upstream, ...where];
  return [prismBin(), 'mock', spec, ...where, '--dynamic', 'false'];
}

/**
 * Runs Stoplight Prism on the spec, for contract tests in any language. Mock mode (default)
 * serves the spec's examples and answers `Prefer: code=404` (or `example=<name>`) with that
 * documented response; proxy mode (`upstream`) checks a real server's answers. Both validate
 * every request, and answer an invalid one `400 VALIDATION_FAILED` as the server would.
 *
 * @example
 * const prism = await startPrism({ port: 0 });
 * const res = await fetch(`${prism.url}/v1/products`, { headers: { authorization: 'Bearer nxc_test_…' } });
 * await prism.close();
 */
export async function startPrism(options: PrismOptions = {}): Promise<RunningPrism> {
  const host = options.host ?? '127.0.0.1';
  // Prism listens on loopback only; clients reach it through the front (see prism-front.ts).
  const innerPort = await freePort('127.0.0.1');
  const child = spawn(process.execPath, prismArgs(options, innerPort), { stdio: ['ignore', 'pipe', 'pipe'] });
  const log = options.onLog;
  const forward = (chunk: Buffer) => log && chunk.toString().split('\n').filter(Boolean).forEach(log);
  child.stdout!.on('data', forward);
  child.stderr!.on('data', forward);
  const stopPrism = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  const innerUrl = `http://127.0.0.1:${innerPort}`;
  try {
    await waitUntilAnswering(innerUrl, child, options.readyTimeoutMs ?? 30_000);
  } catch (error) {
    await stopPrism();
    throw error;
  }
  const front = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const server = serve({ fetch: prismFront(innerUrl), port: options.port ?? 4010, hostname: host }, () => resolve(server));
    server.once('error', reject);
  }).catch(async (error: unknown) => {
    await stopPrism();
    throw error;
  });
  const port = (front.address() as AddressInfo).port;
  const close = async () => {
    await new Promise<void>((resolve) => {
      front.close(() => resolve());
      (front as { closeAllConnections?: () => void }).closeAllConnections?.();
    });
    await stopPrism();
  };
  return { url: `http://${host}:${port}`, port, close };
}
