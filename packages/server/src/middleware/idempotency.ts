import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Deps } from '../context.js';
import { ApiError } from '../errors.js';
import { sha256Hex } from '../hash.js';
import type { StoredResponse } from '../store/idempotency.js';
import type { CompiledOperation } from '../validation/compile.js';
import { canonicalJson } from '../canonical-json.js';

// Only these headers belong to the answer itself; request id and rate limits are per request.
const REPLAYED_HEADERS = ['content-type', 'location'];

/**
 * Stripe-style idempotency, durable in the store and scoped to the key's account and mode.
 * It runs after validation, so only requests that start executing are recorded; answers with
 * a 5xx are forgotten so the client may retry with the same key.
 */
export function idempotency(op: CompiledOperation, deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (op.idempotency === 'none') return next();
    const key = c.req.header('idempotency-key');
    if (key === undefined) {
      if (op.idempotency === 'optional') return next();
      throw new ApiError('IDEMPOTENCY_KEY_REQUIRED', 'POST and PATCH requests need an Idempotency-Key header.', [
        { field: 'Idempotency-Key', issue: 'is required' },
      ]);
    }
    const { partition } = c.get('auth');
    const now = deps.clock.now();
    const fingerprint = await sha256Hex(`${c.req.method} ${new URL(c.req.url).pathname}\n${canonicalJson(c.get('body'))}`);
    const claim = await deps.store.idempotency.claim(partition, {
      key,
      fingerprint,
      now: now.toISOString(),
      expiresAt: new Date(now.getTime() + deps.config.idempotencyTtlMs).toISOString(),
      lockedUntil: new Date(now.getTime() + deps.config.idempotencyLockMs).toISOString(),
    });
    if (claim.outcome === 'conflict') {
      throw new ApiError('IDEMPOTENCY_CONFLICT', 'This Idempotency-Key was used with a different request.', [
        { field: 'Idempotency-Key', issue: 'was used with a different method, path or body' },
      ]);
    }
    if (claim.outcome === 'in_progress') {
      throw new ApiError('IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still running.', [], {
        'Retry-After': '1',
      });
    }
    if (claim.outcome === 'replay') {
      c.res = replay(claim.response);
      return;
    }
    await next();
    const res = c.res;
    if (res.status >= 500) {
      await deps.store.idempotency.release(partition, key);
      return;
    }
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = res.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    const stored: StoredResponse = { status: res.status, headers, body: await res.clone().text() };
    await deps.store.idempotency.complete(partition, key, stored);
  };
}

function replay(stored: StoredResponse): Response {
  const headers = new Headers(stored.headers);
  headers.set('Idempotent-Replayed', 'true');
  // 204 and friends must not carry a body, even an empty string.
  const body = stored.status === 204 || stored.status === 304 ? null : stored.body;
  return new Response(body, { status: stored.status, headers });
}
