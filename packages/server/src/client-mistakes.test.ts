import { describe, expect, it } from 'vitest';
import { productBody, setup } from './test/harness.js';

// Tampered cursors: valid base64url JSON with the right binding but a bad position.
function forgedCursor(binding: string, value: string) {
  return btoa(JSON.stringify({ b: binding, v: value, k: 'x' })).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

describe('client mistakes never produce a 5xx', () => {
  it.each([
    ['GET', '/v1/products/%FF%FE'],
    ['GET', '/v1/products/' + 'A'.repeat(65)],
    ['GET', '/v1/products?limit=abc'],
    ['GET', '/v1/products?limit=0'],
    ['GET', '/v1/products?updated_since=yesterday'],
    ['GET', '/v1/products?include_total=maybe'],
    ['GET', '/v1/products?fields='],
    ['GET', '/v1/products?status=draft&status=active'],
    ['GET', '/v1/products?cursor=' + 'A'.repeat(2000)],
    ['GET', '/v1/products?cursor=' + forgedCursor('x', 'not-a-date')],
    ['DELETE', '/v1/products'],
    ['OPTIONS', '/v1/products'],
    ['HEAD', '/v1/nope'],
  ])('%s %s', async (method, path) => {
    const { call } = await setup();
    const res = await call(method, path);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it.each([
    ['null', 'null'],
    ['an array', '[]'],
    ['a string', '"product"'],
    ['deep nesting', '['.repeat(100_000) + ']'.repeat(100_000)],
    ['a huge number', JSON.stringify(productBody({ weight_kg: 1e308 }))],
    ['a NUL in a string', JSON.stringify(productBody({ title: 'a\u0000b' }))],
  ])('POST /v1/products with %s', async (_, raw) => {
    const { call } = await setup();
    const res = await call('POST', '/v1/products', { raw, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBeLessThan(500);
  });

  it('rejects an over-long Idempotency-Key and X-Tenant-ID with 4xx', async () => {
    const { call } = await setup();
    expect((await call('POST', '/v1/products', { body: productBody(), idempotencyKey: 'k'.repeat(300) })).status).toBe(400);
    expect((await call('GET', '/v1/products', { headers: { 'x-tenant-id': 't'.repeat(500) } })).status).toBe(403);
  });
});

describe('malformed path keys', () => {
  it('answer 404 NOT_FOUND naming the parameter', async () => {
    const { call } = await setup();
    const res = await call('GET', `/v1/products/${'A'.repeat(65)}`);
    expect(res.status).toBe(404);
    expect(res.body.error.details).toEqual([{ field: 'sku', issue: expect.stringContaining('pattern') }]);
  });
});
