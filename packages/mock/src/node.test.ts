import { createNexusClient, RateLimitError, ServerError, ValidationError } from '@nexuscommerce/sdk';
import { verifyWebhook } from '@nexuscommerce/sdk/webhooks';
import { spec } from '@nexuscommerce/spec';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMockApi } from './create-mock-api.js';
import { scenarios, setupMockServer } from './node.js';
import { firstExample, deref, listOperations } from './spec-operations.js';

const { server, mock } = setupMockServer({ seed: 1 });
const nexus = () =>
  createNexusClient({ apiKey: mock.apiKey, baseUrl: mock.baseUrl, retry: { baseDelayMs: 10, maxDelayMs: 20 } });
const auth = () => ({ authorization: `Bearer ${mock.apiKey}` });
const product = (sku: string) => ({ sku, title: 'Masala Chai 250 g', price: '249.00', currency: 'INR', tax_rate: '18.00' });

beforeAll(async () => {
  server.listen();
  await mock.ready;
});
afterEach(() => mock.reset());
afterAll(() => server.close());

describe('the server core behind MSW, driven by the real SDK', () => {
  it('creates a product and reads it back', async () => {
    const created = await nexus().products.create(product('CHAI-250'));
    expect(created).toMatchObject({ sku: 'CHAI-250', price: '249.00', status: 'draft', listings: [] });
    expect(await nexus().products.get('CHAI-250')).toEqual(created);
  });

  it('pages through the seeded catalog with cursors', async () => {
    await nexus().products.create(product('CHAI-250'));
    const seen: string[] = [];
    let pages = 0;
    for await (const page of nexus().products.list({ limit: 100, sort: 'sku', order: 'asc' }).pages()) {
      pages++;
      seen.push(...page.data.map((p) => p.sku));
    }
    expect(pages).toBe(4);
    expect(seen).toHaveLength(301);
    expect(new Set(seen).size).toBe(301);
    expect(seen).toEqual([...seen].sort());
  });

  it('answers invalid input with the one error envelope', async () => {
    const error = await nexus()
      .products.create({ ...product('bad sku!'), price: 12 } as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect((error as ValidationError).details.map((d) => d.field)).toEqual(expect.arrayContaining(['sku', 'price']));

    const res = await fetch(`${mock.baseUrl}/v1/products`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json', 'idempotency-key': 'k1' },
      body: '{"sku":',
    });
    const body = await res.json();
    expect(res.status).toBe(400);
    expect(body).toEqual({ request_id: res.headers.get('x-request-id'), error: expect.objectContaining({ code: 'VALIDATION_FAILED' }) });
  });

  it('replays an idempotent request', async () => {
    const send = () =>
      fetch(`${mock.baseUrl}/v1/products`, {
        method: 'POST',
        headers: { ...auth(), 'content-type': 'application/json', 'idempotency-key': 'same-key' },
        body: JSON.stringify(product('CHAI-500')),
      });
    const first = await send();
    const second = await send();
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await second.json()).toEqual(await first.json());
  });

  it('answers unknown routes (and operations the server lacks) with 404 in the envelope', async () => {
    const res = await fetch(`${mock.baseUrl}/v1/no-such-resource`, { headers: auth() });
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('NOT_FOUND');
  });
});

