import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, issueApiKey } from './domain/accounts.js';
import { startServer, type RunningServer } from './node.js';
import { systemClock } from './clock.js';
import { createMemoryStore } from './store/memory/memory-store.js';

describe('HTTP on a loopback port', () => {
  let server: RunningServer;
  let key: string;

  beforeAll(async () => {
    const store = createMemoryStore();
    const account = await createAccount(store, systemClock, 'Acme');
    key = (await issueApiKey(store, systemClock, { accountId: account.id, mode: 'test', ipAllowlist: ['127.0.0.0/8', '::1/128'] })).secret;
    server = await startServer({ store, port: 0 });
  });
  afterAll(() => server?.close());

  it('serves health, creates a product and reads it back over real sockets', async () => {
    const health = await fetch(`${server.url}/v1/health`);
    expect(health.status).toBe(200);
    expect(health.headers.get('x-request-id')).toMatch(/^req_/);
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'idempotency-key': 'h1' };
    const body = JSON.stringify({ sku: 'HTTP-1', title: 'Over HTTP', price: '5.00', currency: 'INR' });
    const created = await fetch(`${server.url}/v1/products`, { method: 'POST', headers, body });
    expect(created.status).toBe(201);
    const read = await fetch(`${server.url}/v1/products/HTTP-1`, { headers: { 'x-api-key': key } });
    expect((await read.json()).data.title).toBe('Over HTTP');
  });

  it('sees the socket address for IP allow-lists', async () => {
    // 127.0.0.1 is allowed above; the request would be 403 IP_NOT_ALLOWED if the address were unknown.
    const res = await fetch(`${server.url}/v1/me`, { headers: { 'x-api-key': key } });
    expect(res.status).toBe(200);
  });
});
