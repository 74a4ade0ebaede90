import type { ServerConfig } from '../config.js';
import type { ApiKeyRecord } from '../store/accounts.js';

/**
 * What `GET /v1/me` tells a key about itself. Never the hash, never the full key.
 *
 * @example
 * describeKey(key, config).rate_limits; // { per_minute: 60, per_hour: 1000 }
 */
export function describeKey(key: ApiKeyRecord, config: ServerConfig) {
  return {
    key_prefix: key.prefix,
    account_id: key.account_id,
    mode: key.mode,
    scopes: key.scopes,
    plan: key.plan,
    rate_limits: key.rate_limits ?? config.planLimits[key.plan],
    batch_limit: key.batch_limit,
    expires_at: key.expires_at,
    ip_allowlist: key.ip_allowlist,
  };
}
