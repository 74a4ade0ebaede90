import type { MiddlewareHandler } from 'hono';
import { constantTimeEqual, hashApiKey, parseApiKey } from '../auth/api-keys.js';
import { ipAllowed } from '../auth/cidr.js';
import { createKeyCache } from '../auth/key-cache.js';
import type { AppEnv, Deps } from '../context.js';
import { ApiError } from '../errors.js';
import type { CompiledOperation } from '../validation/compile.js';

const unauthorized = (message: string) => new ApiError('UNAUTHORIZED', message);

/**
 * Resolves the API key (`Authorization: Bearer …` or `x-api-key`) to its account and mode.
 * Unknown, malformed, revoked and expired keys all answer 401 with no hint of which it was
 * beyond the message, and a wrong key costs the same hash-and-compare as a right one.
 */
export function authenticate(op: CompiledOperation, deps: Deps): MiddlewareHandler<AppEnv> {
  const cache = (deps.keyCache ??= createKeyCache(deps.config.keyCacheTtlMs));
  return async (c, next) => {
    if (!op.authenticated) return next();
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const presented = bearer ?? c.req.header('x-api-key')?.trim();
    if (!presented) throw unauthorized('An API key is required: send Authorization: Bearer <key> or x-api-key.');
    const nowMs = deps.clock.now().getTime();
    let record = cache.get(presented, nowMs);
    if (!record) {
      const parsed = parseApiKey(presented);
      if (!parsed) throw unauthorized('The API key is not valid.');
      const [found, hash] = await Promise.all([deps.store.accounts.findKeyByPrefix(parsed.prefix), hashApiKey(presented)]);
      if (!found || !constantTimeEqual(found.hash, hash) || found.mode !== parsed.mode) {
        throw unauthorized('The API key is not valid.');
      }
      record = found;
      cache.set(presented, record, nowMs);
    }
    if (record.revoked_at) throw unauthorized('The API key has been revoked.');
    if (record.expires_at && record.expires_at <= deps.clock.now().toISOString()) {
      throw unauthorized('The API key has expired.');
    }
    c.set('auth', { key: record, partition: { accountId: record.account_id, mode: record.mode, requestId: c.get('requestId') } });
    return next();
  };
}

/**
 * Checks what the identified key may do: the IP allow-list, `X-Tenant-ID` and the operation's
 * `x-required-scope`. It runs after rate limiting so that these 403s carry rate-limit headers
 * too, as every authenticated response must.
 */
export function authorize(op: CompiledOperation, deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!op.authenticated) return next();
    const { key } = c.get('auth');
    if (!ipAllowed(deps.config.clientIp(c.req.raw, c.env), key.ip_allowlist)) {
      throw new ApiError('IP_NOT_ALLOWED', 'Requests from this IP address are not allowed for this key.');
    }
    const tenant = c.req.header('x-tenant-id');
    if (tenant !== undefined && tenant !== key.account_id) {
      throw new ApiError('TENANT_MISMATCH', 'X-Tenant-ID does not name the account of this API key.', [
        { field: 'X-Tenant-ID', issue: "does not match the key's account" },
      ]);
    }
    if (op.scope && !key.scopes.includes(op.scope)) {
      throw new ApiError('SCOPE_DENIED', 'This API key lacks the scope this operation needs.', [
        { field: 'scope', issue: `missing scope ${op.scope}` },
      ]);
    }
    return next();
  };
}
