import { describe, expect, it } from 'vitest';
import { spec } from './spec.js';
import { contractSuite, type Trial } from './step.js';
import { receiver, until } from './webhook-receiver.js';

// Every event type of the spec, delivered for real to an endpoint on loopback, on every stateful
// target. The receiver verifies each delivery's signature with the SDK and validates its body
// against the spec's `webhooks` entry for its type; anything wrong fails the test.
const suite = contractSuite();
const EVENT_TYPES = Object.keys(spec.webhooks).sort();
const base = { location_code: 'WH-1', payment_method: 'cash' };

async function endpointFor(s: Trial, events: string[]) {
  await s.step('create endpoint', async (c, run) => {
    run.vars.url = await receiver.newEndpointUrl(run.target.name);
    const w = await c.webhooks.create({ url: run.vars.url, events } as never);
    receiver.trust(run.vars.url, w.secret);
    run.vars.endpoint = w.id;
    return w.events;
  }, { compare: 'outcome' });
}

describe('webhook events', () => {
  it('delivers every event type of the spec, signed and as its schema says', async () => {
    const s = await suite.trial();
    await endpointFor(s, EVENT_TYPES);
    await s.step('product.created', (c) => c.products.create({ sku: 'TEE', title: 'Tee', status: 'active', price: '799.00', currency: 'INR', tax_rate: '18.00' } as never));
    await s.step('product.updated', (c) => c.products.update('TEE', { title: 'Tee, black' }));
    await s.step('inventory feed: inventory.updated, job.completed', async (c) => {
      const job = await c.inventory.batch({ items: [{ sku: 'TEE', location_code: 'WH-1', on_hand: 10, low_stock_threshold: 5 }] } as never);
      return (await job.wait({ timeoutMs: 20_000 })).status;
    }, { compare: 'outcome' });
    await s.step('inventory.low', (c) => c.inventory.adjust({ sku: 'TEE', location_code: 'WH-1', delta: -6, reason: 'damaged' } as never));
    await s.step('customer.created', async (c, run) => (run.vars.customer = (await c.customers.create({ name: 'Asha', phone: '+919812345678' } as never)).id));
    await s.step('customer.updated', (c, run) => c.customers.update(run.vars.customer, { name: 'Asha Verma' } as never));
    await s.step('wallet.recharged', (c, run) => c.wallets.recharge(run.vars.customer, { amount: '100.00' } as never));
    await s.step('order.created', async (c, run) => (run.vars.order = (await c.orders.create({ ...base, customer_id: run.vars.customer, items: [{ sku: 'TEE', quantity: 1 }] } as never)).id));
    await s.step('order.updated', (c, run) => c.orders.update(run.vars.order, { status: 'confirmed' } as never));
    await s.step('order.completed', (c, run) => c.orders.update(run.vars.order, { status: 'completed' } as never));
    await s.step('another order', async (c, run) => (run.vars.other = (await c.orders.create({ ...base, items: [{ sku: 'TEE', quantity: 1 }] } as never)).id));
    await s.step('order.cancelled', (c, run) => c.orders.update(run.vars.other, { status: 'cancelled' } as never));
    await s.step('product to delete', (c) => c.products.create({ sku: 'GONE', title: 'Gone', price: '1.00', currency: 'INR' }));
    await s.step('product.deleted', (c) => c.products.delete('GONE'));
    await s.step('ping', (c, run) => c.webhooks.test(run.vars.endpoint), { compare: 'outcome' });
    const received = await s.each((run) =>
      until(() => {
        const types: string[] = [...new Set(receiver.at(run.vars.url).map((d) => String(d.event?.type)))].sort();
        return EVENT_TYPES.every((t) => types.includes(t)) && types;
      }, `every event type at ${run.target.name}'s endpoint`),
    );
    expect(received.every((types) => types.length === EVENT_TYPES.length)).toBe(true);
  });

  it('sends a new endpoint only events created after it, however far behind delivery is', async () => {
    const s = await suite.trial();
    // Server targets hold their dispatcher back, so the older event is still undelivered when the
    // endpoint appears; the mock delivers after each write and has nothing to hold back.
    await s.each(async (run) => (run.vars.resume = (await run.target.pauseBackground?.()) ?? (() => {})));
    try {
      await s.step('product before the endpoint', (c) => c.products.create({ sku: 'OLD-1', title: 'Old', price: '1.00', currency: 'INR' }));
      await endpointFor(s, ['product.created']);
      await s.step('product after the endpoint', (c) => c.products.create({ sku: 'NEW-1', title: 'New', price: '1.00', currency: 'INR' }));
    } finally {
      await s.each(async (run) => run.vars.resume());
    }
    await s.each((run) => until(() => receiver.at(run.vars.url).find((d) => (d.event?.data as { sku?: string } | undefined)?.sku === 'NEW-1'), `NEW-1 at ${run.target.name}`));
    // Deliveries are written when events are fanned out, the older event first: by now any
    // delivery of OLD-1 to this endpoint is in its log.
    const seen = await s.each(async (run) => {
      const log = (await run.client.webhooks.listDeliveries(run.vars.endpoint)).data.map((d) => d.event_type);
      const skus = receiver.at(run.vars.url).map((d) => (d.event?.data as { sku?: string } | undefined)?.sku);
      return [run.target.name, { log, skus }] as const;
    });
    const only = { log: ['product.created'], skus: ['NEW-1'] };
    expect(Object.fromEntries(seen), 'an endpoint created after OLD-1 must not get its event').toEqual(Object.fromEntries(seen.map(([name]) => [name, only])));
  });
});
