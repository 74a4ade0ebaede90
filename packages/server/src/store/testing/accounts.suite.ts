import { describe, expect, it } from 'vitest';
import type { Store } from '../port.js';
import { apiKeyRecord } from './fixtures.js';

const minute = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString();

/** Accounts and API keys, on every adapter. */
export function accountsSuite(store: () => Store): void {
  describe('accounts', () => {
    it('keeps accounts and finds API keys by prefix, and revokes them', async () => {
    await store().accounts.create({ id: 'acct_A', name: 'A', created_at: minute(0) });
    expect(await store().accounts.get('acct_A')).toEqual({ id: 'acct_A', name: 'A', created_at: minute(0) });
    expect(await store().accounts.list()).toHaveLength(1);
    const key = apiKeyRecord({ rate_limits: { per_minute: 5, per_hour: 50 }, ip_allowlist: ['10.0.0.0/8'] });
    await store().accounts.createKey(key);
    expect(await store().accounts.findKeyByPrefix(key.prefix)).toEqual(key);
    expect(await store().accounts.findKeyByPrefix('nxc_test_zzzz9999')).toBeNull();
    expect(await store().accounts.listKeys('acct_A')).toEqual([key]);
    expect(await store().accounts.revokeKey(key.prefix, minute(5))).toBe(true);
    expect(await store().accounts.revokeKey(key.id, minute(6))).toBe(false);
    expect((await store().accounts.findKeyByPrefix(key.prefix))?.revoked_at).toBe(minute(5));
    });
  });
}
