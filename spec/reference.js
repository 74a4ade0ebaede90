import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of the API reference page: one HTML file, no network needed to view it. */
export const referencePath = fileURLToPath(new URL('./dist/reference.html', import.meta.url));

/** The headers the page is served with (it is static; revalidate so a new build shows at once). */
export const referenceHeaders = Object.freeze({
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-cache',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
});

let html;

/** The page's HTML, read from disk once. */
export function referenceHtml() {
  html ??= readFileSync(referencePath);
  return html;
}

/** The page as a Web `Response` (Hono, `Deno.serve`, any fetch-style handler); HEAD gets no body. */
export function referenceResponse(request) {
  const body = request?.method === 'HEAD' ? null : referenceHtml();
  return new Response(body, { status: 200, headers: { ...referenceHeaders, 'content-length': String(referenceHtml().length) } });
}

/** Answers a `node:http` request with the page (express and other Node servers too). */
export function serveReference(req, res) {
  res.writeHead(200, { ...referenceHeaders, 'content-length': referenceHtml().length });
  res.end(req.method === 'HEAD' ? undefined : referenceHtml());
}
