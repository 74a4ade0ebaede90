import type { ApiKeyRecord } from '../store/accounts.js';

/**
 * Keys verified recently, so that a busy client does not cost a database round trip and a hash
 * on every request. An entry lives `ttlMs` (30 s by default): a key revoked by another process
 * keeps working at most that long, as in most API gateways. Expiry is still checked on every
 * request against the cached record; `ttlMs: 0` turns the cache off.
 */
export function createKeyCache(ttlMs: number, maxEntries = 10_000) {
  const entries = new Map<string, { record: ApiKeyRecord; until: number }>();
  return {
    get(presented: string, nowMs: number): ApiKeyRecord | undefined {
      const entry = entries.get(presented);
      if (!entry) return undefined;
      if (entry.until > nowMs) return entry.record;
      entries.delete(presented);
      return undefined;
    },
    set(presented: string, record: ApiKeyRecord, nowMs: number): void {
      if (ttlMs <= 0) return;
      // Dropping everything at the cap is crude but bounded; a cache miss only costs a lookup.
      if (entries.size >= maxEntries) entries.clear();
      entries.set(presented, { record, until: nowMs + ttlMs });
    },
  };
}
