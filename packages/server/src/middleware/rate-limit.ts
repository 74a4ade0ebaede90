import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Deps } from '../context.js';
import { ApiError } from '../errors.js';
import type { WindowResult } from '../rate-limit/port.js';
import type { CompiledOperation } from '../validation/compile.js';

/**
 * Two windows per key (minute and hour) from the key's plan or its override. Every
 * authenticated response reports the tighter window: the one with fewer requests left.
 * Unauthenticated operations (health) are limited per client IP, generously and silently.
 */
export function rateLimit(op: CompiledOperation, deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!op.authenticated) {
      const ip = deps.config.clientIp(c.req.raw, c.env);
      if (ip === undefined) return next();
      const [minute] = await deps.limiter.consume(`ip:${ip}`, [{ points: deps.config.unauthenticatedPerMinute, durationSeconds: 60 }]);
      if (minute && !minute.allowed) throw limited(minute.resetInMs, {});
      return next();
    }
    const { key } = c.get('auth');
    const limits = key.rate_limits ?? deps.config.planLimits[key.plan];
    const results = await deps.limiter.consume(key.id, [
      { points: limits.per_minute, durationSeconds: 60 },
      { points: limits.per_hour, durationSeconds: 3600 },
    ]);
    const headers = rateLimitHeaders(results);
    const refused = results.filter((r) => !r.allowed);
    if (refused.length > 0) {
      throw limited(Math.max(...refused.map((r) => r.resetInMs)), { ...headers, 'X-RateLimit-Remaining': '0' });
    }
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  };
}

function rateLimitHeaders(results: WindowResult[]): Record<string, string> {
  // Results come shortest window first, so ties go to the minute window.
  const tighter = results.reduce((a, b) => (b.remaining < a.remaining ? b : a));
  return {
    'X-RateLimit-Limit': String(tighter.limit),
    'X-RateLimit-Remaining': String(tighter.remaining),
    'X-RateLimit-Reset': String(Math.ceil((Date.now() + tighter.resetInMs) / 1000)),
  };
}

function limited(resetInMs: number, headers: Record<string, string>): ApiError {
  const wait = Math.max(1, Math.ceil(resetInMs / 1000));
  return new ApiError('RATE_LIMITED', `Rate limit exceeded; retry in ${wait} s.`, [], { ...headers, 'Retry-After': String(wait) });
}
