import { describe, expect, it } from 'vitest';
import { contractSuite, covers, type Trial } from './step.js';

const suite = contractSuite();
const PHONE = '+919812345678';
const base = { location_code: 'WH-1', payment_method: 'cash' };

async function withStock(s: Trial) {
  await s.step('product TEE', (c) => c.products.create({ sku: 'TEE', title: 'Tee', status: 'active', price: '799.00', currency: 'INR', tax_rate: '18.00' } as never));
  await s.step('stock TEE', (c) => c.inventory.adjust({ sku: 'TEE', location_code: 'WH-1', delta: 5, reason: 'received' } as never));
  await s.step('customer', async (c, run) => (run.vars.customer = (await c.customers.create({ name: 'Asha Verma', phone: PHONE } as never)).id));
}

describe('customers and wallets', () => {
  covers('createCustomer', 'getCustomer', 'updateCustomer', 'listCustomers', 'getCustomerByPhone');
  covers('getWallet', 'rechargeWallet', 'listWalletTransactions', 'getWalletByPhone', 'rechargeWalletByPhone');

  it('creates, finds by phone, updates and pages customers; documented errors', async () => {
    const s = await suite.trial();
    const created = await s.step('create', async (c, run) => {
      const customer = await c.customers.create({ name: 'Asha', phone: PHONE, email: 'asha@example.com' } as never);
      run.vars.id = customer.id;
      return customer;
    });
    expect(created.id).toMatch(/^cus_/);
    expect((await s.step('by phone', (c) => c.customers.getByPhone(PHONE))).name).toBe('Asha');
    expect((await s.step('get', (c, run) => c.customers.get(run.vars.id))).email).toBe('asha@example.com');
    expect((await s.step('update', (c, run) => c.customers.update(run.vars.id, { name: 'Asha V', email: null } as never))).name).toBe('Asha V');
    expect((await s.stepError('bad phone', (c) => c.customers.create({ name: 'X', phone: '+91 98123 45678' } as never))).code).toBe('INVALID_PHONE');
    expect((await s.stepError('server-managed id', (c, run) => c.customers.update(run.vars.id, { id: 'cus_x' } as never))).code).toBe('VALIDATION_FAILED');
    expect((await s.stepError('unknown id', (c) => c.customers.get('cus_0000000000000000'))).code).toBe('NOT_FOUND');
    expect((await s.stepError('unknown phone', (c) => c.customers.getByPhone('+919800000000'))).code).toBe('NOT_FOUND');
    for (const name of ['B', 'C', 'D', 'E']) await s.step(`create ${name}`, (c) => c.customers.create({ name } as never));
    const pages = await s.step('all pages', async (c) => {
      const out: number[] = [];
      for await (const p of (await c.customers.list({ limit: 2 })).pages()) out.push(p.data.length);
      return out;
    });
    expect(pages).toEqual([2, 2, 1]);
  });

  it('recharges wallets, replays an idempotent recharge and refuses a conflicting one, pages the ledger', async () => {
    const s = await suite.trial();
    await s.step('customer', async (c, run) => (run.vars.id = (await c.customers.create({ name: 'Asha', phone: PHONE } as never)).id));
    expect(await s.step('empty wallet', (c, run) => c.wallets.get(run.vars.id))).toMatchObject({ balance: '0.00' });
    const first = await s.step('recharge', (c, run) => c.wallets.recharge(run.vars.id, { amount: '500.00', reference: 'UPI-1' } as never, { idempotencyKey: 'recharge-1' }));
    const replay = await s.step('replay', (c, run) => c.wallets.recharge(run.vars.id, { amount: '500.00', reference: 'UPI-1' } as never, { idempotencyKey: 'recharge-1' }));
    expect(replay).toEqual(first);
    const replayed = await s.each(async (run) => run.exchanges.at(-1)!.headers['idempotent-replayed']);
    expect(replayed.every((h) => h === 'true')).toBe(true);
    const conflict = await s.stepError('same key, other body', (c, run) => c.wallets.recharge(run.vars.id, { amount: '1.00' } as never, { idempotencyKey: 'recharge-1' }));
    expect([conflict.status, conflict.code]).toEqual([409, 'IDEMPOTENCY_CONFLICT']);
    await s.step('recharge by phone', (c) => c.wallets.rechargeByPhone(PHONE, { amount: '0.25' } as never));
    expect(await s.step('wallet by phone', (c) => c.wallets.getByPhone(PHONE))).toMatchObject({ balance: '500.25' });
    expect((await s.stepError('zero amount', (c, run) => c.wallets.recharge(run.vars.id, { amount: '0.00' } as never))).code).toBe('VALIDATION_FAILED');
    expect((await s.stepError('bad phone', (c) => c.wallets.rechargeByPhone('123', { amount: '1.00' } as never))).status).toBe(422);
    expect((await s.stepError('unknown customer', (c) => c.wallets.get('cus_0000000000000000'))).code).toBe('NOT_FOUND');
    for (const amount of ['1.00', '2.00']) await s.step(`recharge ${amount}`, (c, run) => c.wallets.recharge(run.vars.id, { amount } as never));
    const ledger = await s.step('ledger pages', async (c, run) => {
      const out: string[][] = [];
      for await (const p of (await c.wallets.listTransactions(run.vars.id, { limit: 2 } as never)).pages()) out.push(p.data.map((t) => t.amount));
      return out;
    });
    expect(ledger.length).toBe(2);
    expect(ledger.flat()).toHaveLength(4);
  });
});

