import { describe, expect, it } from 'vitest';
import { productBody, setup } from '../test/harness.js';

type Setup = Awaited<ReturnType<typeof setup>>;
const events = async ({ store, account }: Setup) => (await store.outbox.read({ accountId: account.id, mode: 'test' })).events;

describe('categories routes', () => {
  it('creates, reads, lists and updates a tree, refusing unknown and cyclic parents', async () => {
    const app = await setup();
    const { call } = app;
    const root = await call('POST', '/v1/categories', { body: { category_code: 'apparel', name: 'Apparel' } });
    expect(root.status).toBe(201);
    expect(root.headers.get('location')).toBe('/v1/categories/apparel');
    expect(root.body.data).toMatchObject({ category_code: 'apparel', parent_code: null, status: 'active', description: null, external_ref: null });
    app.clock.advance(1000);
    expect((await call('POST', '/v1/categories', { body: { category_code: 'tees', name: 'Tees', parent_code: 'apparel' } })).status).toBe(201);
    app.clock.advance(1000);
    await call('POST', '/v1/categories', { body: { category_code: 'v-neck', name: 'V-neck', parent_code: 'tees', external_ref: 'ERP-1' } });

    const unknown = await call('POST', '/v1/categories', { body: { category_code: 'x', name: 'X', parent_code: 'nope' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([{ field: 'parent_code', issue: 'no category with code nope' }]);
    const dup = await call('POST', '/v1/categories', { body: { category_code: 'tees', name: 'Again' } });
    expect(dup.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'category_code' }] });
    const dupRef = await call('POST', '/v1/categories', { body: { category_code: 'y', name: 'Y', external_ref: 'ERP-1' } });
    expect(dupRef.body.error.details[0].field).toBe('external_ref');

    const cycle = await call('PATCH', '/v1/categories/apparel', { body: { parent_code: 'v-neck' } });
    expect(cycle.status).toBe(400);
    expect(cycle.body.error.details[0].field).toBe('parent_code');
    const self = await call('PATCH', '/v1/categories/tees', { body: { parent_code: 'tees' } });
    expect(self.status).toBe(400);
    const moved = await call('PATCH', '/v1/categories/v-neck', { body: { parent_code: 'apparel', name: 'V' } });
    expect(moved.body.data).toMatchObject({ parent_code: 'apparel', name: 'V', external_ref: 'ERP-1' });
    expect((await call('PATCH', '/v1/categories/nope', { body: { name: 'N' } })).status).toBe(404);
    expect((await call('PATCH', '/v1/categories/tees', { body: { category_code: 'other' } })).status).toBe(400);

    const children = await call('GET', '/v1/categories?parent_code=apparel&sort=category_code&order=asc');
    expect(children.body.data.map((c: { category_code: string }) => c.category_code)).toEqual(['tees', 'v-neck']);
    const first = await call('GET', '/v1/categories?limit=2&include_total=true');
    expect(first.body.data.map((c: { category_code: string }) => c.category_code)).toEqual(['v-neck', 'tees']);
    expect(first.body.meta).toMatchObject({ has_more: true, total: 3 });
    const second = await call('GET', `/v1/categories?limit=2&cursor=${first.body.meta.next_cursor}`);
    expect(second.body.data.map((c: { category_code: string }) => c.category_code)).toEqual(['apparel']);
    expect(second.body.meta.has_more).toBe(false);
    expect((await call('GET', `/v1/categories?limit=2&sort=name&cursor=${first.body.meta.next_cursor}`)).status).toBe(400);
    expect((await call('GET', '/v1/categories?search=APP')).body.data).toHaveLength(1);
    expect((await call('GET', '/v1/categories?fields=name')).body.data[0]).toEqual({ category_code: 'v-neck', name: 'V' });
    expect((await call('GET', '/v1/categories/tees')).body.data.name).toBe('Tees');
    expect((await call('GET', '/v1/categories/none')).status).toBe(404);
  });

  it('makes products name an existing category', async () => {
    const { call } = await setup();
    const missing = await call('POST', '/v1/products', { body: productBody({ category_code: 'tees' }) });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details).toEqual([{ field: 'category_code', issue: 'no category with code tees' }]);
    await call('POST', '/v1/categories', { body: { category_code: 'tees', name: 'Tees' } });
    expect((await call('POST', '/v1/products', { body: productBody({ category_code: 'tees' }) })).status).toBe(201);
  });

  it('queues batches with 202 and a Location', async () => {
    const { call } = await setup();
    const batch = await call('POST', '/v1/categories/batch', { body: { category_code: 'a', name: 'A' } });
    expect(batch.status).toBe(202);
    expect(batch.body.data).toMatchObject({ type: 'categories.batch', total: 1, status: 'queued' });
    expect(batch.headers.get('location')).toBe(`/v1/jobs/${batch.body.data.job_id}`);
    const tooMany = await call('POST', '/v1/categories/batch', { body: { items: Array.from({ length: 51 }, (_, i) => ({ category_code: `c${i}`, name: 'C' })) } });
    expect(tooMany.status).toBe(400);
  });
});

