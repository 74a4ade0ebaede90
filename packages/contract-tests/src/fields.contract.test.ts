import { describe, expect, it } from 'vitest';
import { contractSuite } from './step.js';

// Every list operation with `fields=`: the checker holds each answer to the spec's projection
// schema and to exactly the fields asked for plus the key; the test reads the keys back as well.
const suite = contractSuite();

describe('fields= on every list', () => {
  it('answers exactly the fields asked for, plus the key, on all ten lists', async () => {
    const s = await suite.trial();
    await s.step('one record of each kind', async (c, run) => {
      await c.categories.create({ category_code: 'tees', name: 'Tees' });
      await c.products.create({ sku: 'TEE', title: 'Tee', status: 'active', price: '10.00', currency: 'INR', category_code: 'tees' } as never);
      await c.dealers.create({ code: 'DLR-1', name: 'Sharma Traders' } as never);
      await c.inventory.adjust({ sku: 'TEE', location_code: 'WH-1', delta: 5, reason: 'received' } as never);
      run.vars.customer = (await c.customers.create({ name: 'Asha' } as never)).id;
      await c.wallets.recharge(run.vars.customer, { amount: '5.00' } as never);
      await c.orders.create({ location_code: 'WH-1', payment_method: 'cash', items: [{ sku: 'TEE', quantity: 1 }] } as never);
      await (await c.categories.batch({ items: [{ category_code: 'caps', name: 'Caps' }] } as never)).wait({ timeoutMs: 20_000 });
      run.vars.endpoint = (await c.webhooks.create({ url: 'https://partner.example.com/hooks', events: ['ping'] } as never)).id;
      await c.webhooks.test(run.vars.endpoint);
    }, { compare: 'outcome' });

    const keysOf = (items: object[]) => items.map((item) => Object.keys(item).sort());
    const lists = await s.step('list with fields', async (c, run) => ({
      products: keysOf((await c.products.list({ fields: 'title,price' })).data),
      categories: keysOf((await c.categories.list({ fields: 'name', sort: 'category_code', order: 'asc' } as never)).data),
      dealers: keysOf((await c.dealers.list({ fields: 'name' })).data),
      inventory: keysOf((await c.inventory.list({ fields: 'available' })).data),
      customers: keysOf((await c.customers.list({ fields: 'name' })).data),
      ledger: keysOf((await c.wallets.listTransactions(run.vars.customer, { fields: 'amount,balance_after' })).data),
      orders: keysOf((await c.orders.list({ fields: 'status,total' })).data),
      jobs: keysOf((await c.jobs.list({ fields: 'status' })).data),
      webhooks: keysOf((await c.webhooks.list({ fields: 'url' })).data),
      deliveries: keysOf((await c.webhooks.listDeliveries(run.vars.endpoint, { fields: 'event_type' })).data),
    }));
    expect(lists).toEqual({
      products: [['price', 'sku', 'title']],
      categories: [['category_code', 'name'], ['category_code', 'name']],
      dealers: [['code', 'name']],
      inventory: [['available', 'location_code', 'sku']],
      customers: [['id', 'name']],
      ledger: [['amount', 'balance_after', 'id']],
      orders: [['id', 'status', 'total']],
      jobs: [['id', 'status']],
      webhooks: [['id', 'url']],
      deliveries: [['event_type', 'id']],
    });
    const unknown = await s.stepError('a field the resource lacks', (c) => c.products.list({ fields: 'sku,colour' } as never));
    expect([unknown.status, unknown.details[0]?.field]).toEqual([400, 'fields']);
  });

  it('answers every field without fields=', async () => {
    const s = await suite.trial();
    await s.step('product', (c) => c.products.create({ sku: 'TEE', title: 'Tee', price: '10.00', currency: 'INR' }));
    const [item] = (await s.step('list', (c) => c.products.list())).data;
    expect(Object.keys(item!).sort()).toEqual(Object.keys(await s.step('get', (c) => c.products.get('TEE'))).sort());
  });
});
