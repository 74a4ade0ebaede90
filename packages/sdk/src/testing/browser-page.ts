import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

// Test-only helpers for src/browser.test.ts: serve the *built* package to it
// the way a browser app would load it (an import map in place of a bundler), with a fake API on
// the same origin.

const root = fileURLToPath(new URL('../..', import.meta.url));

/** One request the server answered, as it arrived. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface ApiAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Answers a request under /v1; `undefined` means an unexpected route (answered 404 and recorded). */
export type FakeApi = (request: SeenRequest) => ApiAnswer | undefined;

export interface SdkPageServer {
  origin: string;
  /** Every /v1 request, in arrival order. */
  api: SeenRequest[];
  /** Every path that was not /v1 (the page and its modules). */
  assets: string[];
  /** Asset paths answered 404, and /v1 requests the fake API had no route for. */
  missing: string[];
  /** The import map the page uses, for messages and assertions. */
  importMap: Record<string, string>;
  close(): Promise<void>;
}

interface PackageJson {
  exports?: Record<string, unknown>;
  imports?: Record<string, unknown>;
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as PackageJson;

/** Resolves a conditional exports/imports target with the conditions a browser bundler would use. */
function pick(target: unknown, conditions: readonly string[]): string {
  if (typeof target === 'string') return target;
  if (target && typeof target === 'object') {
    for (const [key, value] of Object.entries(target)) {
      if (conditions.includes(key)) return pick(value, conditions);
    }
  }
  throw new Error(`no target for conditions ${conditions.join(', ')} in ${JSON.stringify(target)}`);
}

const BROWSER_ESM = ['browser', 'import', 'default'] as const;
const MIME: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/**
 * A node:http server on 127.0.0.1 that serves an HTML page loading `@nexuscommerce/sdk` and
 * `@nexuscommerce/sdk/webhooks` from dist/ (unmodified) through an import map built from the
 * package.json "exports" and "imports" (browser conditions) and openapi-fetch's own "exports",
 * and answers /v1/* with `fakeApi`. The page sets `window.nexus = { sdk, webhooks }`.
 */
export async function startSdkPageServer(fakeApi: FakeApi): Promise<SdkPageServer> {
  const pkg = readJson(join(root, 'package.json'));
  const openapiFetchDir = join(root, 'node_modules/openapi-fetch');
  const openapiFetch = readJson(join(openapiFetchDir, 'package.json'));
  const toUrl = (prefix: string, target: string) => `${prefix}/${target.replace(/^\.\//, '')}`;

  const importMap: Record<string, string> = {
    '@nexuscommerce/sdk': toUrl('/sdk', pick(pkg.exports?.['.'], BROWSER_ESM)),
    '@nexuscommerce/sdk/webhooks': toUrl('/sdk', pick(pkg.exports?.['./webhooks'], BROWSER_ESM)),
    'openapi-fetch': toUrl('/openapi-fetch', pick(openapiFetch.exports?.['.'], BROWSER_ESM)),
  };
  // Package-private imports (`#hmac`): the browser target, as a bundler would pick it.
  for (const [specifier, target] of Object.entries(pkg.imports ?? {})) {
    importMap[specifier] = toUrl('/sdk', pick(target, BROWSER_ESM));
  }
  for (const [specifier, url] of Object.entries(importMap)) {
    if (!url.startsWith('/sdk/dist/') && !url.startsWith('/openapi-fetch/')) throw new Error(`${specifier} → ${url}: outside dist`);
  }
  if (!existsSync(join(root, 'dist', 'index.js'))) throw new Error('packages/sdk/dist is missing: run `pnpm build` first');

  const html = `<!doctype html>
<html>
<head>
<meta charset="utf-8">
<title>sdk</title>
<link rel="icon" href="data:,">
<script type="importmap">${JSON.stringify({ imports: importMap })}</script>
<script type="module">
import * as sdk from '@nexuscommerce/sdk';
import * as webhooks from '@nexuscommerce/sdk/webhooks';
window.nexus = { sdk, webhooks };
</script>
</head>
<body></body>
</html>`;

  // URL prefix → folder; only these folders are served.
  const mounts: [string, string][] = [
    ['/sdk/dist/', join(root, 'dist')],
    ['/openapi-fetch/dist/', join(openapiFetchDir, 'dist')],
  ];

  const api: SeenRequest[] = [];
  const assets: string[] = [];
  const missing: string[] = [];

  const notFound = (res: ServerResponse, path: string) => {
    missing.push(path);
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  };

  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const url = new URL(req.url!, 'http://localhost');

    if (url.pathname === '/v1' || url.pathname.startsWith('/v1/')) {
      const seen: SeenRequest = { method: req.method!, url: req.url!, headers: req.headers, body };
      api.push(seen);
      const answer = fakeApi(seen);
      if (!answer) return notFound(res, `${req.method} ${req.url}`);
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
      return;
    }

    assets.push(req.url!);
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
      return;
    }
    const mount = mounts.find(([prefix]) => url.pathname.startsWith(prefix));
    const mime = MIME[extname(url.pathname)];
    if (!mount || !mime) return notFound(res, url.pathname);
    const file = normalize(join(mount[1], decodeURIComponent(url.pathname.slice(mount[0].length))));
    if (!file.startsWith(mount[1] + sep)) return notFound(res, url.pathname);
    try {
      const content = await readFile(file);
      res.writeHead(200, { 'content-type': mime });
      res.end(content);
    } catch {
      notFound(res, url.pathname);
    }
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    api,
    assets,
    missing,
    importMap,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
