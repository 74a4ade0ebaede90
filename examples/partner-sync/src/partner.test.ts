// What a partner's CI runs: the partner's own sync code, against the NexusCommerce mock in this
// process (MSW + the reference server's core). No network, no server to start, deterministic data.
import { createNexusClient } from '@nexuscommerce/sdk';
import { scenarios, setupMockServer } from '@nexuscommerce/mock/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pushCatalog, type ErpItem } from './catalog-sync.js';
import { receiveWebhook } from './order-webhooks.js';

const { server, mock } = setupMockServer({ seed: 7, seedSize: { products: 40, customers: 5, orders: 0 } });
// Short backoff so the retry tests take milliseconds, not seconds.
const nexus = createNexusClient({ apiKey: mock.apiKey, baseUrl: mock.baseUrl, retry: { baseDelayMs: 10, maxDelayMs: 50 } });

beforeAll(() => server.listen());
afterEach(() => mock.reset());
afterAll(() => server.close());

const erp = (n: number): ErpItem[] =>
  Array.from({ length: n }, (_, i) => ({ itemCode: `ERP-${String(i + 1).padStart(4, '0')}`, description: `ERP item ${i + 1}`, mrp: 100 + i }));

describe('pushing the ERP catalog', () => {
  it('imports every valid item and reports the one with a bad barcode', async () => {
    const items = erp(120);
    items[57] = { ...items[57]!, barcode: '8901234567891' }; // wrong check digit
    const report = await pushCatalog(nexus, items);
    expect(report).toEqual({
      imported: 119,
      rejected: [{ itemCode: 'ERP-0058', code: 'INVALID_GTIN', reason: expect.stringMatching(/^gtin /) }],
    });
    expect(await nexus.products.get('ERP-0120')).toMatchObject({ title: 'ERP item 120', price: '219.00', status: 'active' });
    await expect(nexus.products.get('ERP-0058')).rejects.toMatchObject({ status: 404 });
  });

  it('rides out a 429 and a 503: the SDK waits and retries, nothing is imported twice', async () => {
    mock.use(
      scenarios.rateLimited({ retryAfterSec: 0, times: 1, match: 'batchUpsertProducts' }),
      scenarios.serverError({ status: 503, retryAfterSec: 0, times: 1, match: 'getJob' }),
    );
    const statuses: number[] = [];
    const watched = createNexusClient({
      apiKey: mock.apiKey,
      baseUrl: mock.baseUrl,
      retry: { baseDelayMs: 10, maxDelayMs: 50 },
      fetch: async (request) => {
        const response = await fetch(request);
        statuses.push(response.status);
        return response;
      },
    });
    const report = await pushCatalog(watched, erp(60));
    expect(report).toEqual({ imported: 60, rejected: [] });
    expect(statuses.filter((s) => s >= 400).sort()).toEqual([429, 503]);
    const jobs = await nexus.jobs.list({ type: 'products.batch' } as never);
    expect(jobs.data.map((j) => j.progress.total).sort()).toEqual([10, 50]);
  });

  it('reports every record of a batch whose job failed, and carries on with the others', async () => {
    mock.use(scenarios.jobFails({ times: 1, code: 'UNAVAILABLE', issue: 'Catalog service is down.' }));
    const report = await pushCatalog(nexus, erp(75));
    expect(report.imported).toBe(25);
    expect(report.rejected).toHaveLength(50);
    expect(new Set(report.rejected.map((r) => r.code))).toEqual(new Set(['UNAVAILABLE']));
  });
});

describe('receiving order webhooks', () => {
  it('books a sales order from a signed order.created, and refuses a tampered one', async () => {
    const level = (await nexus.inventory.list({ limit: 100 } as never)).data.find((l) => l.available >= 2 && l.location_code === 'WH-MUMBAI')!;
    const product = await nexus.products.get(level.sku);
    if (product.status !== 'active') await nexus.products.update(product.sku, { status: 'active' });
    await nexus.orders.create({ location_code: level.location_code, items: [{ sku: level.sku, quantity: 2 }], payment_method: 'card' } as never);

    const [hook] = mock.webhooks.list('order.created');
    const order = await receiveWebhook(hook!.body, hook!.headers as unknown as Record<string, string>, mock.webhooks.secret);
    expect(order).toMatchObject({ orderNo: expect.stringMatching(/^ORD-/), lines: [{ itemCode: level.sku, qty: 2 }] });

    const tampered = hook!.body.replace('"quantity":2', '"quantity":20');
    await expect(receiveWebhook(tampered, hook!.headers as unknown as Record<string, string>, mock.webhooks.secret)).rejects.toThrow();
    // Events the sync does not book are acknowledged and ignored.
    const [stock] = mock.webhooks.list('inventory.updated');
    expect(await receiveWebhook(stock!.body, stock!.headers as unknown as Record<string, string>, mock.webhooks.secret)).toBeNull();
  });
});
