import { verifyWebhook } from '@nexuscommerce/sdk/webhooks';
import { beforeEach, describe, expect, it } from 'vitest';
import { createJobWorker } from '../domain/job-types.js';
import type { Store } from '../store/port.js';
import { createMemoryStore } from '../store/memory/memory-store.js';
import { loadMigrations } from '../node/migration-files.js';
import { createPgliteClient } from '../node/pglite-client.js';
import { createSqlStore } from '../store/sql/sql-store.js';
import { createWebhookDispatcher } from '../domain/webhooks/dispatcher.js';
import { webhookUrlProblem } from '../domain/webhooks/targets.js';
import { productBody, setup } from '../test/harness.js';
import { receiver } from '../test/receiver.js';

const stores: [string, () => Promise<Store>][] = [
  ['memory', async () => createMemoryStore()],
  ['PGlite', async () => createSqlStore(await createPgliteClient(), { migrations: loadMigrations() })],
];
let makeStore: () => Promise<Store> = stores[0]![1];

async function withWebhooks() {
  const ctx = await setup({ allowPrivateWebhookTargets: true }, await makeStore());
  const dispatcher = createWebhookDispatcher({ store: ctx.store, clock: ctx.clock, allowPrivateTargets: true, jitter: 0 });
  return { ...ctx, dispatcher };
}

