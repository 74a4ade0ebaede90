import { describe, expect, it } from 'vitest';
import { productBody, setup } from './test/harness.js';

describe('app', () => {
  it('answers unknown routes with 404 NOT_FOUND in the error envelope', async () => {
    const { call } = await setup();
    const res = await call('GET', '/v1/nope');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ request_id: expect.stringMatching(/^req_/), error: { code: 'NOT_FOUND', message: expect.any(String), details: [] } });
    expect(res.headers.get('x-request-id')).toBe(res.body.request_id);
  });

  it('answers wrong methods with 405 METHOD_NOT_ALLOWED and Allow', async () => {
    const { call } = await setup();
    const res = await call('PUT', '/v1/products/ABC', { body: {} });
    expect(res.status).toBe(405);
    expect(res.body.error.code).toBe('METHOD_NOT_ALLOWED');
    expect(res.headers.get('allow')).toBe('GET, HEAD, DELETE, PATCH');
  });

  it('echoes X-Request-Id, and generates one when absent or malformed', async () => {
    const { call } = await setup();
    expect((await call('GET', '/v1/products', { headers: { 'x-request-id': 'abc-123' } })).headers.get('x-request-id')).toBe('abc-123');
    expect((await call('GET', '/v1/products')).headers.get('x-request-id')).toMatch(/^req_[A-Za-z0-9]{16}$/);
    // Replaced, never a reason to refuse the request (decision 040).
    for (const malformed of ['has spaces', 'x'.repeat(129), 'ünïcode', '']) {
      const bad = await call('GET', '/v1/products', { headers: { 'x-request-id': malformed } });
      expect(bad.headers.get('x-request-id')).toMatch(/^req_[A-Za-z0-9]{16}$/);
      expect(bad.status).toBe(200);
    }
  });

  it('serves health without a key', async () => {
    const { call } = await setup();
    const res = await call('GET', '/v1/health', { key: null });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', version: expect.any(String), timestamp: '2026-01-01T00:00:00.000Z' });
  });

  it('reports degraded while a job or an event waits too long, and 503 when the store does not answer', async () => {
    const jobs = await setup();
    await jobs.call('POST', '/v1/categories/batch', { body: { items: [{ category_code: 'a', name: 'A' }] } });
    expect((await jobs.call('GET', '/v1/health', { key: null })).body.status).toBe('ok');
    jobs.clock.advance(5 * 60 * 1000 + 1); // no worker has taken the job
    expect((await jobs.call('GET', '/v1/health', { key: null })).body.status).toBe('degraded');

    const events = await setup();
    await events.call('POST', '/v1/products', { body: productBody() });
    expect((await events.call('GET', '/v1/health', { key: null })).body.status).toBe('ok');
    events.clock.advance(5 * 60 * 1000 + 1); // no dispatcher has published product.created
    expect((await events.call('GET', '/v1/health', { key: null })).body.status).toBe('degraded');

    const quiet = await setup({ healthTimeoutMs: 50 });
    quiet.store.jobs.oldestQueuedAt = () => new Promise(() => {}); // a database that never answers
    const down = await quiet.call('GET', '/v1/health', { key: null });
    expect([down.status, down.body.error.code, down.headers.get('retry-after')]).toEqual([503, 'UNAVAILABLE', '5']);
  });

  it('describes the calling key on /v1/me', async () => {
    const { call, account, key } = await setup();
    const res = await call('GET', '/v1/me');
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ account_id: account.id, key_prefix: key.slice(0, 17), mode: 'test', plan: 'starter', batch_limit: 50, rate_limits: { per_minute: 60, per_hour: 1000 } });
    expect(JSON.stringify(res.body)).not.toContain(key);
  });

  it('validates query parameters from the spec', async () => {
    const { call } = await setup();
    const res = await call('GET', '/v1/products?limit=500&sort=price&colour=red');
    expect(res.status).toBe(400);
    // `colour` is not a parameter of this operation: ignored, not an error (decision 040).
    expect(res.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['limit', 'sort']);
    expect((await call('GET', '/v1/products?fields=sku,nope')).body.error.details).toEqual([{ field: 'fields', issue: 'nope is not a product field' }]);
  });

  it('pages through products with cursors across several pages', async () => {
    const { call, clock } = await setup();
    const skus: string[] = [];
    for (let i = 0; i < 7; i++) {
      const sku = `P-${i}`;
      skus.push(sku);
      await call('POST', '/v1/products', { body: productBody({ sku, title: `Title ${i % 2}` }) });
      clock.advance(1000);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `/v1/products?limit=3&sort=title&order=asc${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await call('GET', query);
      expect(res.status).toBe(200);
      expect(res.body.meta.limit).toBe(3);
      seen.push(...res.body.data.map((p: { sku: string }) => p.sku));
      cursor = res.body.meta.next_cursor;
      expect(res.body.meta.has_more).toBe(cursor !== null);
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(['P-0', 'P-2', 'P-4', 'P-6', 'P-1', 'P-3', 'P-5']);

    // The spec's ProductList requires every field, so a `fields` projection cannot match it yet.
    const newestFirst = await call('GET', '/v1/products?limit=2&include_total=true&fields=title');
    expect(newestFirst.body.data).toEqual([{ sku: 'P-6', title: 'Title 0' }, { sku: 'P-5', title: 'Title 1' }]);
    expect(newestFirst.body.meta.total).toBe(7);
    const next = newestFirst.body.meta.next_cursor;
    expect((await call('GET', `/v1/products?limit=2&cursor=${next}`)).body.data.map((p: { sku: string }) => p.sku)).toEqual(['P-4', 'P-3']);

    const reused = await call('GET', `/v1/products?limit=2&order=asc&cursor=${next}`);
    expect(reused.status).toBe(400);
    expect(reused.body.error.details).toEqual([{ field: 'cursor', issue: 'is not a cursor this API issued for this list, sort, order and filters' }]);
    expect((await call('GET', '/v1/products?cursor=garbage')).status).toBe(400);
  });

  it('filters lists', async () => {
    const { call } = await setup();
    await call('POST', '/v1/products', { body: productBody({ sku: 'A', status: 'active' }) });
    await call('POST', '/v1/products', { body: productBody({ sku: 'B', title: 'Mug', kind: 'digital' }) });
    const skus = async (q: string) => (await call('GET', `/v1/products?${q}`)).body.data.map((p: { sku: string }) => p.sku);
    expect(await skus('status=active')).toEqual(['A']);
    expect(await skus('kind=digital')).toEqual(['B']);
    expect(await skus('search=mug')).toEqual(['B']);
    expect(await skus('updated_since=2030-01-01T00:00:00Z')).toEqual([]);
  });
});
