import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNexusClient } from './client.js';
import { ConnectionError, TimeoutError } from './errors.js';

/** What the server saw of each request. */
interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

// A real HTTP server on 127.0.0.1 (port 0: the OS picks a free one), driving the SDK with the
// runtime's own fetch: proves the transport's Requests, buffered bodies and aborts work on a socket.
const seen: Seen[] = [];
let answers: ((res: ServerResponse) => void)[] = [];
const server = createServer(async (req, res) => {
  let body = '';
  for await (const chunk of req) body += chunk;
  seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
  const answer = answers.shift();
  if (answer) answer(res); // no answer left: hold the connection open (a hung server)
});
let baseUrl = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const send = (status: number, body: unknown, headers: Record<string, string> = {}) => (res: ServerResponse) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

describe('transport over a loopback socket', () => {
  it('retries a 503 with Retry-After, re-sending the same body and keys', async () => {
    seen.length = 0;
    answers = [
      send(503, { request_id: 'r', error: { code: 'UNAVAILABLE', message: 'busy' } }, { 'retry-after': '0' }),
      send(201, { data: { sku: 'TEA-1' } }),
    ];
    const nexus = createNexusClient({ apiKey: 'nxc_test_loop', baseUrl });
    const created = await nexus.products.create({ sku: 'TEA-1', title: 'Tea', price: '1.00', currency: 'EUR' });
    expect(created).toEqual({ sku: 'TEA-1' });
    expect(seen).toHaveLength(2);
    const [first, second] = seen as [Seen, Seen];
    expect(second.body).toBe(first.body);
    expect(JSON.parse(second.body)).toMatchObject({ sku: 'TEA-1' });
    expect(second.headers['idempotency-key']).toBe(first.headers['idempotency-key']);
    expect(second.headers['x-request-id']).toBe(first.headers['x-request-id']);
    expect(second.headers['x-retry-count']).toBe('1');
    expect(second.headers['authorization']).toBe('Bearer nxc_test_loop');
    expect(second.url).toBe('/v1/products');
  });

  it('times out a server that never answers, and the socket is released', async () => {
    answers = [];
    const nexus = createNexusClient({ apiKey: 'nxc_test_loop', baseUrl, timeoutMs: 200 });
    await expect(nexus.products.get('SLOW')).rejects.toBeInstanceOf(TimeoutError);
  });

  it('reports a refused connection as ConnectionError after retrying', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const nexus = createNexusClient({ apiKey: 'nxc_test_loop', baseUrl: `http://127.0.0.1:${port}`, retry: { baseDelayMs: 1 } });
    await expect(nexus.products.get('X')).rejects.toBeInstanceOf(ConnectionError);
  });
});
