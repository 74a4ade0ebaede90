import { systemClock } from '@nexuscommerce/server';
import { createNexusClient } from '@nexuscommerce/sdk';
import { verifyWebhook } from '@nexuscommerce/sdk/webhooks';
import { expect, it } from 'vitest';
import { createMockApi } from './create-mock-api.js';

it('sends deliveries through webhookReceiver, signed, and retries a failed one on the mock clock', async () => {
  let now = systemClock.now().getTime();
  const clock = { now: () => new Date(now) };
  const seen: { url: string; status: number; body: string; headers: Headers }[] = [];
  let answer = 500;
  const mock = createMockApi({
    clock,
    seedSize: { products: 0, customers: 0, orders: 0 },
    webhookReceiver: async (request) => {
      seen.push({ url: request.url, status: answer, body: await request.text(), headers: request.headers });
      return new Response(null, { status: answer });
    },
  });
  await mock.ready;
  const nexus = createNexusClient({ apiKey: mock.apiKey, baseUrl: mock.baseUrl, fetch: (request) => mock.fetch(request) });
  const endpoint = await nexus.webhooks.create({ url: 'https://partner.example.com/hooks', events: ['product.created'] } as never);
  await nexus.products.create({ sku: 'R-1', title: 'R', price: '1.00', currency: 'INR' });
  await mock.webhooks.settled();

  // The seeded endpoint is the mock's own: it never reaches the receiver.
  expect(seen.map((s) => s.url)).toEqual(['https://partner.example.com/hooks']);
  const event = await verifyWebhook<{ type: string; data: { sku: string } }>({
    payload: seen[0]!.body,
    headers: Object.fromEntries(seen[0]!.headers),
    secret: endpoint.secret!,
  });
  expect(event).toMatchObject({ type: 'product.created', data: { sku: 'R-1' } });
  const [first] = (await nexus.webhooks.listDeliveries(endpoint.id)).data;
  expect(first).toMatchObject({ status: 'pending', attempt: 1, status_code: 500 });
  expect(Date.parse(first!.next_retry_at!) - now).toBe(5000);

  // Not due yet: a write does not resend it. Due: the next write does.
  answer = 200;
  now += 4000;
  await nexus.products.create({ sku: 'R-2', title: 'R', price: '1.00', currency: 'INR' });
  await mock.webhooks.settled();
  expect(seen.filter((s) => s.body.includes('"R-1"'))).toHaveLength(1);
  now += 1000;
  await nexus.products.create({ sku: 'R-3', title: 'R', price: '1.00', currency: 'INR' });
  await mock.webhooks.settled();
  expect(seen.filter((s) => s.body.includes('"R-1"'))).toHaveLength(2);
  const retried = (await nexus.webhooks.listDeliveries(endpoint.id)).data.find((d) => d.id === first!.id);
  expect(retried).toMatchObject({ status: 'succeeded', attempt: 2, status_code: 200 });
});
