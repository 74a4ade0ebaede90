import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../store/memory/memory-store.js';
import type { Store } from '../store/port.js';
import { productBody, setup } from '../test/harness.js';

describe('idempotency', () => {
  it('requires Idempotency-Key on POST and PATCH', async () => {
    const { call } = await setup();
    const res = await call('POST', '/v1/products', { body: productBody(), idempotencyKey: null });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REQUIRED', details: [{ field: 'Idempotency-Key', issue: 'is required' }] });
    const patch = await call('PATCH', '/v1/products/X', { body: { title: 'x' }, idempotencyKey: null });
    expect(patch.body.error.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
  });

  it('replays the first answer for the same request, whatever the key order', async () => {
    const { call } = await setup();
    const first = await call('POST', '/v1/products', { body: { sku: 'A', title: 'A', price: '1.00', currency: 'INR' }, idempotencyKey: 'k1' });
    const again = await call('POST', '/v1/products', { body: { currency: 'INR', price: '1.00', title: 'A', sku: 'A' }, idempotencyKey: 'k1' });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('location')).toBe('/v1/products/A');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
  });

  it('answers 409 IDEMPOTENCY_CONFLICT for the same key with another request', async () => {
    const { call } = await setup();
    await call('POST', '/v1/products', { body: productBody(), idempotencyKey: 'k1' });
    const res = await call('POST', '/v1/products', { body: productBody({ title: 'Other' }), idempotencyKey: 'k1' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('IDEMPOTENCY_CONFLICT');
    const otherPath = await call('POST', '/v1/products/bulk', { body: productBody(), idempotencyKey: 'k1' });
    expect(otherPath.status).toBe(400); // shape errors come first and are not recorded
  });

  it('records business errors but not validation failures', async () => {
    const { call } = await setup();
    const invalid = await call('POST', '/v1/products', { body: productBody({ price: 'x' }), idempotencyKey: 'k1' });
    expect(invalid.status).toBe(400);
    const fixed = await call('POST', '/v1/products', { body: productBody(), idempotencyKey: 'k1' });
    expect(fixed.status).toBe(201);
    const gtin = await call('POST', '/v1/products', { body: productBody({ sku: 'B', gtin: '1' }), idempotencyKey: 'k2' });
    expect(gtin.status).toBe(422);
    const replay = await call('POST', '/v1/products', { body: productBody({ sku: 'B', gtin: '1' }), idempotencyKey: 'k2' });
    expect(replay.status).toBe(422);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
  });

  it('keys are per account mode: the same key on the live partition is a new request', async () => {
    const { call, newKey } = await setup();
    await call('POST', '/v1/products', { body: productBody(), idempotencyKey: 'k1' });
    const live = await newKey({ mode: 'live' });
    const res = await call('POST', '/v1/products', { key: live, body: productBody({ title: 'Different' }), idempotencyKey: 'k1' });
    expect(res.status).toBe(201);
  });

  it('expires records after 24 hours', async () => {
    const { call, clock } = await setup();
    await call('POST', '/v1/products', { body: productBody(), idempotencyKey: 'k1' });
    clock.advance(24 * 60 * 60 * 1000);
    const res = await call('POST', '/v1/products', { body: productBody({ title: 'New' }), idempotencyKey: 'k1' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('DUPLICATE_SKU');
  });

  it('50 concurrent requests with one key create exactly one product', async () => {
    // Transactions yield to the event loop first, so the other 49 requests reach their claim
    // while the first one is still running (otherwise the memory store would serialize them).
    const memory = createMemoryStore();
    const store: Store = {
      ...memory,
      transaction: async (fn) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return memory.transaction(fn);
      },
    };
    const { call, account } = await setup({}, store);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => call('POST', '/v1/products', { body: productBody(), idempotencyKey: 'same' })),
    );
    for (const res of results) {
      if (res.status === 409) {
        expect(res.body.error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
        expect(res.headers.get('retry-after')).toBe('1');
      } else {
        expect(res.status).toBe(201);
      }
    }
    expect(results.filter((r) => r.status === 201 && !r.headers.get('idempotent-replayed'))).toHaveLength(1);
    const page = await store.products.list({ accountId: account.id, mode: 'test' }, { filters: {}, sort: 'sku', order: 'asc', limit: 10 });
    expect(page.items).toHaveLength(1);
    const events = (await store.outbox.read({ accountId: account.id, mode: 'test' })).events;
    expect(events).toHaveLength(1);
  });
});

describe('a keyed write is one transaction (on a store whose transactions run concurrently)', () => {
  /**
   * The memory store, counting transactions, with an outbox that fails while `failing` is set. It
   * is taken for a store of concurrent transactions (PostgreSQL's case), so the middleware runs
   * the whole request in one; the contract suite covers the claim-first path on memory and PGlite.
   */
  function observed() {
    const memory = createMemoryStore();
    const state = { transactions: 0, failing: false };
    const store: Store = {
      ...memory,
      serialTransactions: false,
      transaction: (fn) => {
        state.transactions++;
        return memory.transaction((tx) => fn({
          ...tx,
          outbox: { ...tx.outbox, append: (p, events) => (state.failing ? Promise.reject(new Error('disk full')) : tx.outbox.append(p, events)) },
        }));
      },
    };
    return { store, state };
  }

  it('claims the key, creates the product, writes its event and stores the answer together', async () => {
    const { store, state } = observed();
    const { call, account } = await setup({}, store);
    state.transactions = 0;
    const first = await call('POST', '/v1/products', { body: productBody(), idempotencyKey: 'one' });
    expect(first.status).toBe(201);
    expect(state.transactions).toBe(1);
    const p = { accountId: account.id, mode: 'test' as const };
    expect((await store.outbox.read(p)).events.map((e) => e.type)).toEqual(['product.created']);
    const again = await call('POST', '/v1/products', { body: productBody(), idempotencyKey: 'one' });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
  });

  it('rolls the change back with a 5xx and keeps no answer, so the same key can be retried', async () => {
    const { store, state } = observed();
    const { call, account } = await setup({}, store);
    state.failing = true;
    const failed = await call('POST', '/v1/products', { body: productBody(), idempotencyKey: 'retry-me' });
    expect(failed.status).toBe(500);
    expect(failed.body.error.code).toBe('INTERNAL');
    const p = { accountId: account.id, mode: 'test' as const };
    expect(await store.products.get(p, 'TSHIRT-1')).toBeNull();
    state.failing = false;
    const retried = await call('POST', '/v1/products', { body: productBody(), idempotencyKey: 'retry-me' });
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    expect((await store.outbox.read(p)).events).toHaveLength(1);
  });

  it('stores a refusal the handler throws (DUPLICATE_SKU) and replays it', async () => {
    const { store } = observed();
    const { call, account } = await setup({}, store);
    await call('POST', '/v1/products', { body: productBody({ sku: 'TAKEN' }) });
    const refused = await call('POST', '/v1/products', { body: productBody({ sku: 'TAKEN', title: 'Again' }), idempotencyKey: 'dup' });
    expect(refused.status).toBe(409);
    const replay = await call('POST', '/v1/products', { body: productBody({ sku: 'TAKEN', title: 'Again' }), idempotencyKey: 'dup' });
    expect(replay.status).toBe(409);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.error.code).toBe('DUPLICATE_SKU');
    const p = { accountId: account.id, mode: 'test' as const };
    expect((await store.outbox.read(p)).events).toHaveLength(1);
  });
});

describe('idempotency on DELETE', () => {
  it('is optional, and replays the 204 when a key is sent', async () => {
    const { call } = await setup();
    await call('POST', '/v1/products', { body: productBody() });
    expect((await call('DELETE', '/v1/products/TSHIRT-1')).status).toBe(204);
    const first = await call('DELETE', '/v1/products/TSHIRT-1', { headers: { 'idempotency-key': 'd1' } });
    const again = await call('DELETE', '/v1/products/TSHIRT-1', { headers: { 'idempotency-key': 'd1' } });
    expect([first.status, again.status]).toEqual([204, 204]);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });
});
