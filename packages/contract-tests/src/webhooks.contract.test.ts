import { verifyWebhook } from '@nexuscommerce/sdk/webhooks';
import { describe, expect, it } from 'vitest';
import { checkedClient } from './http.js';
import { checker } from './spec.js';
import { contractSuite, covers } from './step.js';
import { receiver, until } from './webhook-receiver.js';

const suite = contractSuite();
const OTHER_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw7Z0sGxNwV0Q=';

describe('webhooks', () => {
  covers('createWebhook', 'getWebhook', 'updateWebhook', 'deleteWebhook', 'listWebhooks', 'rotateWebhookSecret', 'testWebhook');
  covers('listWebhookDeliveries', 'redeliverWebhookDelivery');

  it('manages endpoints; the secret is shown once; rotate; documented errors', async () => {
    const s = await suite.trial();
    const created = await s.step('create', async (c, run) => {
      const w = await c.webhooks.create({ url: 'https://partner.example.com/hooks', events: ['product.created'] } as never);
      run.vars.id = w.id;
      return w;
    });
    expect(created.secret).toMatch(/^whsec_/);
    expect((await s.step('get', (c, run) => c.webhooks.get(run.vars.id))) as object).not.toHaveProperty('secret');
    expect((await s.step('update', (c, run) => c.webhooks.update(run.vars.id, { enabled: false, description: 'ERP' } as never))).enabled).toBe(false);
    expect((await s.step('rotate', (c, run) => c.webhooks.rotateSecret(run.vars.id))).secret).toMatch(/^whsec_/);
    for (let i = 0; i < 4; i++) await s.step(`create ${i}`, (c) => c.webhooks.create({ url: `https://partner.example.com/hooks/${i}`, events: ['ping'] } as never));
    const pages = await s.step('all pages', async (c) => {
      const out: number[] = [];
      for await (const p of (await c.webhooks.list({ limit: 2 } as never)).pages()) out.push(p.data.length);
      return out;
    });
    expect(pages).toEqual([2, 2, 1]);
    expect((await s.stepError('plain http to a public host', (c) => c.webhooks.create({ url: 'http://partner.example.com/hooks', events: ['ping'] } as never))).code).toBe('VALIDATION_FAILED');
    expect((await s.stepError('unknown event', (c) => c.webhooks.create({ url: 'https://partner.example.com/x', events: ['nope'] } as never))).details[0]?.field).toMatch(/^events/);
    await s.step('delete', (c, run) => c.webhooks.delete(run.vars.id));
    expect((await s.stepError('get deleted', (c, run) => c.webhooks.get(run.vars.id))).code).toBe('NOT_FOUND');
    expect((await s.stepError('deliveries of unknown endpoint', (c) => c.webhooks.listDeliveries('whk_0000000000000000'))).code).toBe('NOT_FOUND');
  });

  it('msw: records every event signed with mock.webhooks.secret, as the spec describes it; verifyWebhook accepts it and refuses another secret', async () => {
    const msw = suite.targets().find((t) => t.name === 'msw')!;
    await checkedClient(msw, msw.apiKey).products.create({ sku: 'HOOK-1', title: 'Hook', price: '1.00', currency: 'INR' });
    const hook = await until(() => msw.mock!.webhooks.list('product.created').find((h) => (h.data as { sku?: string }).sku === 'HOOK-1'), 'the recorded product.created');
    expect(checker.webhook(hook.body)).toEqual([]);
    const event = await verifyWebhook({ payload: hook.body, headers: hook.headers as never, secret: msw.mock!.webhooks.secret });
    expect(event).toMatchObject({ type: 'product.created', id: hook.id });
    await expect(verifyWebhook({ payload: hook.body, headers: hook.headers as never, secret: OTHER_SECRET })).rejects.toThrow();
  });

  it('delivers signed events, logs deliveries, sends ping, redelivers', async () => {
    const s = await suite.trial();
    // Each target posts to its own receiver path, so the URL differs: compare the outcome only.
    await s.step('create endpoint', async (c, run) => {
      run.vars.url = await receiver.newEndpointUrl(run.target.name);
      const w = await c.webhooks.create({ url: run.vars.url, events: ['product.created'] } as never);
      receiver.trust(run.vars.url, w.secret);
      run.vars.id = w.id;
      return w.events;
    }, { compare: 'outcome' });
    await s.step('product', (c) => c.products.create({ sku: 'HOOK-1', title: 'Hook', price: '1.00', currency: 'INR' }));
    await s.each(async (run) => {
      const hit = await until(() => receiver.at(run.vars.url).find((d) => d.event?.type === 'product.created'), `product.created on ${run.target.name}`);
      expect(hit.event).toMatchObject({ type: 'product.created', data: { sku: 'HOOK-1' } });
      await expect(verifyWebhook({ payload: hit.body, headers: hit.headers as never, secret: OTHER_SECRET })).rejects.toThrow();
    });
    const ping = await s.step('test (ping)', async (c, run) => (run.vars.delivery = (await c.webhooks.test(run.vars.id)).id), { compare: 'outcome' });
    expect(ping).toMatch(/^dlv_/);
    const log = await s.step('deliveries', async (c, run) => {
      let rows: { event_type: string; status: string }[] = [];
      for (let i = 0; i < 300; i++) {
        rows = (await c.webhooks.listDeliveries(run.vars.id)).data as never;
        if (rows.length >= 2 && rows.every((r) => r.status === 'succeeded')) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      return rows.map((r) => `${r.event_type}:${r.status}`).sort();
    }, { compare: 'outcome' });
    expect(log).toEqual(['ping:succeeded', 'product.created:succeeded']);
    await s.step('redeliver', async (c, run) => (await c.webhooks.redeliver(run.vars.id, run.vars.delivery)) as unknown, { compare: 'outcome' });
    await s.each(async (run) => {
      await until(() => receiver.at(run.vars.url).filter((d) => d.event?.type === 'ping').length >= 2, `the redelivered ping on ${run.target.name}`);
    });
  });
});
