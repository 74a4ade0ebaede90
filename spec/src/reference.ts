import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';

/** Absolute path of the API reference page: one HTML file, no network needed to view it. */
export const referencePath: string = fileURLToPath(new URL('../dist/reference.html', import.meta.url));

/** The headers the page is served with (it is static; revalidate so a new build shows at once). */
export const referenceHeaders: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-cache',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
});

let html: Buffer | undefined;

/** The page's HTML, read from disk once. */
export function referenceHtml(): Buffer {
  html ??= readFileSync(referencePath);
  return html;
}

/**
 * The page as a Web `Response`, for fetch-style servers (Hono, `Deno.serve`, workers with a
 * file system). A `HEAD` request gets the headers only.
 * @example
 * import { referenceResponse } from '@nexuscommerce/spec/reference';
 * app.get('/docs', (c) => referenceResponse(c.req.raw));
 */
export function referenceResponse(request?: Request): Response {
  const page = referenceHtml();
  const body = request?.method === 'HEAD' ? null : new Uint8Array(page);
  return new Response(body, { status: 200, headers: { ...referenceHeaders, 'content-length': String(page.length) } });
}

/**
 * Answers a `node:http` request (or express, which passes the same objects) with the page.
 * @example
 * import { createServer } from 'node:http';
 * import { serveReference } from '@nexuscommerce/spec/reference';
 * createServer((req, res) => serveReference(req, res)).listen(8080);
 */
export function serveReference(req: IncomingMessage, res: ServerResponse): void {
  const page = referenceHtml();
  res.writeHead(200, { ...referenceHeaders, 'content-length': page.length });
  res.end(req.method === 'HEAD' ? undefined : page);
}