describe.each(stores)('webhooks on %s', (_name, factory) => {
  beforeEach(() => {
    makeStore = factory;
  });

  it('manages endpoints; the secret is returned once', async () => {
    const { call } = await withWebhooks();
    const created = await call('POST', '/v1/webhooks', { body: { url: 'https://partner.example.com/hooks', events: ['product.created'] } });
    expect(created.status).toBe(201);
    const { id, secret } = created.body.data;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(atob(secret.slice(6))).toHaveLength(32);
    expect(created.headers.get('location')).toBe(`/v1/webhooks/${id}`);
    const read = await call('GET', `/v1/webhooks/${id}`);
    expect(read.body.data).not.toHaveProperty('secret');
    expect(read.body.data).toMatchObject({ enabled: true, disabled_reason: null, description: null });
    const off = await call('PATCH', `/v1/webhooks/${id}`, { body: { enabled: false, description: 'ERP' } });
    expect(off.body.data).toMatchObject({ enabled: false, disabled_reason: 'manual', description: 'ERP' });
    const list = await call('GET', '/v1/webhooks?include_total=true');
    expect(list.body.meta.total).toBe(1);
    expect(list.body.data[0]).not.toHaveProperty('secret');
    expect((await call('DELETE', `/v1/webhooks/${id}`)).status).toBe(204);
    expect((await call('GET', `/v1/webhooks/${id}`)).status).toBe(404);
    expect((await call('DELETE', `/v1/webhooks/${id}`)).status).toBe(404);
  });

  it('refuses plain http on the internet, and private targets unless allowed', async () => {
    const { call } = await setup();
    const http = await call('POST', '/v1/webhooks', { body: { url: 'http://partner.example.com/hooks', events: ['ping'] } });
    expect(http.status).toBe(400);
    expect(http.body.error.details[0].field).toBe('url');
    const loopback = await call('POST', '/v1/webhooks', { body: { url: 'http://127.0.0.1:3000/hooks', events: ['ping'] } });
    expect(loopback.status).toBe(400);
    const privateNet = await call('POST', '/v1/webhooks', { body: { url: 'https://10.1.2.3/hooks', events: ['ping'] } });
    expect(privateNet.status).toBe(400);
    expect(webhookUrlProblem('http://localhost:3000/x', 'test', true)).toBeNull();
    expect(webhookUrlProblem('http://localhost:3000/x', 'live', true)).toMatch(/https/);
    expect(webhookUrlProblem('https://[::ffff:127.0.0.1]/x', 'live', false)).toMatch(/private/);
    expect(webhookUrlProblem('https://169.254.169.254/x', 'live', false)).toMatch(/private/);
    expect(webhookUrlProblem('https://partner.example.com/x', 'live', false)).toBeNull();
  });

  it('delivers subscribed events signed per Standard Webhooks, and logs the delivery', async () => {
    const { call, dispatcher, store, clock } = await withWebhooks();
    const target = await receiver();
    const created = await call('POST', '/v1/webhooks', { body: { url: target.url, events: ['product.created'] } });
    const { id, secret } = created.body.data;
    await call('POST', '/v1/products', { body: productBody(), headers: { 'x-request-id': 'req_create_1' } });
    await call('PATCH', '/v1/products/TSHIRT-1', { body: { price: '1.00' } }); // not subscribed
    await dispatcher.drain();

    expect(target.received).toHaveLength(1);
    const [hit] = target.received;
    const event = await verifyWebhook<{ id: string; type: string; data: { sku: string } }>({
      payload: hit!.body, headers: hit!.headers as Record<string, string>, secret, now: new Date('2026-01-01T00:00:00Z'),
    });
    expect(event).toMatchObject({ type: 'product.created', data: { sku: 'TSHIRT-1' } });
    expect(hit!.headers['webhook-id']).toBe(event.id);
    await expect(verifyWebhook({
      payload: hit!.body, headers: hit!.headers as Record<string, string>, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw7Z0sGxNwV0Q=', now: new Date('2026-01-01T00:00:00Z'),
    })).rejects.toThrow();

    const log = await call('GET', `/v1/webhooks/${id}/deliveries`);
    expect(log.body.data).toHaveLength(1);
    expect(log.body.data[0]).toMatchObject({
      event_id: event.id, event_type: 'product.created', attempt: 1, status: 'succeeded', status_code: 204, next_retry_at: null,
      request_id: 'req_create_1',
    });
    expect(log.body.data[0].delivered_at).not.toBeNull();

    // An event written by a job's worker names the request that started the job.
    await call('POST', '/v1/products/batch', { body: { items: [productBody({ sku: 'BATCH-1' })] }, headers: { 'x-request-id': 'req_batch_1' } });
    await createJobWorker({ store, clock }).drain();
    await dispatcher.drain();
    const logged = (await call('GET', `/v1/webhooks/${id}/deliveries`)).body.data as { request_id: string }[];
    expect(logged.map((d) => d.request_id).sort()).toEqual(['req_batch_1', 'req_create_1']);
  });

  it('delivers exactly the events written after the endpoint subscribed to their type, not older ones', async () => {
    const { call, dispatcher } = await withWebhooks();
    const target = await receiver();
    // Written before the endpoint exists, and not fanned out yet when it is created.
    await call('POST', '/v1/products', { body: productBody({ sku: 'BEFORE' }) });
    const { id } = (await call('POST', '/v1/webhooks', { body: { url: target.url, events: ['product.created'] } })).body.data;
    await call('POST', '/v1/products', { body: productBody({ sku: 'AFTER' }) });
    await call('PATCH', '/v1/products/AFTER', { body: { price: '1.00' } }); // product.updated: not subscribed yet
    await call('PATCH', `/v1/webhooks/${id}`, { body: { events: ['product.created', 'product.updated'] } });
    await call('PATCH', '/v1/products/AFTER', { body: { price: '2.00' } });
    await dispatcher.drain();
    // Disabled, then enabled again: what happened in between is not delivered.
    await call('PATCH', `/v1/webhooks/${id}`, { body: { enabled: false } });
    await call('POST', '/v1/products', { body: productBody({ sku: 'WHILE-OFF' }) });
    await call('PATCH', `/v1/webhooks/${id}`, { body: { enabled: true } });
    await call('POST', '/v1/products', { body: productBody({ sku: 'BACK-ON' }) });
    await dispatcher.drain();
    const got = target.received.map((r) => JSON.parse(r.body) as { type: string; data: { sku: string; price: string } });
    // Sent concurrently: compare without their order.
    expect(got.map((e) => `${e.type}:${e.data.sku}${e.type === 'product.updated' ? `@${e.data.price}` : ''}`).sort()).toEqual([
      'product.created:AFTER', 'product.created:BACK-ON', 'product.updated:AFTER@2.00',
    ]);
  });

  it('retries on the schedule, honours Retry-After, and a 410 disables the endpoint', async () => {
    const { call, dispatcher, clock } = await withWebhooks();
    const target = await receiver([{ status: 500 }, { status: 503, headers: { 'retry-after': '600' } }, { status: 200 }]);
    const { id } = (await call('POST', '/v1/webhooks', { body: { url: target.url, events: ['product.created'] } })).body.data;
    await call('POST', '/v1/products', { body: productBody() });
    await dispatcher.drain();
    let [d] = (await call('GET', `/v1/webhooks/${id}/deliveries`)).body.data;
    expect(d).toMatchObject({ attempt: 1, status: 'pending', status_code: 500, next_retry_at: '2026-01-01T00:00:05.000Z' });
    clock.advance(5_000);
    await dispatcher.drain();
    [d] = (await call('GET', `/v1/webhooks/${id}/deliveries`)).body.data;
    // 503 with Retry-After 600 s: later than the 5 min of the schedule.
    expect(d).toMatchObject({ attempt: 2, status: 'pending', status_code: 503, next_retry_at: '2026-01-01T00:10:05.000Z' });
    clock.advance(5 * 60_000);
    await dispatcher.drain();
    expect(target.received).toHaveLength(2);
    clock.advance(5 * 60_000);
    await dispatcher.drain();
    [d] = (await call('GET', `/v1/webhooks/${id}/deliveries`)).body.data;
    expect(d).toMatchObject({ attempt: 3, status: 'succeeded', status_code: 200 });
    // Every attempt carried the same webhook-id.
    expect(new Set(target.received.map((r) => r.headers['webhook-id'])).size).toBe(1);

    const gone = await receiver([{ status: 410 }]);
    await call('PATCH', `/v1/webhooks/${id}`, { body: { url: gone.url } });
    await call('POST', '/v1/products', { body: productBody({ sku: 'P-2' }) });
    await dispatcher.drain();
    expect((await call('GET', `/v1/webhooks/${id}`)).body.data).toMatchObject({ enabled: false, disabled_reason: 'gone' });
    const failed = (await call('GET', `/v1/webhooks/${id}/deliveries?status=failed`)).body.data;
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ status_code: 410, next_retry_at: null });
    // Disabled: later events are not queued for it.
    await call('POST', '/v1/products', { body: productBody({ sku: 'P-3' }) });
    await dispatcher.drain();
    expect((await call('GET', `/v1/webhooks/${id}/deliveries?include_total=true`)).body.meta.total).toBe(2);
  });

  it('pings, redelivers, and signs with both secrets after a rotation', async () => {
    const { call, dispatcher, clock } = await withWebhooks();
    const target = await receiver();
    const created = (await call('POST', '/v1/webhooks', { body: { url: target.url, events: ['order.created'], enabled: false } })).body.data;
    const ping = await call('POST', `/v1/webhooks/${created.id}/test`, { headers: { 'x-request-id': 'req_ping_1' } });
    expect(ping.status).toBe(202);
    expect(ping.body.data).toMatchObject({ event_type: 'ping', attempt: 0, status: 'pending', request_id: 'req_ping_1' });
    const rotated = await call('POST', `/v1/webhooks/${created.id}/rotate-secret`);
    expect(rotated.body.data).toMatchObject({ endpoint_id: created.id, previous_secret_expires_at: '2026-01-02T00:00:00.000Z' });
    await dispatcher.drain();
    const [hit] = target.received;
    expect((hit!.headers['webhook-signature'] as string).split(' ')).toHaveLength(2);
    const now = new Date('2026-01-01T00:00:00Z');
    for (const secret of [created.secret, rotated.body.data.secret]) {
      const event = await verifyWebhook<{ type: string; data: { endpoint_id: string } }>({ payload: hit!.body, headers: hit!.headers as Record<string, string>, secret, now });
      expect(event).toMatchObject({ type: 'ping', data: { endpoint_id: created.id } });
    }

    const again = await call('POST', `/v1/webhooks/${created.id}/deliveries/${ping.body.data.id}/redeliver`);
    expect(again.status).toBe(202);
    expect(again.body.data.id).not.toBe(ping.body.data.id);
    expect(again.body.data.event_id).toBe(ping.body.data.event_id);
    clock.advance(25 * 60 * 60 * 1000); // the previous secret has expired
    await dispatcher.drain();
    expect(target.received).toHaveLength(2);
    expect(target.received[1]!.body).toBe(hit!.body);
    expect((target.received[1]!.headers['webhook-signature'] as string).split(' ')).toHaveLength(1);
    expect((await call('POST', `/v1/webhooks/${created.id}/deliveries/dlv_0000000000000000/redeliver`)).status).toBe(404);
  });

  it('refuses to send to a private target when not allowed', async () => {
    const { call, store, clock } = await withWebhooks();
    const target = await receiver();
    const { id } = (await call('POST', '/v1/webhooks', { body: { url: target.url, events: ['ping'] } })).body.data;
    await call('POST', `/v1/webhooks/${id}/test`);
    await createWebhookDispatcher({ store, clock, allowPrivateTargets: false }).drain();
    expect(target.received).toHaveLength(0);
    expect((await call('GET', `/v1/webhooks/${id}/deliveries`)).body.data[0]).toMatchObject({ status: 'failed', attempt: 1, status_code: null });
  });

  it('refuses a public-looking name that resolves to a private address, and sends to one that resolves publicly', async () => {
    const { call, store, clock } = await withWebhooks();
    const sent: string[] = [];
    const dispatcher = createWebhookDispatcher({
      store, clock, allowPrivateTargets: false,
      // The host names are the test's own: what DNS would answer for them.
      resolveHost: async (host) => (host === 'metadata.partner.example' ? ['169.254.169.254'] : ['203.0.113.7']),
      fetch: async (input) => {
        sent.push(String(input));
        return new Response(null, { status: 204 });
      },
    });
    const inward = (await call('POST', '/v1/webhooks', { body: { url: 'https://metadata.partner.example/hooks', events: ['ping'] } })).body.data.id;
    const outward = (await call('POST', '/v1/webhooks', { body: { url: 'https://hooks.partner.example/in', events: ['ping'] } })).body.data.id;
    await call('POST', `/v1/webhooks/${inward}/test`);
    await call('POST', `/v1/webhooks/${outward}/test`);
    await dispatcher.drain();
    expect(sent).toEqual(['https://hooks.partner.example/in']);
    expect((await call('GET', `/v1/webhooks/${inward}/deliveries`)).body.data[0]).toMatchObject({ status: 'failed', status_code: null });
    expect((await call('GET', `/v1/webhooks/${outward}/deliveries`)).body.data[0]).toMatchObject({ status: 'succeeded', status_code: 204 });
  });
});
