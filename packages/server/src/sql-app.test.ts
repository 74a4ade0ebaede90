import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SqlClient } from './store/sql/client.js';
import { loadMigrations } from './node/migration-files.js';
import { truncateAll } from './store/sql/reset.js';
import { createSqlStore } from './store/sql/sql-store.js';
import { cursorSigner, encodeCursor } from './domain/cursor.js';
import type { Store } from './store/port.js';
import { productBody, setup } from './test/harness.js';
import { sqlDatabases } from './test/sql-databases.js';

const targets = sqlDatabases('the app on PostgreSQL', 'nexus_app');

// The route tests run on the memory store; these repeat the ones where the database matters
// (transactions, real concurrency, keyset SQL) through the whole app.
describe.each(targets)('the app on the SQL store (%s)', (_, open) => {
  let client: SqlClient;
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ client, cleanup } = await open());
    store = await createSqlStore(client, { migrations: loadMigrations() });
  });
  afterAll(async () => {
    await store?.close();
    await cleanup?.();
  });
  beforeEach(() => truncateAll(client));

  it('creates exactly one product from 50 concurrent requests with one key', async () => {
    const { call } = await setup({}, store);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => call('POST', '/v1/products', { body: productBody(), idempotencyKey: 'same' })),
    );
    expect(results.every((r) => r.status === 201 || r.body.error.code === 'IDEMPOTENCY_IN_PROGRESS')).toBe(true);
    expect(results.filter((r) => r.status === 201 && !r.headers.get('idempotent-replayed'))).toHaveLength(1);
    expect((await call('GET', '/v1/products?include_total=true')).body.meta.total).toBe(1);
  });

  it('pages with cursors and keeps partitions apart', async () => {
    const { call, clock, newKey } = await setup({}, store);
    for (let i = 0; i < 5; i++) {
      await call('POST', '/v1/products', { body: productBody({ sku: `P-${i}` }) });
      clock.advance(1000);
    }
    const first = await call('GET', '/v1/products?limit=2');
    const second = await call('GET', `/v1/products?limit=2&cursor=${first.body.meta.next_cursor}`);
    const third = await call('GET', `/v1/products?limit=2&cursor=${second.body.meta.next_cursor}`);
    const skus = [first, second, third].flatMap((r) => r.body.data.map((p: { sku: string }) => p.sku));
    expect(skus).toEqual(['P-4', 'P-3', 'P-2', 'P-1', 'P-0']);
    expect(third.body.meta).toEqual({ limit: 2, next_cursor: null, has_more: false });
    const live = await newKey({ mode: 'live' });
    expect((await call('GET', '/v1/products', { key: live })).body.data).toEqual([]);
  });

  it('answers 400, not 500, for strings PostgreSQL cannot store', async () => {
    const { call } = await setup({}, store);
    const res = await call('POST', '/v1/products', { body: productBody({ title: 'a\u0000b', attributes: { 'k\u0000': 'v' } }) });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { field: 'title', issue: 'must not contain U+0000' },
      { field: 'attributes.k\u0000', issue: 'must not contain U+0000' },
    ]);
  });

  it.each(['0000-01-01T00:00:00Z', '9999-12-31T23:59:59-14:00', '2026-02-30T00:00:00Z', '2026-01-01T00:00:00+14:00'])(
    'answers updated_since=%s without a 5xx',
    async (since) => {
      const { call } = await setup({}, store);
      const res = await call('GET', `/v1/products?updated_since=${encodeURIComponent(since)}&search=${encodeURIComponent('50%_\\')}`);
      expect(res.status).toBeLessThan(500);
    },
  );

  it('answers cursors with positions PostgreSQL would choke on with 400, even validly signed ones', async () => {
    // Only a holder of the secret could sign these; decoding stays strict all the same.
    const secret = 'a cursor secret of this test, 32+ characters long';
    const { call, account } = await setup({ cursorSecret: secret }, store);
    await call('POST', '/v1/products', { body: productBody({ sku: 'A' }) });
    await call('POST', '/v1/products', { body: productBody({ sku: 'B' }) });
    const signer = cursorSigner(new TextEncoder().encode(secret));
    const forge = (sort: string, value: string, sku = 'A') => encodeCursor(signer, { value, keys: [sku] }, {
      list: 'products', account: account.id, mode: 'test', parent: {}, sort, order: 'desc', filters: {},
    });
    // The binding signed here is the one the app signs: the test's forgeries would pass if well formed.
    const first = (await call('GET', '/v1/products?limit=1')).body;
    expect(first.meta.next_cursor).toBe(await forge('created_at', first.data[0].created_at, first.data[0].sku));
    for (const [sort, value] of [['created_at', '0000-01-01T00:00:00Z'], ['created_at', '2024-02-30T00:00:00.000Z'], ['title', 'a\u0000']]) {
      const res = await call('GET', `/v1/products?limit=1&sort=${sort}&cursor=${await forge(sort!, value!)}`);
      expect(res.status, value).toBe(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(['cursor']);
    }
    expect((await call('GET', '/v1/products?search=a%00b')).status).toBe(400);
  });

  it('refuses a duplicate external_ref and writes nothing', async () => {
    const { call } = await setup({}, store);
    await call('POST', '/v1/products', { body: productBody({ sku: 'A', external_ref: 'ERP-1' }) });
    const clash = await call('POST', '/v1/products', { body: productBody({ sku: 'B', external_ref: 'ERP-1' }) });
    expect(clash.status).toBe(400);
    expect(clash.body.error.details).toEqual([{ field: 'external_ref', issue: 'is already used by product A' }]);
    expect((await call('GET', '/v1/products/B')).status).toBe(404);
  });
});
