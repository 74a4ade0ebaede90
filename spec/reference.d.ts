import type { IncomingMessage, ServerResponse } from 'node:http';

/** Absolute path of the API reference page: one HTML file, no network needed to view it. */
export declare const referencePath: string;

/** The headers the page is served with. */
export declare const referenceHeaders: Readonly<Record<string, string>>;

/** The page's HTML, read from disk once. */
export declare function referenceHtml(): Buffer;

/**
 * The page as a Web `Response`, for fetch-style servers (Hono, `Deno.serve`, workers with a
 * file system). A `HEAD` request gets the headers only.
 * @example
 * import { referenceResponse } from '@nexuscommerce/spec/reference';
 * app.get('/docs', (c) => referenceResponse(c.req.raw));
 */
export declare function referenceResponse(request?: Request): Response;

/**
 * Answers a `node:http` request (or express, which passes the same objects) with the page.
 * @example
 * import { createServer } from 'node:http';
 * import { serveReference } from '@nexuscommerce/spec/reference';
 * createServer((req, res) => serveReference(req, res)).listen(8080);
 */
export declare function serveReference(req: IncomingMessage, res: ServerResponse): void;
