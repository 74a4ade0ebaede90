import { describe, expect, it } from 'vitest';
import { productBody, setup } from '../test/harness.js';
import { validationIssues } from '../test/issues.js';

describe('products routes', () => {
  it('creates, reads, updates, prices and archives a product', async () => {
    const { call, store } = await setup();
    const created = await call('POST', '/v1/products', { body: productBody({ gtin: '4006381333931', attributes: { size: 'M' } }) });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/v1/products/TSHIRT-1');
    expect(created.body.data).toMatchObject({ sku: 'TSHIRT-1', status: 'draft', kind: 'physical', tax_rate: '0.00', listings: [], price: '799.00' });

    const read = await call('GET', '/v1/products/TSHIRT-1');
    expect(read.body).toEqual(created.body);

    const patched = await call('PATCH', '/v1/products/TSHIRT-1', { body: { price: '749.00', status: 'active' } });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({ price: '749.00', status: 'active' });

    expect((await call('GET', '/v1/products/TSHIRT-1/price')).body).toEqual({
      data: { sku: 'TSHIRT-1', price: '749.00', currency: 'INR', tax_rate: '0.00' },
    });

    const deleted = await call('DELETE', '/v1/products/TSHIRT-1');
    expect(deleted.status).toBe(204);
    expect((await call('GET', '/v1/products/TSHIRT-1')).body.data.status).toBe('archived');

    const account = (await store.accounts.list())[0]!;
    const events = (await store.outbox.read({ accountId: account.id, mode: 'test' })).events;
    expect(events.map((e) => e.type)).toEqual(['product.created', 'product.updated', 'product.deleted']);
    // The spec's ProductDeletedEvent: the product's key and when it was archived, nothing else.
    const archivedAt = (await call('GET', '/v1/products/TSHIRT-1')).body.data.updated_at;
    expect(events[2]!.data).toEqual({ sku: 'TSHIRT-1', deleted_at: archivedAt });
  });

  it('answers 409 DUPLICATE_SKU, 422 INVALID_GTIN and 404 for unknown SKUs', async () => {
    const { call } = await setup();
    await call('POST', '/v1/products', { body: productBody() });
    const duplicate = await call('POST', '/v1/products', { body: productBody() });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe('DUPLICATE_SKU');
    const badGtin = await call('POST', '/v1/products', { body: productBody({ sku: 'X-2', gtin: '4006381333932' }) });
    expect(badGtin.status).toBe(422);
    expect(badGtin.body.error).toMatchObject({ code: 'INVALID_GTIN', details: [{ field: 'gtin' }] });
    const missing = await call('GET', '/v1/products/NOPE');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });

  it('rejects server-managed, unknown and tenant fields with dotted details', async () => {
    const { call } = await setup();
    const res = await call('POST', '/v1/products', { body: productBody({ created_at: '2026-01-01T00:00:00Z', colour: 'red', account_id: 'acct_x', price: 10 }) });
    expect(validationIssues(res)).toEqual({
      created_at: 'is managed by the server and cannot be set',
      colour: 'is not a known field',
      account_id: 'is not allowed: the account comes from the API key',
      price: 'must be a string',
    });
    const patchSku = await call('PATCH', '/v1/products/TSHIRT-1', { body: { sku: 'OTHER' } });
    expect(patchSku.status).toBe(400);
    expect(patchSku.body.error.details).toEqual([{ field: 'sku', issue: 'is not a known field' }]);
  });

  it('bulk-updates item by item and reports failures with their index', async () => {
    const { call } = await setup();
    await call('POST', '/v1/products', { body: productBody({ sku: 'A' }) });
    await call('POST', '/v1/products', { body: productBody({ sku: 'B' }) });
    const res = await call('POST', '/v1/products/bulk', {
      body: { items: [{ sku: 'A', price: '1.00' }, { sku: 'MISSING', price: '1.00' }, { sku: 'B', gtin: '123' }] },
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      updated: 1,
      failed: 2,
      errors: [
        { index: 1, code: 'NOT_FOUND', field: 'sku', issue: 'no product with SKU MISSING' },
        { index: 2, code: 'INVALID_GTIN', field: 'gtin', issue: 'must be 8, 12, 13 or 14 digits with a valid check digit' },
      ],
    });
    const shape = await call('POST', '/v1/products/bulk', { body: { items: [{ sku: 'A', price: '1.00' }, { sku: 'B', price: 'cheap' }] } });
    expect(shape.status).toBe(400);
    expect(shape.body.error.details).toEqual([{ index: 1, field: 'items.1.price', issue: expect.stringContaining('must match pattern') }]);
    expect((await call('GET', '/v1/products/A')).body.data.price).toBe('1.00');
  });

  it('queues batch and sync jobs with 202 and a Location', async () => {
    const { call } = await setup();
    const batch = await call('POST', '/v1/products/batch', { body: { items: [productBody({ sku: 'A' }), productBody({ sku: 'B' })] } });
    expect(batch.status).toBe(202);
    expect(batch.body.data).toMatchObject({ type: 'products.batch', status: 'queued', total: 2 });
    expect(batch.headers.get('location')).toBe(`/v1/jobs/${batch.body.data.job_id}`);
    const single = await call('POST', '/v1/products/batch', { body: productBody({ sku: 'C' }) });
    expect(single.body.data.total).toBe(1);
    const singleBad = await call('POST', '/v1/products/batch', { body: productBody({ sku: 'C', price: 1 }) });
    expect(singleBad.body.error.details).toEqual([{ field: 'price', issue: 'must be a string' }]);
    const itemBad = await call('POST', '/v1/products/batch', { body: { items: [productBody(), productBody({ title: '' })] } });
    expect(itemBad.body.error.details).toEqual([{ index: 1, field: 'items.1.title', issue: expect.any(String) }]);
    const tooMany = await call('POST', '/v1/products/batch', { body: { items: Array.from({ length: 51 }, (_, i) => productBody({ sku: `S${i}` })) } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.details[0].field).toBe('items');

    expect((await call('POST', '/v1/products/NOPE/sync', { body: {} })).status).toBe(404);
    await call('POST', '/v1/products', { body: productBody({ sku: 'A' }) });
    const sync = await call('POST', '/v1/products/A/sync', { body: { marketplaces: ['amazon'] } });
    expect(sync.status).toBe(202);
    expect(sync.body.data).toMatchObject({ type: 'products.sync', total: 1 });
  });
});
