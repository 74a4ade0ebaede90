import { describe, expect, it } from 'vitest';
import { productBody, setup } from '../test/harness.js';

const PHONE = '+919812345678';

async function withStock(call: Awaited<ReturnType<typeof setup>>['call']) {
  await call('POST', '/v1/products', { body: productBody({ sku: 'TEE', status: 'active', price: '799.00', tax_rate: '18.00' }) });
  await call('POST', '/v1/products', { body: productBody({ sku: 'EBOOK', status: 'active', kind: 'digital', price: '299.00' }) });
  await call('POST', '/v1/inventory/adjustments', { body: { sku: 'TEE', location_code: 'WH-1', delta: 5, reason: 'received' } });
  await call('POST', '/v1/inventory/licenses', { body: { sku: 'EBOOK', keys: ['KEY-1', 'KEY-2'] } });
  const customer = await call('POST', '/v1/customers', { body: { name: 'Asha Verma', phone: PHONE } });
  return customer.body.data.id as string;
}

describe('customers and wallets routes', () => {
  it('creates, finds by phone, updates and lists customers', async () => {
    const { call } = await setup();
    const created = await call('POST', '/v1/customers', { body: { name: 'Asha', phone: PHONE, email: 'asha@example.com' } });
    expect(created.status).toBe(201);
    const id = created.body.data.id;
    expect(created.headers.get('location')).toBe(`/v1/customers/${id}`);
    expect((await call('GET', `/v1/customers/by-phone/%2B919812345678`)).body).toEqual(created.body);
    expect((await call('GET', `/v1/customers/by-phone/+919812345678`)).status).toBe(200);
    expect((await call('GET', `/v1/customers/by-phone/%2B919800000000`)).status).toBe(404);
    const badPhone = await call('GET', `/v1/customers/by-phone/98123`);
    expect(badPhone.status).toBe(422);
    expect(badPhone.body.error.code).toBe('INVALID_PHONE');

    const dup = await call('POST', '/v1/customers', { body: { name: 'Other', phone: PHONE } });
    expect(dup.status).toBe(400);
    expect(dup.body.error.details).toEqual([{ field: 'phone', issue: 'is already held by another customer' }]);
    const invalid = await call('POST', '/v1/customers', { body: { name: 'Other', phone: '+91 98123 45678' } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error).toMatchObject({ code: 'INVALID_PHONE', details: [{ field: 'phone' }] });

    const patched = await call('PATCH', `/v1/customers/${id}`, { body: { email: null, name: 'Asha V' } });
    expect(patched.body.data).toMatchObject({ email: null, name: 'Asha V', phone: PHONE });
    expect((await call('PATCH', `/v1/customers/${id}`, { body: { id: 'cus_x' } })).status).toBe(400);

    await call('POST', '/v1/customers', { body: { name: 'Bala' } });
    const page = await call('GET', '/v1/customers?sort=name&order=asc&limit=1');
    expect(page.body.data.map((c: { name: string }) => c.name)).toEqual(['Asha V']);
    const next = await call('GET', `/v1/customers?sort=name&order=asc&limit=1&cursor=${page.body.meta.next_cursor}`);
    expect(next.body.data.map((c: { name: string }) => c.name)).toEqual(['Bala']);
    expect((await call('GET', '/v1/customers?phone=%2B919812345678')).body.data).toHaveLength(1);
    expect((await call('GET', '/v1/customers?phone=12345')).status).toBe(422);
    expect((await call('GET', '/v1/customers/cus_0000000000000000')).status).toBe(404);
  });

  it('recharges by id and phone, keeps the ledger and emits wallet.recharged', async () => {
    const { call, store, account } = await setup();
    const id = (await call('POST', '/v1/customers', { body: { name: 'Asha', phone: PHONE } })).body.data.id;
    expect((await call('GET', `/v1/customers/${id}/wallet`)).body.data).toMatchObject({ customer_id: id, balance: '0.00', currency: 'INR' });
    const first = await call('POST', `/v1/customers/${id}/wallet/recharge`, { body: { amount: '500.00', reference: 'UPI-1' }, idempotencyKey: 'recharge-1' });
    expect(first.status).toBe(201);
    expect(first.body.data).toMatchObject({ type: 'recharge', amount: '500.00', balance_after: '500.00', reference: 'UPI-1', order_id: null });
    expect(first.headers.get('location')).toBe(`/v1/customers/${id}/wallet/transactions`);
    const replay = await call('POST', `/v1/customers/${id}/wallet/recharge`, { body: { amount: '500.00', reference: 'UPI-1' }, idempotencyKey: 'recharge-1' });
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    await call('POST', '/v1/customers/by-phone/%2B919812345678/wallet/recharge', { body: { amount: '0.25' } });
    expect((await call('GET', '/v1/customers/by-phone/%2B919812345678/wallet')).body.data.balance).toBe('500.25');
    expect((await call('POST', `/v1/customers/${id}/wallet/recharge`, { body: { amount: '0.00' } })).status).toBe(400);
    expect((await call('POST', '/v1/customers/by-phone/123/wallet/recharge', { body: { amount: '1.00' } })).status).toBe(422);
    const ledger = await call('GET', `/v1/customers/${id}/wallet/transactions?limit=1&include_total=true`);
    expect(ledger.body.meta).toMatchObject({ total: 2, has_more: true });
    const filtered = await call('GET', `/v1/customers/${id}/wallet/transactions?type=debit`);
    expect(filtered.body.data).toEqual([]);
    const events = (await store.outbox.read({ accountId: account.id, mode: 'test' })).events;
    expect(events.filter((e) => e.type === 'wallet.recharged')).toHaveLength(2);
  });
});

describe('orders routes', () => {
  it('creates a wallet order with license keys, confirms, completes, and refuses illegal moves', async () => {
    const { call, store, account } = await setup();
    const customerId = await withStock(call);
    await call('POST', `/v1/customers/${customerId}/wallet/recharge`, { body: { amount: '5000.00' } });
    const created = await call('POST', '/v1/orders', {
      body: { customer_id: customerId, location_code: 'WH-1', payment_method: 'wallet', external_ref: 'ERP-1',
        items: [{ sku: 'TEE', quantity: 2 }, { sku: 'EBOOK', quantity: 1, unit_price: '249.00' }] },
    });
    expect(created.status).toBe(201);
    const order = created.body.data;
    expect(order).toMatchObject({
      status: 'pending', order_number: 'ORD-2026-000001', subtotal: '1847.00', tax_total: '287.64', total: '2134.64',
      license_keys: [{ sku: 'EBOOK', key: 'KEY-1' }],
    });
    expect((await call('GET', `/v1/customers/${customerId}/wallet`)).body.data.balance).toBe('2865.36');
    expect((await call('GET', `/v1/orders/${order.id}`)).body.data).toEqual(order);
    const skip = await call('PATCH', `/v1/orders/${order.id}`, { body: { status: 'completed' } });
    expect(skip.status).toBe(409);
    expect(skip.body.error.code).toBe('INVALID_STATE_TRANSITION');
    expect((await call('PATCH', `/v1/orders/${order.id}`, { body: { status: 'confirmed', cancel_reason: 'x' } })).status).toBe(400);
    expect((await call('PATCH', `/v1/orders/${order.id}`, { body: { status: 'confirmed' } })).body.data.confirmed_at).not.toBeNull();
    const done = await call('PATCH', `/v1/orders/${order.id}`, { body: { status: 'completed' } });
    expect(done.body.data.status).toBe('completed');
    expect((await call('GET', '/v1/inventory/TEE')).status).toBe(200);
    expect((await call('PATCH', `/v1/orders/${order.id}`, { body: { status: 'cancelled' } })).status).toBe(409);
    const types = ((await store.outbox.read({ accountId: account.id, mode: 'test' })).events).map((e) => e.type).filter((t) => t.startsWith('order.'));
    expect(types).toEqual(['order.created', 'order.updated', 'order.updated', 'order.completed']);
  });

  it('refuses to archive a product held by an open order, and archives it once the order is cancelled', async () => {
    const { call } = await setup();
    await withStock(call);
    const order = (await call('POST', '/v1/orders', {
      body: { location_code: 'WH-1', payment_method: 'cash', items: [{ sku: 'TEE', quantity: 1 }] },
    })).body.data;
    const refused = await call('DELETE', '/v1/products/TEE');
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'OPEN_ORDERS_EXIST', details: [{ field: 'sku', issue: `held by order ${order.id}` }] });
    expect((await call('GET', '/v1/products/TEE')).body.data.status).toBe('active');
    expect((await call('PATCH', `/v1/orders/${order.id}`, { body: { status: 'cancelled' } })).status).toBe(200);
    expect((await call('DELETE', '/v1/products/TEE')).status).toBe(204);
    expect((await call('GET', '/v1/products/TEE')).body.data.status).toBe('archived');
  });

  it('answers 400, 409 INSUFFICIENT_STOCK and INSUFFICIENT_FUNDS, and lists with filters', async () => {
    const { call } = await setup();
    const customerId = await withStock(call);
    const base = { location_code: 'WH-1', payment_method: 'cash' };
    const unknown = await call('POST', '/v1/orders', { body: { ...base, items: [{ sku: 'NOPE', quantity: 1 }] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([{ field: 'items.0.sku', issue: 'no product with SKU NOPE' }]);
    const nowhere = await call('POST', '/v1/orders', { body: { ...base, location_code: 'WH-NOWHERE', items: [{ sku: 'TEE', quantity: 1 }] } });
    expect([nowhere.status, nowhere.body.error.code, nowhere.body.error.details[0].field]).toEqual([400, 'VALIDATION_FAILED', 'location_code']);
    expect((await call('GET', '/v1/inventory?location_code=WH-NOWHERE')).body.data).toEqual([]);
    const noCustomer = await call('POST', '/v1/orders', { body: { ...base, payment_method: 'wallet', items: [{ sku: 'TEE', quantity: 1 }] } });
    expect(noCustomer.body.error.details[0].field).toBe('customer_id');
    const short = await call('POST', '/v1/orders', { body: { ...base, items: [{ sku: 'TEE', quantity: 6 }, { sku: 'EBOOK', quantity: 3 }] } });
    expect(short.status).toBe(409);
    expect(short.body.error.code).toBe('INSUFFICIENT_STOCK');
    expect(short.body.error.details.map((d: { field: string }) => d.field)).toEqual(['items.0.quantity', 'items.1.quantity']);
    const broke = await call('POST', '/v1/orders', { body: { ...base, customer_id: customerId, payment_method: 'wallet', items: [{ sku: 'TEE', quantity: 1 }] } });
    expect(broke.status).toBe(409);
    expect(broke.body.error.code).toBe('INSUFFICIENT_FUNDS');
    const ok = await call('POST', '/v1/orders', { body: { ...base, customer_id: customerId, marketplace: 'amazon', items: [{ sku: 'TEE', quantity: 1 }] } });
    expect(ok.body.data.order_number).toBe('ORD-2026-000001');
    await call('POST', '/v1/orders', { body: { ...base, items: [{ sku: 'TEE', quantity: 1 }] } });
    const cancelled = await call('PATCH', `/v1/orders/${ok.body.data.id}`, { body: { status: 'cancelled', cancel_reason: 'No longer needed' } });
    expect(cancelled.body.data).toMatchObject({ status: 'cancelled', cancel_reason: 'No longer needed' });
    expect((await call('GET', '/v1/orders?status=cancelled')).body.data).toHaveLength(1);
    expect((await call('GET', `/v1/orders?customer_id=${customerId}&marketplace=amazon`)).body.data).toHaveLength(1);
    expect((await call('GET', '/v1/orders?created_to=2026-01-01T00:00:00Z')).body.data).toHaveLength(0);
    expect((await call('GET', '/v1/orders?sort=order_number&order=asc&fields=order_number')).body.data)
      .toEqual([{ id: expect.any(String), order_number: 'ORD-2026-000001' }, { id: expect.any(String), order_number: 'ORD-2026-000002' }]);
    expect((await call('GET', '/v1/orders?fields=nope')).status).toBe(400);
    expect((await call('GET', '/v1/orders?cursor=abc')).status).toBe(400);
  });

  it('accepts an import as a job and rejects shape errors whole', async () => {
    const { call } = await setup();
    const record = { location_code: 'WH-1', items: [{ sku: 'TEE', quantity: 1 }], payment_method: 'cash', external_ref: 'POS-1', placed_at: '2025-12-14T11:20:00Z' };
    const many = await call('POST', '/v1/orders/batch', { body: { items: [record, { ...record, external_ref: 'POS-2' }] } });
    expect(many.status).toBe(202);
    expect(many.body.data).toMatchObject({ type: 'orders.batch', status: 'queued', total: 2 });
    expect((await call('POST', '/v1/orders/batch', { body: { items: [{ ...record, status: 'pending' }] } })).status).toBe(400);
    // A single order is one record even though it has an `items` field of its own.
    const single = await call('POST', '/v1/orders/batch', { body: { ...record, external_ref: 'POS-3' } });
    expect(single.status).toBe(202);
    expect(single.body.data).toMatchObject({ type: 'orders.batch', total: 1 });
  });
});
