import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createNexusClient } from './client.js';
import { NotFoundError, TimeoutError, ValidationError } from './errors.js';
import { JobHandle } from './jobs.js';
import { Page } from './pagination.js';
import { FakeClock } from './testing/fake-clock.js';
import { apiError, json, scriptedFetch } from './testing/fake-fetch.js';
import { VERSION } from './version.js';

const product = { sku: 'TEA-1', title: 'Green tea', status: 'active' as const, price: '4.50', currency: 'EUR' };
const job = (status: string) => ({
  data: {
    id: 'job_1',
    type: 'products.batch',
    status,
    progress: { total: 1, processed: 1, succeeded: 1, failed: 0 },
    errors: [],
    request_id: 'req_1',
    created_at: '',
    started_at: null,
    finished_at: null,
  },
});

function client(fetch: (r: Request) => Promise<Response>, extra = {}) {
  return createNexusClient({ apiKey: 'nxc_test_abc', fetch, clock: new FakeClock(), random: () => 0, ...extra });
}

describe('createNexusClient', () => {
  it('creates with auth, an idempotency key and a request id, and unwraps `data`', async () => {
    const net = scriptedFetch(json(201, { data: product }));
    const created = await client(net.fetch, { tenantId: 'acc_1', userAgent: 'feedbot/2' }).products.create(product);
    expect(created).toEqual(product);
    const [req] = net.seen;
    expect(req).toMatchObject({ method: 'POST', url: 'https://sandbox.nexuscommerce.example/v1/products' });
    expect(JSON.parse(req!.body)).toEqual(product);
    expect(req!.headers.get('authorization')).toBe('Bearer nxc_test_abc');
    expect(req!.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(req!.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(req!.headers.get('x-tenant-id')).toBe('acc_1');
    expect(req!.headers.get('user-agent')).toBe(`feedbot/2 nexuscommerce-sdk-js/${VERSION}`);
  });

  it('picks the environment from the key and accepts a base URL with or without /v1', async () => {
    const net = scriptedFetch(json(200, { data: product }), json(200, { data: product }), json(200, { data: product }));
    await createNexusClient({ apiKey: 'nxc_live_x', fetch: net.fetch }).products.get('TEA-1');
    await createNexusClient({ apiKey: 'nxc_live_x', fetch: net.fetch, baseUrl: 'http://127.0.0.1:4010/v1/' }).products.get('A');
    await createNexusClient({ apiKey: 'nxc_test_x', environment: 'production', fetch: net.fetch }).products.get('B.2');
    expect(net.seen.map((r) => r.url)).toEqual([
      'https://api.nexuscommerce.example/v1/products/TEA-1',
      'http://127.0.0.1:4010/v1/products/A',
      'https://api.nexuscommerce.example/v1/products/B.2',
    ]);
  });

  it('passes per-call options to the transport, not into the query', async () => {
    const net = scriptedFetch(json(200, { data: product }));
    await client(net.fetch).products.update('TEA-1', { title: 'Tea' }, { idempotencyKey: 'k1', requestId: 'r1', headers: { 'x-extra': '1' } });
    expect(net.seen[0]).toMatchObject({ method: 'PATCH', url: 'https://sandbox.nexuscommerce.example/v1/products/TEA-1' });
    expect(net.seen[0]!.headers.get('idempotency-key')).toBe('k1');
    expect(net.seen[0]!.headers.get('x-request-id')).toBe('r1');
    expect(net.seen[0]!.headers.get('x-extra')).toBe('1');
  });

  it('throws the typed error with the keys', async () => {
    const net = scriptedFetch(apiError(404, 'NOT_FOUND'));
    const error = await client(net.fetch).products.get('NOPE').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'NOT_FOUND', requestId: 'req_server' });
  });

  it('returns nothing for 204', async () => {
    const net = scriptedFetch(new Response(null, { status: 204 }));
    expect(await client(net.fetch).products.delete('TEA-1')).toBeUndefined();
    expect(net.seen[0]!.method).toBe('DELETE');
  });

  it('lists across pages with filters in the query and cursors in order', async () => {
    const page = (skus: string[], next: string | null) =>
      json(200, { data: skus.map((sku) => ({ ...product, sku })), meta: { limit: 2, has_more: !!next, next_cursor: next } });
    const net = scriptedFetch(page(['A', 'B'], 'c2'), page(['C', 'D'], 'c3'), page(['E'], null));
    const skus: string[] = [];
    for await (const p of client(net.fetch).products.list({ status: 'active', limit: 2, timeoutMs: 5_000 })) skus.push(p.sku);
    expect(skus).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(net.seen.map((r) => new URL(r.url).search)).toEqual([
      '?status=active&limit=2',
      '?status=active&limit=2&cursor=c2',
      '?status=active&limit=2&cursor=c3',
    ]);
    const first = await client(scriptedFetch(page(['A'], null)).fetch).products.list();
    expect(first).toBeInstanceOf(Page);
  });

  it('turns a 202 into a JobHandle that long-polls the job', async () => {
    const net = scriptedFetch(
      json(202, { data: { job_id: 'job_1', status: 'queued' } }, { location: '/v1/jobs/job_1' }),
      json(200, job('running'), { 'retry-after': '1' }),
      json(200, job('succeeded')),
    );
    const nexus = client(net.fetch);
    const handle = await nexus.products.batch({ items: [product] });
    expect(handle).toBeInstanceOf(JobHandle);
    expect(handle.id).toBe('job_1');
    const done = await handle.wait();
    expect(done.status).toBe('succeeded');
    expect(net.seen.slice(1).map((r) => new URL(r.url).pathname + new URL(r.url).search)).toEqual([
      '/v1/jobs/job_1?wait=30',
      '/v1/jobs/job_1?wait=30',
    ]);
    expect(nexus.job('job_9').id).toBe('job_9');
  });

  it('ingests through the batch endpoint with run-derived idempotency keys', async () => {
    const keys: string[] = [];
    const fetch = async (request: Request) => {
      if (request.method === 'POST') {
        keys.push(request.headers.get('idempotency-key')!);
        const { items } = (await request.json()) as { items: unknown[] };
        expect(items.length).toBeLessThanOrEqual(2);
        return json(202, { data: { job_id: 'job_1', status: 'queued' } });
      }
      return json(200, job('succeeded'));
    };
    const result = await client(fetch).products.ingest([product, product, product], { batchSize: 2, runId: 'run-7' });
    expect(keys.sort()).toEqual(['run-7:0', 'run-7:1']);
    expect(result).toMatchObject({ batches: 2, records: 3 });
  });

  it('keeps openapi-fetch semantics on `raw`: errors are returned, after retries', async () => {
    const net = scriptedFetch(apiError(503, 'UNAVAILABLE'), apiError(400, 'VALIDATION_FAILED'));
    const { data, error, response } = await client(net.fetch).raw.GET('/v1/products');
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    expect(response.status).toBe(400);
    expect(net.seen).toHaveLength(2);
    expect(net.seen[1]!.headers.get('x-retry-count')).toBe('1');
  });

  it('rejects a missing API key', () => {
    expect(() => createNexusClient({ apiKey: '' })).toThrow(TypeError);
  });

  it('reports validation details', async () => {
    const body = { request_id: 'r', error: { code: 'VALIDATION_FAILED', message: 'bad', details: [{ field: 'price', issue: 'must be a decimal string' }] } };
    const error = await client(scriptedFetch(json(400, body)).fetch).products.create(product).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details).toEqual(body.error.details);
  });

  it("has package.json's version", () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });

  it('builds the URL openapi-fetch builds for the same call through raw', async () => {
    const page = () => json(200, { data: [], meta: { limit: 2, has_more: false, next_cursor: null } });
    const one = () => json(200, { data: product });
    const net = scriptedFetch(page(), page(), one(), one());
    const nexus = client(net.fetch);
    const query = { status: 'active' as const, search: 'tea & café/1+2', limit: 2, include_total: true };
    await nexus.products.list(query);
    await nexus.raw.GET('/v1/products', { params: { query } });
    await nexus.products.get('A B/1?#');
    await nexus.raw.GET('/v1/products/{sku}', { params: { path: { sku: 'A B/1?#' } } });
    expect(net.seen[0]!.url).toBe(net.seen[1]!.url);
    expect(net.seen[2]!.url).toBe(net.seen[3]!.url);
    expect(net.seen[2]!.url).toBe('https://sandbox.nexuscommerce.example/v1/products/A%20B%2F1%3F%23');
  });

  it('times out a 2xx answer whose body never finishes arriving', async () => {
    const stalled = new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(new TextEncoder().encode('{"data":')) });
    const fetch = async () => new Response(stalled, { status: 200, headers: { 'content-type': 'application/json' } });
    const error = await client(fetch, { timeoutMs: 2_000 }).products.get('TEA-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it('applies raw middleware registered before openapi-fetch has loaded', async () => {
    const net = scriptedFetch(json(200, { data: {} }), json(200, { data: {} }));
    const nexus = client(net.fetch);
    const tag = { onRequest: ({ request }: { request: Request }) => void request.headers.set('x-tag', 'on') };
    nexus.raw.use(tag);
    await nexus.raw.GET('/v1/me');
    nexus.raw.eject(tag);
    await nexus.raw.GET('/v1/me');
    expect(net.seen.map((r) => r.headers.get('x-tag'))).toEqual(['on', null]);
    expect(net.seen[0]!.headers.get('authorization')).toBe('Bearer nxc_test_abc');
  });

  it('marks a job handle whose 202 was replayed from the idempotency store', async () => {
    const accepted = { data: { job_id: 'job_1', type: 'products.batch', status: 'queued', total: 1, created_at: '2026-03-01T10:00:00Z' } };
    const net = scriptedFetch(json(202, accepted), json(202, accepted, { 'idempotent-replayed': 'true' }));
    const nexus = client(net.fetch);
    const first = await nexus.products.batch({ items: [product] }, { idempotencyKey: 'k' });
    const again = await nexus.products.batch({ items: [product] }, { idempotencyKey: 'k' });
    expect([first.replayed, again.replayed]).toEqual([false, true]);
  });

  it('accepts a live key outside a browser', async () => {
    const net = scriptedFetch(json(200, { data: product }));
    await createNexusClient({ apiKey: 'nxc_live_server', fetch: net.fetch }).products.get('TEA-1');
    expect(net.seen[0]!.headers.get('authorization')).toBe('Bearer nxc_live_server');
  });
});
