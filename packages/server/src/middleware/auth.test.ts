import { describe, expect, it } from 'vitest';
import { issueApiKey } from '../domain/accounts.js';
import { productBody, setup } from '../test/harness.js';

describe('auth', () => {
  it('accepts Bearer and x-api-key', async () => {
    const { call, key } = await setup();
    expect((await call('GET', '/v1/products')).status).toBe(200);
    expect((await call('GET', '/v1/products', { key: null, headers: { 'x-api-key': key } })).status).toBe(200);
  });

  it.each([
    ['no key', null],
    ['a malformed key', 'secret'],
    ['an unknown key of the right shape', 'nxc_test_0123456789abcdefghijABCDEFGHIJKL'],
  ])('answers 401 UNAUTHORIZED for %s, with a request id', async (_, key) => {
    const { call } = await setup();
    const res = await call('GET', '/v1/products', { key, headers: { 'x-request-id': 'req_abc' } });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ request_id: 'req_abc', error: { code: 'UNAUTHORIZED', message: expect.any(String), details: [] } });
    expect(res.headers.get('x-request-id')).toBe('req_abc');
  });

  it('refuses a right prefix with a wrong secret, expired keys and revoked keys', async () => {
    const { call, key, newKey, store, clock } = await setup();
    const forged = key.slice(0, 17) + 'X'.repeat(key.length - 17);
    expect((await call('GET', '/v1/products', { key: forged })).status).toBe(401);
    const expiring = await newKey({ expiresAt: new Date(clock.now().getTime() + 1000).toISOString() });
    expect((await call('GET', '/v1/products', { key: expiring })).status).toBe(200);
    clock.advance(1000);
    const expired = await call('GET', '/v1/products', { key: expiring });
    expect(expired.status).toBe(401);
    expect(expired.body.error.message).toMatch(/expired/);
    await store.accounts.revokeKey(key.slice(0, 17), clock.now().toISOString());
    expect((await call('GET', '/v1/products')).status).toBe(401);
  });

  it('denies a missing scope with 403 SCOPE_DENIED naming it', async () => {
    const { call, newKey } = await setup();
    const readOnly = await newKey({ scopes: ['products:read'] });
    expect((await call('GET', '/v1/products', { key: readOnly })).status).toBe(200);
    const res = await call('POST', '/v1/products', { key: readOnly, body: productBody() });
    expect(res.status).toBe(403);
    expect(res.body.error).toEqual({ code: 'SCOPE_DENIED', message: expect.any(String), details: [{ field: 'scope', issue: 'missing scope products:write' }] });
    expect(res.headers.get('x-ratelimit-limit')).toBe('60');
  });

  it('checks X-Tenant-ID against the key account', async () => {
    const { call, account } = await setup();
    expect((await call('GET', '/v1/products', { headers: { 'x-tenant-id': account.id } })).status).toBe(200);
    const res = await call('GET', '/v1/products', { headers: { 'x-tenant-id': 'acct_other' } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('TENANT_MISMATCH');
  });

  it('enforces the IP allow-list with the injected client IP getter', async () => {
    let ip = '10.1.2.3';
    const { call, newKey } = await setup({ clientIp: () => ip });
    const restricted = await newKey({ ipAllowlist: ['10.0.0.0/8'] });
    expect((await call('GET', '/v1/products', { key: restricted })).status).toBe(200);
    ip = '192.168.0.1';
    const res = await call('GET', '/v1/products', { key: restricted });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('IP_NOT_ALLOWED');
  });

  it('keeps accounts and live/test data apart', async () => {
    const { call, store, clock, account } = await setup();
    await call('POST', '/v1/products', { body: productBody({ sku: 'TEST-ONLY' }) });
    const live = (await issueApiKey(store, clock, { accountId: account.id, mode: 'live' })).secret;
    expect(live.startsWith('nxc_live_')).toBe(true);
    expect((await call('GET', '/v1/products/TEST-ONLY', { key: live })).status).toBe(404);
    expect((await call('GET', '/v1/products', { key: live })).body.data).toEqual([]);
    const other = await store.accounts.list().then(() => issueApiKey(store, clock, { accountId: 'acct_other', mode: 'test' }));
    expect((await call('GET', '/v1/products/TEST-ONLY', { key: other.secret })).status).toBe(404);
    // The same SKU may exist in each partition.
    expect((await call('POST', '/v1/products', { key: live, body: productBody({ sku: 'TEST-ONLY' }) })).status).toBe(201);
  });
});
