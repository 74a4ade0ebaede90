import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Deps } from '../context.js';
import { newId } from '../ids.js';

const VALID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Echoes a well-formed `X-Request-Id` or makes one (`req_…`), puts it on every response, and
 * writes one log line per request. Headers are never logged, so keys cannot leak into logs.
 */
export function requestId(deps: Pick<Deps, 'logger'>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const id = incoming && VALID.test(incoming) ? incoming : newId('req', 16);
    c.set('requestId', id);
    const started = Date.now();
    await next();
    c.res.headers.set('X-Request-Id', id);
    deps.logger?.info(
      { request_id: id, method: c.req.method, path: c.req.path, status: c.res.status, ms: Date.now() - started },
      'request',
    );
  };
}
