import { describe, expect, it } from 'vitest';
import { setup } from '../test/harness.js';
import { issueApiKey, listKeySummaries, revokeApiKey } from './accounts.js';
import { InvalidKeySettingsError, parseIsoInstant, type KeySettings } from './key-options.js';

describe('a key that could not work is never stored', () => {
  const cases: [string, Partial<KeySettings>, keyof KeySettings][] = [
    ['an unknown plan', { plan: 'platinum' as never }, 'plan'],
    ['an unknown mode', { mode: 'prod' as never }, 'mode'],
    ['an expiry that is not a date', { expiresAt: 'yesterday' }, 'expiresAt'],
    ['an expiry on a day that does not exist', { expiresAt: '2030-02-30' }, 'expiresAt'],
    ['an expiry in the past', { expiresAt: '2025-12-31T23:59:59Z' }, 'expiresAt'],
    ['no scopes', { scopes: [] }, 'scopes'],
    ['an unknown scope', { scopes: ['products:read', 'products:delete'] }, 'scopes'],
    ['a batch limit of 0', { batchLimit: 0 }, 'batchLimit'],
    ['a batch limit over the spec\'s maxItems', { batchLimit: 1001 }, 'batchLimit'],
    ['a batch limit that is not a number', { batchLimit: Number.NaN }, 'batchLimit'],
    ['an allow-list entry that is not a CIDR', { ipAllowlist: ['10.0.0.0/8', '10.0.0.0/33'] }, 'ipAllowlist'],
    ['rate limits of zero', { rateLimits: { per_minute: 0, per_hour: 10 } }, 'rateLimits'],
    ['an empty name', { name: '  ' }, 'name'],
  ];
  it.each(cases)('%s', async (_, settings, setting) => {
    const { store, clock, account } = await setup();
    const before = await store.accounts.listKeys(account.id);
    const attempt = issueApiKey(store, clock, { accountId: account.id, mode: 'test', ...settings });
    await expect(attempt).rejects.toBeInstanceOf(InvalidKeySettingsError);
    await expect(attempt).rejects.toMatchObject({ problems: [{ setting }] });
    expect(await store.accounts.listKeys(account.id)).toEqual(before);
  });
});

it('a key with every setting given answers its requests', async () => {
  const { store, clock, account, call } = await setup();
  const { secret, record } = await issueApiKey(store, clock, {
    accountId: account.id,
    mode: 'live',
    plan: 'growth',
    scopes: ['products:read'],
    batchLimit: 1000,
    expiresAt: '2026-01-02T05:30:00+05:30',
    ipAllowlist: [],
  });
  expect(record.expires_at).toBe('2026-01-02T00:00:00.000Z');
  const me = await call('GET', '/v1/me', { key: secret });
  expect(me.status).toBe(200);
  expect(me.body.data).toMatchObject({ mode: 'live', plan: 'growth', scopes: ['products:read'], batch_limit: 1000 });
  expect((await call('GET', '/v1/products', { key: secret })).status).toBe(200);
});

it('revokes a key named as the list shows it (prefix and …)', async () => {
  const { store, clock, account, newKey, call } = await setup();
  const secret = await newKey({ name: 'to revoke' });
  const listed = (await listKeySummaries(store, clock, account.id)).find((k) => k.name === 'to revoke')!;
  expect(listed.prefix).toMatch(/^nxc_test_[0-9A-Za-z]{8}…$/);
  expect(secret.startsWith(listed.prefix.slice(0, -1))).toBe(true);
  expect(await revokeApiKey(store, clock, listed.prefix)).toBe(true);
  expect(await revokeApiKey(store, clock, listed.prefix)).toBe(false);
  expect((await listKeySummaries(store, clock, account.id)).find((k) => k.id === listed.id)?.state).toBe('revoked');
  expect((await call('GET', '/v1/me', { key: secret })).status).toBe(401);
});

it('reads ISO 8601 dates and date-times with a zone, nothing else', () => {
  expect(parseIsoInstant('2027-01-31')?.toISOString()).toBe('2027-01-31T00:00:00.000Z');
  expect(parseIsoInstant('2027-01-31T18:00Z')?.toISOString()).toBe('2027-01-31T18:00:00.000Z');
  for (const text of ['yesterday', '2027-01-31T18:00:00', '31/01/2027', '2027-13-01', '2027-02-29', '']) expect(parseIsoInstant(text)).toBeNull();
});
