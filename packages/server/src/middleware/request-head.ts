import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';
import { ApiError } from '../errors.js';

/**
 * Refuses a request whose URL and headers together are larger than `limit` characters with
 * `431 HEADERS_TOO_LARGE` in the error envelope. Runtimes have a limit of their own (Node's is
 * raised above this one by the Node adapter), but they answer it without a body; this check makes
 * every runtime, the mock included, answer the same envelope (decision 039).
 */
export function requestHead(limit: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // Characters, not bytes: header values are ISO-8859-1 and a URL is ASCII once parsed.
    let size = c.req.url.length;
    c.req.raw.headers.forEach((value, name) => {
      size += name.length + value.length + 4;
    });
    if (size > limit) {
      throw new ApiError('HEADERS_TOO_LARGE', `The URL and headers are larger than ${limit} bytes.`, [
        { field: 'headers', issue: `the URL and headers together must be at most ${limit} bytes` },
      ]);
    }
    return next();
  };
}