describe('seed and reset', () => {
  const allProducts = async (m: ReturnType<typeof createMockApi>) => {
    const items: unknown[] = [];
    let cursor: string | null = null;
    do {
      const url = `${m.baseUrl}/v1/products?limit=200&sort=sku&order=asc${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await m.fetch(new Request(url, { headers: { authorization: `Bearer ${m.apiKey}` } }));
      const body = (await res.json()) as { data: unknown[]; meta: { next_cursor: string | null } };
      items.push(...body.data);
      cursor = body.meta.next_cursor;
    } while (cursor);
    return items;
  };

  it('is deterministic for a seed, and differs between seeds', async () => {
    const [a, b, c] = [createMockApi({ seed: 42 }), createMockApi({ seed: 42 }), createMockApi({ seed: 43 })];
    expect(a.apiKey).toMatch(/^nxc_test_[0-9A-Za-z]{32}$/);
    expect(b.apiKey).toBe(a.apiKey);
    expect(c.apiKey).not.toBe(a.apiKey);
    const [pa, pb, pc] = await Promise.all([allProducts(a), allProducts(b), allProducts(c)]);
    expect(pa).toHaveLength(300);
    expect(pb).toEqual(pa);
    expect(pc).not.toEqual(pa);
  });

  it('seeds realistic, valid products', async () => {
    const products = (await allProducts(mock)) as Array<Record<string, any>>;
    expect(products.every((p) => /^\d+\.\d{2}$/.test(p.price) && p.currency === 'INR' && p.tax_rate === '18.00')).toBe(true);
    const gtins = products.map((p) => p.gtin).filter(Boolean);
    expect(gtins.length).toBeGreaterThan(100);
    expect(gtins.every((g: string) => /^890\d{10}$/.test(g))).toBe(true);
    expect(new Set(products.map((p) => p.kind))).toEqual(new Set(['physical', 'digital']));
  });

  it('seeds every part of the account, with orders in every status', async () => {
    const report = await mock.ready;
    expect(report.skipped).toEqual([]);
    expect(report.created).toMatchObject({ products: 300, customers: 40, orders: 30, 'webhook endpoint': 1 });
    const levels = (await nexus().inventory.list({ limit: 100 } as never)).data as { location_code: string }[];
    expect(new Set(levels.map((l) => l.location_code))).toEqual(new Set(['WH-MUMBAI', 'WH-DELHI']));
    for (const status of ['pending', 'confirmed', 'completed', 'cancelled']) {
      const page = await nexus().orders.list({ status, limit: 100 } as never);
      expect(page.data.length, status).toBeGreaterThanOrEqual(7);
      expect(page.data.every((o) => o.status === status)).toBe(true);
    }
  });

  it('reset() restores the seeded state', async () => {
    await nexus().products.create(product('CHAI-250'));
    await nexus().products.delete('TSH-00001').catch(() => {});
    await mock.reset();
    await expect(nexus().products.get('CHAI-250')).rejects.toMatchObject({ status: 404 });
    expect(await allProducts(mock)).toHaveLength(300);
    expect(mock.webhooks.list()).toEqual([]);
  });
});

describe('scenarios', () => {
  it('rateLimited: 429 in the envelope with Retry-After, which the SDK honours', async () => {
    mock.use(scenarios.rateLimited({ retryAfterSec: 1, times: 1 }));
    const res = await fetch(`${mock.baseUrl}/v1/products`, { headers: { ...auth(), 'x-request-id': 'req_mine' } });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.headers.get('x-request-id')).toBe('req_mine');
    expect(await res.json()).toEqual({ request_id: 'req_mine', error: { code: 'RATE_LIMITED', message: expect.any(String), details: [] } });

    mock.use(scenarios.rateLimited({ retryAfterSec: 1, times: 1 }));
    const started = Date.now();
    const page = await nexus().products.list({ limit: 1 });
    expect(page.data).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('rateLimited without a limit on times: the SDK gives up with RateLimitError', async () => {
    mock.use(scenarios.rateLimited({ retryAfterSec: 120 }));
    await expect(nexus().account.get()).rejects.toBeInstanceOf(RateLimitError);
  });

  it('serverError: the SDK retries a 503 after its Retry-After, and surfaces a lasting 500', async () => {
    mock.use(scenarios.serverError({ status: 503, retryAfterSec: 1, times: 1, match: 'createProduct' }));
    const started = Date.now();
    await expect(nexus().products.create(product('CHAI-1KG'))).resolves.toMatchObject({ sku: 'CHAI-1KG' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);

    const remove = mock.use(scenarios.serverError());
    const error = await nexus().products.get('CHAI-1KG').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 500, code: 'INTERNAL', requestId: expect.any(String) });
    remove();
    await expect(nexus().products.get('CHAI-1KG')).resolves.toMatchObject({ sku: 'CHAI-1KG' });
  });

  it('latency holds answers', async () => {
    mock.use(scenarios.latency(150));
    const started = Date.now();
    await nexus().system.health();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('runs a batch job as soon as it is accepted: the next read sees it finished, with per-record errors', async () => {
    const job = await nexus().products.batch({ items: [product('JOB-1'), { ...product('JOB-2'), gtin: '4006381333932' }] } as never);
    expect(job.last).toBeUndefined();
    const seen = await nexus().jobs.get(job.id);
    expect(seen).toMatchObject({ status: 'partially_failed', progress: { total: 2, processed: 2, succeeded: 1, failed: 1 } });
    expect(seen.errors).toEqual([expect.objectContaining({ index: 1, code: 'INVALID_GTIN' })]);
    expect((await nexus().products.get('JOB-1')).sku).toBe('JOB-1');
    const completed = mock.webhooks.list('job.completed');
    expect(completed.map((w) => (w.data as { id: string }).id)).toEqual([job.id]);
    expect(mock.webhooks.list('product.created').map((w) => (w.data as { sku: string }).sku)).toEqual(['JOB-1']);
  });

  it('jobFails: the next job ends failed, nothing applied; requests that queue no job do not use it up', async () => {
    mock.use(scenarios.jobFails({ times: 1, code: 'UNAVAILABLE', issue: 'Catalog service down.' }));
    await nexus().products.create(product('PLAIN-1'));
    const failing = await nexus().products.batch({ items: [product('F-1'), product('F-2')] } as never);
    const error = await failing.wait({ timeoutMs: 5000 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'JobFailedError' });
    expect(failing.last).toMatchObject({ status: 'failed', progress: { processed: 2, failed: 2 } });
    expect(failing.last?.errors).toEqual([
      { index: 0, code: 'UNAVAILABLE', field: 'record', issue: 'Catalog service down.' },
      { index: 1, code: 'UNAVAILABLE', field: 'record', issue: 'Catalog service down.' },
    ]);
    expect(await nexus().products.get('F-1').catch((e: { status: number }) => e.status)).toBe(404);
    const next = await nexus().products.batch({ items: [product('F-1')] } as never);
    expect((await next.wait({ timeoutMs: 5000 })).status).toBe('succeeded');
  });

  it('jobTakes: a long poll is answered once the slowed job finishes', async () => {
    mock.use(scenarios.jobTakes(1500));
    const job = await nexus().products.batch({ items: [product('S-1'), product('S-2'), product('S-3')] } as never);
    expect((await nexus().jobs.get(job.id)).progress.processed).toBeLessThan(3);
    const done = await job.wait({ timeoutMs: 10_000 });
    expect(done).toMatchObject({ status: 'succeeded', progress: { processed: 3 } });
  });
});

describe('Prefer, as Prism understands it', () => {
  const operations = listOperations(spec);
  const documented = (operationId: string, status: string) => {
    const op = operations.find((o) => o.operationId === operationId)!;
    return firstExample(spec, deref(spec, op.operation.responses[status]).content?.['application/json']);
  };

  it('code=404 answers the documented example', async () => {
    const res = await fetch(`${mock.baseUrl}/v1/products/TSH-00001`, { headers: { ...auth(), prefer: 'code=404' } });
    const body = await res.json();
    expect(res.status).toBe(404);
    expect(body).toEqual(documented('getProduct', '404'));
    expect(res.headers.get('x-request-id')).toBe(body.request_id);
  });

  it('serves examples of operations the server does not implement yet', async () => {
    const res = await fetch(`${mock.baseUrl}/v1/customers/by-phone/%2B919812345678`, { headers: { ...auth(), prefer: 'code=200' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(documented('getCustomerByPhone', '200'));
  });

  it('example=<name> picks a named example', async () => {
    const op = operations.find((o) => Object.values(o.operation.responses).some((r: any) => Object.keys(deref(spec, r).content?.['application/json']?.examples ?? {}).length > 1))!;
    const [status, response] = Object.entries(op.operation.responses).find(([, r]: [string, any]) => Object.keys(deref(spec, r).content?.['application/json']?.examples ?? {}).length > 1)!;
    const examples = deref(spec, response).content['application/json'].examples;
    const name = Object.keys(examples)[1]!;
    const path = op.path.replace(/\{[^}]+\}/g, 'X-1');
    const res = await fetch(`${mock.baseUrl}${path}`, {
      method: op.method.toUpperCase(),
      headers: { ...auth(), prefer: `code=${status}, example=${name}` },
    });
    expect(res.status).toBe(Number(status));
    expect(await res.json()).toEqual(deref<{ value: unknown }>(spec, examples[name]).value);
  });

  it('an undocumented code is a 400 in the envelope', async () => {
    const res = await fetch(`${mock.baseUrl}/v1/products`, { headers: { ...auth(), prefer: 'code=418' } });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details).toEqual([{ field: 'Prefer', issue: 'no documented response for code=418' }]);
  });
});

describe('webhooks', () => {
  it('delivers to webhook endpoints with the server dispatcher; the mock accepts them, and the seed is never delivered', async () => {
    const seeded = (await nexus().webhooks.list()).data[0]!;
    expect((await nexus().webhooks.listDeliveries(seeded.id)).data).toEqual([]);
    const endpoint = await nexus().webhooks.create({ url: 'https://partner.example.com/hooks', events: ['product.created'] } as never);
    await nexus().products.create(product('HOOK-1'));
    const ping = await nexus().webhooks.test(endpoint.id);
    await mock.webhooks.settled();

    const rows = (await nexus().webhooks.listDeliveries(endpoint.id)).data;
    expect(rows.map((r) => [r.event_type, r.status, r.status_code]).sort()).toEqual([
      ['ping', 'succeeded', 204],
      ['product.created', 'succeeded', 204],
    ]);
    expect(rows.find((r) => r.event_type === 'ping')!.id).toBe(ping.id);
    // The seeded endpoint hears the product too (it subscribes to product.created), and only that.
    expect((await nexus().webhooks.listDeliveries(seeded.id)).data.map((r) => [r.event_type, r.status])).toEqual([['product.created', 'succeeded']]);
  });

  it('records each domain event, signed so the SDK verifies it', async () => {
    const heard: string[] = [];
    const stop = mock.webhooks.on('product.created', (hook) => heard.push(hook.id));
    await nexus().products.create(product('CHAI-250'));
    await nexus().products.update('CHAI-250', { price: '259.00' });
    stop();

    const [created] = mock.webhooks.list('product.created');
    expect(mock.webhooks.list().map((w) => w.type)).toEqual(['product.created', 'product.updated']);
    expect(heard).toEqual([created!.id]);
    const event = await verifyWebhook<{ id: string; type: string; data: { sku: string } }>({
      payload: created!.body,
      headers: created!.headers,
      secret: mock.webhooks.secret,
    });
    expect(event).toMatchObject({ id: created!.id, type: 'product.created', data: { sku: 'CHAI-250' } });
    await expect(
      verifyWebhook({ payload: created!.body.replace('CHAI', 'CHAl'), headers: created!.headers, secret: mock.webhooks.secret }),
    ).rejects.toMatchObject({ reason: 'invalid_signature' });
  });

  it('does not record reads or the seed', async () => {
    await nexus().products.get('TSH-00001').catch(() => {});
    await nexus().products.list({ limit: 5 });
    expect(mock.webhooks.list()).toEqual([]);
  });
});
