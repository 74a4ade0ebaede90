import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNexusClient } from '@nexuscommerce/sdk';
import { verifyWebhook } from '@nexuscommerce/sdk/webhooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setupMockServer } from './node.js';

// A real HTTP receiver on loopback: forwarded webhooks must leave MSW and arrive signed.
const received: { url: string; headers: IncomingMessage['headers']; body: string }[] = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    received.push({ url: req.url ?? '', headers: req.headers, body });
    res.writeHead(204).end();
  });
});
let setup: ReturnType<typeof setupMockServer>;

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const { port } = receiver.address() as AddressInfo;
  setup = setupMockServer({
    seed: 3,
    seedSize: { products: 5 },
    forwardWebhooksTo: `http://127.0.0.1:${port}/hooks`,
    deliverWebhooks: 'network',
  });
  setup.server.listen();
});
afterAll(async () => {
  setup.server.close();
  await new Promise((resolve) => receiver.close(resolve));
});

it('forwards recorded webhooks to a real URL with Standard Webhooks headers', async () => {
  const { mock } = setup;
  const nexus = createNexusClient({ apiKey: mock.apiKey, baseUrl: mock.baseUrl });
  await nexus.products.create({ sku: 'GHEE-1L', title: 'A2 Cow Ghee 1 L', price: '1150.00', currency: 'INR' });
  await mock.webhooks.settled();

  expect(received).toHaveLength(1);
  const event = await verifyWebhook<{ type: string; data: { sku: string } }>({
    payload: received[0]!.body,
    headers: received[0]!.headers as Record<string, string>,
    secret: mock.webhooks.secret,
  });
  expect(event).toMatchObject({ type: 'product.created', data: { sku: 'GHEE-1L' } });
  expect(mock.webhooks.list()[0]!.deliveries).toEqual([{ url: expect.stringContaining('/hooks'), status: 204, at: expect.any(String) }]);
});

it("deliverWebhooks: 'network' sends an endpoint's deliveries to the real receiver, signed with its own secret", async () => {
  const { mock } = setup;
  const nexus = createNexusClient({ apiKey: mock.apiKey, baseUrl: mock.baseUrl });
  const { port } = receiver.address() as AddressInfo;
  const endpoint = await nexus.webhooks.create({ url: `http://127.0.0.1:${port}/endpoint`, events: ['product.updated'] } as never);
  await nexus.products.update('GHEE-1L', { price: '1200.00' });
  await mock.webhooks.settled();

  const delivered = received.filter((r) => r.url === '/endpoint');
  expect(delivered).toHaveLength(1);
  const event = await verifyWebhook<{ type: string; data: { price: string } }>({
    payload: delivered[0]!.body,
    headers: delivered[0]!.headers as Record<string, string>,
    secret: endpoint.secret!,
  });
  expect(event).toMatchObject({ type: 'product.updated', data: { price: '1200.00' } });
  expect((await nexus.webhooks.listDeliveries(endpoint.id)).data).toEqual([
    expect.objectContaining({ event_type: 'product.updated', status: 'succeeded', status_code: 204 }),
  ]);
});