describe('dealers routes', () => {
  const dealer = { code: 'DLR-1', name: 'Sharma', phone: '+912226543210', address: { line1: '1 Road', city: 'Mumbai', postal_code: '400053', country: 'IN' } };

  it('creates, reads, lists and updates dealers; refuses non-E.164 phones with 422', async () => {
    const { call } = await setup();
    const created = await call('POST', '/v1/dealers', { body: dealer });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ code: 'DLR-1', status: 'active', email: null, address: { line2: null, state: null, city: 'Mumbai' } });
    const bad = await call('POST', '/v1/dealers', { body: { ...dealer, code: 'DLR-2', phone: '+91 22 2654 3210' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: 'INVALID_PHONE', details: [{ field: 'phone' }] });
    expect((await call('PATCH', '/v1/dealers/DLR-1', { body: { phone: '02226543210' } })).status).toBe(422);
    const dup = await call('POST', '/v1/dealers', { body: dealer });
    expect(dup.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'code' }] });
    const patched = await call('PATCH', '/v1/dealers/DLR-1', { body: { status: 'suspended', address: null, email: 'a@b.example' } });
    expect(patched.body.data).toMatchObject({ status: 'suspended', address: null, phone: '+912226543210', email: 'a@b.example' });
    await call('POST', '/v1/dealers', { body: { code: 'DLR-3', name: 'Patil' } });
    expect((await call('GET', '/v1/dealers?status=suspended')).body.data.map((d: { code: string }) => d.code)).toEqual(['DLR-1']);
    expect((await call('GET', '/v1/dealers?search=PATIL')).body.data.map((d: { code: string }) => d.code)).toEqual(['DLR-3']);
    expect((await call('GET', '/v1/dealers?sort=code&order=asc')).body.data.map((d: { code: string }) => d.code)).toEqual(['DLR-1', 'DLR-3']);
    expect((await call('GET', '/v1/dealers/DLR-3')).body.data.name).toBe('Patil');
    expect((await call('GET', '/v1/dealers/NOPE')).status).toBe(404);
    const batch = await call('POST', '/v1/dealers/batch', { body: { items: [dealer] } });
    expect(batch.status).toBe(202);
    expect(batch.body.data.type).toBe('dealers.batch');
  });
});

