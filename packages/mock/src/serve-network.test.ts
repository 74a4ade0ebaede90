import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook } from '@nexuscommerce/sdk/webhooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServeProcess, type ServeProcess } from './test/serve-process.js';

// `--deliver-webhooks network`: endpoints created through the API get real, signed deliveries
// from the server's dispatcher, here to a receiver on loopback.

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

const received: Received[] = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    received.push({ headers: req.headers, body });
    res.writeHead(204).end();
  });
});
let served: ServeProcess;
let hookUrl = '';

beforeAll(async () => {
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  served = await startServeProcess(['--deliver-webhooks', 'network', '--seed', '2']);
});
afterAll(async () => {
  await served?.stop();
  await new Promise((done) => receiver.close(done));
});

it('delivers to an endpoint on loopback, signed with the endpoint secret', async () => {
  const res = await fetch(`${served.url}/v1/webhooks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${served.apiKey}`, 'content-type': 'application/json', 'idempotency-key': 'serve-network-1' },
    body: JSON.stringify({ url: hookUrl, events: ['ping'], description: 'loopback receiver' }),
  });
  expect(res.status).toBe(201);
  const { data: endpoint } = await res.json();
  const ping = await fetch(`${served.url}/v1/webhooks/${endpoint.id}/test`, {
    method: 'POST',
    headers: { authorization: `Bearer ${served.apiKey}`, 'idempotency-key': 'serve-network-2' },
  });
  expect(ping.status).toBeLessThan(300);
  for (let i = 0; i < 200 && received.length === 0; i++) await new Promise((done) => setTimeout(done, 50));
  expect(received).toHaveLength(1);
  const [delivery] = received;
  const headers = Object.fromEntries(Object.entries(delivery!.headers).map(([name, value]) => [name, String(value)]));
  await expect(verifyWebhook({ payload: delivery!.body, headers, secret: endpoint.secret })).resolves.toMatchObject({ type: 'ping' });
});

it('says in one line when the port is taken, and exits 1', async () => {
  const port = new URL(served.url).port;
  const second = await startServeProcess(['--port', port]).then(
    () => null,
    (error: Error) => error.message,
  );
  expect(second).toMatch(/exited with 1[\s\S]*nexus-mock serve: .*EADDRINUSE/);
});
