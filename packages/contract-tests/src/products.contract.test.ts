import { ConflictError, NotFoundError, ValidationError } from '@nexuscommerce/sdk';
import { describe, expect, it } from 'vitest';
import { contractSuite, covers } from './step.js';

const suite = contractSuite();
const product = (sku: string, extra: Record<string, unknown> = {}) => ({ sku, title: `Product ${sku}`, price: '799.00', currency: 'INR', tax_rate: '18.00', ...extra });

describe('products', () => {
  covers('createProduct', 'getProduct', 'updateProduct', 'deleteProduct', 'getProductPrice', 'listProducts', 'bulkUpdateProducts');

  it('creates, reads, prices, updates and archives a product', async () => {
    const s = await suite.trial();
    const created = await s.step('create', (c) => c.products.create(product('TEE-1', { gtin: '4006381333931', attributes: { size: 'M' } })));
    expect(created).toMatchObject({ sku: 'TEE-1', status: 'draft', price: '799.00' });
    expect((await s.step('get', (c) => c.products.get('TEE-1'))).sku).toBe('TEE-1');
    expect(await s.step('price', (c) => c.products.getPrice('TEE-1'))).toMatchObject({ sku: 'TEE-1', price: '799.00', currency: 'INR', tax_rate: '18.00' });
    expect((await s.step('update', (c) => c.products.update('TEE-1', { price: '749.00', status: 'active' }))).price).toBe('749.00');
    await s.step('delete', (c) => c.products.delete('TEE-1'));
    expect((await s.step('get archived', (c) => c.products.get('TEE-1'))).status).toBe('archived');
  });

  it('answers the documented errors: 404, 409 DUPLICATE_SKU, 422 INVALID_GTIN, 400 with dotted fields', async () => {
    const s = await suite.trial();
    expect(await s.stepError('get unknown', (c) => c.products.get('NOPE'))).toBeInstanceOf(NotFoundError);
    expect((await s.stepError('patch unknown', (c) => c.products.update('NOPE', { title: 'x' }))).code).toBe('NOT_FOUND');
    expect((await s.stepError('delete unknown', (c) => c.products.delete('NOPE'))).code).toBe('NOT_FOUND');
    expect((await s.stepError('price unknown', (c) => c.products.getPrice('NOPE'))).code).toBe('NOT_FOUND');
    await s.step('create', (c) => c.products.create(product('TEE-1')));
    const dup = await s.stepError('duplicate sku', (c) => c.products.create(product('TEE-1')));
    expect(dup).toBeInstanceOf(ConflictError);
    expect(dup.code).toBe('DUPLICATE_SKU');
    const gtin = await s.stepError('bad gtin', (c) => c.products.create(product('TEE-2', { gtin: '4006381333932' })));
    expect([gtin.status, gtin.code]).toEqual([422, 'INVALID_GTIN']);
    const invalid = await s.stepError('invalid body', (c) => c.products.create({ ...product('TEE-3'), price: 12, images: ['not a url', 5] } as never));
    expect(invalid).toBeInstanceOf(ValidationError);
    expect(invalid.code).toBe('VALIDATION_FAILED');
    expect(invalid.details.map((d) => d.field)).toEqual(expect.arrayContaining(['price', 'images.1']));
    const managed = await s.stepError('server-managed field', (c) => c.products.update('TEE-1', { sku: 'OTHER', created_at: '2020-01-01T00:00:00Z' } as never));
    expect(managed.code).toBe('VALIDATION_FAILED');
    const tenant = await s.stepError('account_id in body', (c) => c.products.create({ ...product('TEE-4'), account_id: 'acct_x' } as never));
    expect(tenant.code).toBe('VALIDATION_FAILED');
  });

  it('pages through the catalog to the end (4 pages) and rejects a cursor reused with other filters', async () => {
    const s = await suite.trial();
    for (let i = 0; i < 7; i++) await s.step(`create P-${i}`, (c) => c.products.create(product(`P-${i}`, i % 2 ? { status: 'active' } : {})));
    const pages = await s.step('all pages', async (c) => {
      const skus: string[][] = [];
      for await (const page of (await c.products.list({ limit: 2, sort: 'sku', order: 'asc' })).pages()) skus.push(page.data.map((p) => p.sku));
      return skus;
    });
    expect(pages).toEqual([['P-0', 'P-1'], ['P-2', 'P-3'], ['P-4', 'P-5'], ['P-6']]);
    const active = await s.step('filter + total', (c) => c.products.list({ status: 'active', include_total: true }));
    expect(active.meta).toMatchObject({ total: 3, has_more: false });
    const first = await s.step('first page', (c) => c.products.list({ limit: 2 }));
    const cursor = first.meta.next_cursor!;
    await s.stepError('cursor with other sort', (c, run) => c.products.list({ limit: 2, sort: 'title', cursor: run.vars.cursor ?? cursor }), {});
    expect((await s.stepError('bad cursor', (c) => c.products.list({ cursor: 'not-a-cursor' }))).code).toBe('VALIDATION_FAILED');
    expect((await s.stepError('limit out of range', (c) => c.products.list({ limit: 500 }))).details[0]?.field).toBe('limit');
  });

  it('bulk-updates synchronously with per-item errors', async () => {
    const s = await suite.trial();
    await s.step('create', (c) => c.products.create(product('B-1')));
    const result = await s.step('bulk', (c) => c.products.bulkUpdate({ items: [{ sku: 'B-1', price: '10.00' }, { sku: 'MISSING', price: '1.00' }] } as never));
    expect(result).toMatchObject({ updated: 1, failed: 1 });
    expect((await s.step('get', (c) => c.products.get('B-1'))).price).toBe('10.00');
  });
});

describe('request bodies', () => {
  it('answers 415 for a body that is not JSON and 413 for one over 1 MiB, in the envelope, writing nothing', async () => {
    const s = await suite.trial();
    // The SDK always sends JSON; its `raw` openapi-fetch client can send anything.
    const post = (c: Parameters<Parameters<typeof s.step>[1]>[0], body: string, contentType: string) =>
      c.raw
        .POST('/v1/products', {
          body: {} as never,
          bodySerializer: () => body,
          headers: { 'content-type': contentType, 'idempotency-key': `raw-${contentType}-${body.length}` },
        })
        .then(({ response, error }) => ({ status: response.status, code: (error as { error?: { code?: string } } | undefined)?.error?.code }));
    const form = await s.step('form-encoded', (c) => post(c, 'sku=RAW-1&title=Raw', 'application/x-www-form-urlencoded'));
    expect(form).toEqual({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    const big = JSON.stringify(product('RAW-2', { description: 'x'.repeat(1024 * 1024) }));
    expect(await s.step('over 1 MiB', (c) => post(c, big, 'application/json'))).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    for (const sku of ['RAW-1', 'RAW-2']) {
      expect((await s.stepError(`no ${sku}`, (c) => c.products.get(sku))).code).toBe('NOT_FOUND');
    }
  });
});