describe('inventory routes', () => {
  async function stocked() {
    const app = await setup();
    await app.call('POST', '/v1/products', { body: productBody({ sku: 'TEE' }) });
    await app.call('POST', '/v1/products', { body: productBody({ sku: 'EBOOK', kind: 'digital' }) });
    return app;
  }

  it('adjusts stock, creating levels with 201, never below zero', async () => {
    const app = await stocked();
    const { call } = app;
    const first = await call('POST', '/v1/inventory/adjustments', { body: { sku: 'TEE', location_code: 'WH-1', delta: 10, reason: 'received' } });
    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toBe('/v1/inventory/TEE');
    expect(first.body.data).toMatchObject({ sku: 'TEE', location_code: 'WH-1', on_hand: 10, reserved: 0, available: 10, low_stock_threshold: null });
    const second = await call('POST', '/v1/inventory/adjustments', { body: { sku: 'TEE', location_code: 'WH-1', delta: -3, reason: 'damaged' } });
    expect(second.status).toBe(200);
    expect(second.body.data.on_hand).toBe(7);
    const tooMuch = await call('POST', '/v1/inventory/adjustments', { body: { sku: 'TEE', location_code: 'WH-1', delta: -8, reason: 'sold' } });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error.code).toBe('INSUFFICIENT_STOCK');
    const newBelowZero = await call('POST', '/v1/inventory/adjustments', { body: { sku: 'TEE', location_code: 'WH-2', delta: -1, reason: 'sold' } });
    expect(newBelowZero.status).toBe(409);
    expect((await call('GET', '/v1/inventory?location_code=WH-2')).body.data).toEqual([]);
    const set = await call('POST', '/v1/inventory/adjustments', { body: { sku: 'TEE', location_code: 'WH-1', set: 4, reason: 'count' } });
    expect(set.body.data.on_hand).toBe(4);
    expect((await call('POST', '/v1/inventory/adjustments', { body: { sku: 'TEE', location_code: 'WH-1', set: 4, delta: 1, reason: 'count' } })).status).toBe(400);
    expect((await call('POST', '/v1/inventory/adjustments', { body: { sku: 'NOPE', location_code: 'WH-1', delta: 1, reason: 'received' } })).status).toBe(404);
    expect((await call('POST', '/v1/inventory/adjustments', { body: { sku: 'EBOOK', location_code: 'WH-1', delta: 1, reason: 'received' } })).status).toBe(400);
    const huge = { sku: 'TEE', location_code: 'WH-1', delta: 1_000_000_000, reason: 'received' };
    await call('POST', '/v1/inventory/adjustments', { body: huge });
    await call('POST', '/v1/inventory/adjustments', { body: huge });
    expect((await call('POST', '/v1/inventory/adjustments', { body: huge })).status).toBe(400);

    const types = (await events(app)).map((e) => e.type).filter((t) => t.startsWith('inventory'));
    expect(types).toEqual(['inventory.updated', 'inventory.updated', 'inventory.updated', 'inventory.updated', 'inventory.updated']);

    const forSku = await call('GET', '/v1/inventory/TEE');
    expect(forSku.body.data.totals).toEqual({ on_hand: 2_000_000_004, reserved: 0, available: 2_000_000_004 });
    expect((await call('GET', '/v1/inventory/NOPE')).status).toBe(404);
    expect((await call('GET', '/v1/inventory/EBOOK')).body.data).toEqual({ sku: 'EBOOK', locations: [], totals: { on_hand: 0, reserved: 0, available: 0 } });
  });

  it('stores license keys without returning them, skipping duplicates', async () => {
    const app = await stocked();
    const { call } = app;
    const added = await call('POST', '/v1/inventory/licenses', { body: { sku: 'EBOOK', keys: ['K-1', 'K-2', 'K-1'] } });
    expect(added.status).toBe(201);
    expect(added.body.data).toEqual({ sku: 'EBOOK', added: 2, duplicates: 1, available: 2, assigned: 0 });
    const again = await call('POST', '/v1/inventory/licenses', { body: { sku: 'EBOOK', keys: ['K-2', 'K-3'] } });
    expect(again.body.data).toEqual({ sku: 'EBOOK', added: 1, duplicates: 1, available: 3, assigned: 0 });
    expect((await call('GET', '/v1/inventory/licenses?sku=EBOOK')).body.data).toEqual({ sku: 'EBOOK', available: 3, assigned: 0 });
    expect((await call('GET', '/v1/inventory/EBOOK')).body.data.totals).toEqual({ on_hand: 3, reserved: 0, available: 3 });
    expect((await call('GET', '/v1/inventory/licenses?sku=TEE')).status).toBe(400);
    expect((await call('GET', '/v1/inventory/licenses?sku=NOPE')).status).toBe(404);
    expect((await call('POST', '/v1/inventory/licenses', { body: { sku: 'TEE', keys: ['A'] } })).status).toBe(400);
    expect(JSON.stringify(await events(app))).not.toContain('K-1');
  });

  it('queues stock feeds and refuses repeated pairs', async () => {
    const { call } = await stocked();
    const ok = await call('POST', '/v1/inventory/batch', { body: { items: [{ sku: 'TEE', location_code: 'A', on_hand: 1 }, { sku: 'TEE', location_code: 'B', on_hand: 2 }] } });
    expect(ok.status).toBe(202);
    expect(ok.body.data).toMatchObject({ type: 'inventory.batch', total: 2 });
    const repeated = await call('POST', '/v1/inventory/batch', { body: { items: [{ sku: 'TEE', location_code: 'A', on_hand: 1 }, { sku: 'TEE', location_code: 'A', on_hand: 2 }] } });
    expect(repeated.status).toBe(400);
    expect(repeated.body.error.details).toEqual([{ index: 1, field: 'items.1.location_code', issue: 'repeats the sku × location_code pair of item 0' }]);
  });

  it('lists levels with low_stock and keyset pages', async () => {
    const { call } = await stocked();
    for (const [location, delta] of [['A', 5], ['B', 1], ['C', 3]] as const) {
      await call('POST', '/v1/inventory/adjustments', { body: { sku: 'TEE', location_code: location, delta, reason: 'received' } });
    }
    const page = await call('GET', '/v1/inventory?sort=available&order=asc&limit=2');
    expect(page.body.data.map((l: { location_code: string }) => l.location_code)).toEqual(['B', 'C']);
    const next = await call('GET', `/v1/inventory?sort=available&order=asc&limit=2&cursor=${page.body.meta.next_cursor}`);
    expect(next.body.data.map((l: { location_code: string }) => l.location_code)).toEqual(['A']);
    expect((await call('GET', '/v1/inventory?low_stock=true')).body.data).toEqual([]);
    expect((await call('GET', '/v1/inventory?low_stock=false&include_total=true')).body.meta.total).toBe(3);
  });
});
