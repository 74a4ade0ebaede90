import { describe, expect, it } from 'vitest';
import { createMockApi } from './create-mock-api.js';

const mock = createMockApi({ seedSize: { products: 2, customers: 0, orders: 0 } });
const get = (path: string, key: string) => mock.fetch(new Request(`${mock.baseUrl}/v1${path}`, { headers: { authorization: `Bearer ${key}` } }));

describe('mock.issueKey', () => {
  it('issues keys with the scopes, plan and mode asked for, on the sandbox account', async () => {
    const reader = await mock.issueKey({ scopes: ['products:read'], plan: 'starter' });
    expect(reader).toMatchObject({ mode: 'test', scopes: ['products:read'], plan: 'starter', name: 'issued' });
    expect(reader.apiKey.startsWith(reader.prefix)).toBe(true);
    expect((await get('/products', reader.apiKey)).status).toBe(200);
    const denied = await get('/customers', reader.apiKey);
    expect([denied.status, (await denied.json()).error.code]).toEqual([403, 'SCOPE_DENIED']);
    const me = await (await get('/me', reader.apiKey)).json();
    expect(me.data).toMatchObject({ mode: 'test', plan: 'starter' });

    const live = await mock.issueKey({ mode: 'live' });
    expect(live.apiKey).toMatch(/^nxc_live_/);
    expect((await (await get('/products', live.apiKey)).json()).data).toEqual([]);
    expect((await (await get('/products', mock.apiKey)).json()).data).toHaveLength(2);
  });

  it('refuses a scope the API does not have, and forgets issued keys on reset', async () => {
    await expect(mock.issueKey({ scopes: ['products:read', 'unicorns:ride'] })).rejects.toThrow(/Unknown scopes: unicorns:ride/);
    // The server's own rules for keys apply too: a key without scopes could answer nothing.
    await expect(mock.issueKey({ scopes: [] })).rejects.toThrow(/scopes must name at least one scope/);
    const key = await mock.issueKey();
    await mock.reset();
    expect((await get('/products', key.apiKey)).status).toBe(401);
  });
});
