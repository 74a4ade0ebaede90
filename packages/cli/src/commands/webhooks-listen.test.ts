import { type IncomingHttpHeaders, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebhookEvent, verifyWebhook } from '@nexuscommerce/sdk/webhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { type CliProcess, startCli } from '../testing/run-cli.js';
import { type TestServer, startTestServer, until } from '../testing/server.js';

/** The partner's handler: verifies each delivery with the secret `nexus` printed, as partners' code does. */
async function startHandler(secret: () => string, answer = 204) {
  const received: { event?: WebhookEvent; error?: string; headers: IncomingHttpHeaders }[] = [];
  const http = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    try {
      received.push({ event: await verifyWebhook({ payload: Buffer.concat(chunks), headers: req.headers, secret: secret() }), headers: req.headers });
      res.writeHead(answer).end();
    } catch (error) {
      received.push({ error: String(error), headers: req.headers });
      res.writeHead(400).end();
    }
  });
  await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/hooks`, received, close: () => new Promise((done) => http.close(done)) };
}

let server: TestServer | undefined;
let cli: CliProcess | undefined;
afterEach(async () => {
  cli?.child.kill('SIGKILL');
  await server?.close();
  server = cli = undefined;
});

describe('nexus webhooks listen', () => {
  it('forwards a real delivery with its headers to a handler that verifies it, and removes the endpoint on Ctrl-C', async () => {
    server = await startTestServer();
    let secret = '';
    const handler = await startHandler(() => secret);
    try {
      cli = startCli(['webhooks', 'listen', '--forward-to', handler.url, '--events', 'product.created,product.updated'], { NEXUS_API_KEY: server.apiKey, NEXUS_BASE_URL: server.url });
      secret = (await cli.waitFor(/signing secret for your handler: (whsec_\S+)/))[1]!;
      const [endpoint] = await server.client.webhooks.list().toArray({ max: 10 });
      expect(endpoint).toMatchObject({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/webhooks$/), events: ['product.created', 'product.updated'] });

      await server.client.products.create({ sku: 'HOOK-1', title: 'Hooked', price: '9.00', currency: 'INR' });
      await until(async () => handler.received.length > 0, 'a forwarded delivery');
      const [got] = handler.received;
      expect(got!.error).toBeUndefined();
      expect(got!.event).toMatchObject({ type: 'product.created', data: { sku: 'HOOK-1' } });
      expect(got!.headers['webhook-id']).toBe(got!.event!.id);
      expect(got!.headers['content-type']).toMatch(/^application\/json/);
      await cli.waitFor(new RegExp(`product\\.created +${got!.event!.id}  → 204 in \\d+ ms`), 'stdout');

      // Something posing as the API is refused and never reaches the handler.
      const listener = endpoint!.url;
      const forged = await fetch(listener, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'webhook-id': 'msg_x', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': 'v1,Zm9yZ2Vk' },
        body: '{"type":"product.created"}',
      });
      expect(forged.status).toBe(400);
      expect(await forged.text()).toBe('invalid_signature\n');
      await cli.waitFor(/refused a delivery that failed verification \(invalid_signature/);
      expect(handler.received).toHaveLength(1);

      cli.child.kill('SIGINT');
      expect(await cli.exited).toBe(0);
      expect(cli.stderr).toContain(`Removed endpoint ${endpoint!.id}.`);
      expect(await server.client.webhooks.list().toArray({ max: 10 })).toEqual([]);
    } finally {
      await handler.close();
    }
  });

  it('passes the handler\'s answer back to the API, and removes the endpoint on SIGTERM too', async () => {
    server = await startTestServer();
    let secret = '';
    const handler = await startHandler(() => secret, 500);
    try {
      cli = startCli(['webhooks', 'listen', '--forward-to', handler.url, '--events', 'product.created'], { NEXUS_API_KEY: server.apiKey, NEXUS_BASE_URL: server.url });
      secret = (await cli.waitFor(/signing secret for your handler: (whsec_\S+)/))[1]!;
      await server.client.products.create({ sku: 'HOOK-2', title: 'Refused', price: '9.00', currency: 'INR' });
      await cli.waitFor(/product\.created +evt_\S+  → 500 in/, 'stdout');
      const [endpoint] = await server.client.webhooks.list().toArray({ max: 10 });
      await until(async () => (await server!.client.webhooks.listDeliveries(endpoint!.id).toArray({ max: 10 })).some((d) => d.status_code === 500), 'the API to record the 500');

      cli.child.kill('SIGTERM');
      expect(await cli.exited).toBe(0);
      expect(await server.client.webhooks.list().toArray({ max: 10 })).toEqual([]);
    } finally {
      await handler.close();
    }
  });
});