describe('orders', () => {
  covers('createOrder', 'getOrder', 'updateOrder', 'listOrders');

  it('places an order, walks it through its states, and refuses illegal transitions', async () => {
    const s = await suite.trial();
    await withStock(s);
    const order = await s.step('create', async (c, run) => {
      const o = await c.orders.create({ ...base, customer_id: run.vars.customer, items: [{ sku: 'TEE', quantity: 2 }] } as never);
      run.vars.order = o.id;
      return o;
    });
    expect(order).toMatchObject({ status: 'pending', subtotal: '1598.00', currency: 'INR' });
    expect(await s.step('stock reserved', (c) => c.inventory.get('TEE'))).toBeTruthy();
    expect((await s.stepError('skip to completed', (c, run) => c.orders.update(run.vars.order, { status: 'completed' } as never))).code).toBe('INVALID_STATE_TRANSITION');
    expect((await s.step('confirm', (c, run) => c.orders.update(run.vars.order, { status: 'confirmed' } as never))).status).toBe('confirmed');
    expect((await s.step('complete', (c, run) => c.orders.update(run.vars.order, { status: 'completed' } as never))).status).toBe('completed');
    expect((await s.stepError('cancel completed', (c, run) => c.orders.update(run.vars.order, { status: 'cancelled' } as never))).code).toBe('INVALID_STATE_TRANSITION');
    expect((await s.step('get', (c, run) => c.orders.get(run.vars.order))).status).toBe('completed');
    expect((await s.stepError('unknown order', (c) => c.orders.get('ord_0000000000000000'))).code).toBe('NOT_FOUND');
  });

  it('answers 400 with item fields, 409 INSUFFICIENT_STOCK / INSUFFICIENT_FUNDS, cancels with refunds, pages orders', async () => {
    const s = await suite.trial();
    await withStock(s);
    const unknown = await s.stepError('unknown sku', (c) => c.orders.create({ ...base, items: [{ sku: 'NOPE', quantity: 1 }] } as never));
    expect(unknown.details[0]?.field).toBe('items.0.sku');
    const short = await s.stepError('short', (c) => c.orders.create({ ...base, items: [{ sku: 'TEE', quantity: 6 }] } as never));
    expect([short.code, short.details[0]?.field]).toEqual(['INSUFFICIENT_STOCK', 'items.0.quantity']);
    expect((await s.stepError('broke', (c, run) => c.orders.create({ ...base, customer_id: run.vars.customer, payment_method: 'wallet', items: [{ sku: 'TEE', quantity: 1 }] } as never))).code).toBe('INSUFFICIENT_FUNDS');
    await s.step('recharge', (c, run) => c.wallets.recharge(run.vars.customer, { amount: '5000.00' } as never));
    await s.step('wallet order', async (c, run) => (run.vars.paid = (await c.orders.create({ ...base, customer_id: run.vars.customer, payment_method: 'wallet', items: [{ sku: 'TEE', quantity: 1 }] } as never)).id));
    await s.step('cancel', (c, run) => c.orders.update(run.vars.paid, { status: 'cancelled', cancel_reason: 'No longer needed' } as never));
    expect(await s.step('refunded', (c, run) => c.wallets.get(run.vars.customer))).toMatchObject({ balance: '5000.00' });
    for (let i = 0; i < 4; i++) await s.step(`order ${i}`, (c) => c.orders.create({ ...base, items: [{ sku: 'TEE', quantity: 1 }] } as never));
    const pages = await s.step('all pages', async (c) => {
      const out: string[][] = [];
      for await (const p of (await c.orders.list({ limit: 2, sort: 'order_number', order: 'asc' } as never)).pages()) out.push(p.data.map((o) => o.status));
      return out;
    });
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect((await s.stepError('bad cursor', (c) => c.orders.list({ cursor: 'abc' } as never))).code).toBe('VALIDATION_FAILED');
  });
});
