import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, issueApiKey } from './domain/accounts.js';
import { bundledSpec } from './spec/document.js';
import { memoryHarness, pgliteHarness, postgresHarness, type StoreHarness } from './store/testing/harness.js';
import { productBody, setup } from './test/harness.js';
import { skipBecause } from './test/skip.js';

// Every list operation of the spec (marked `x-pagination: cursor`), with the sort by time it offers.
interface ListOperation {
  id: string;
  path: string;
  timeSort: string;
}

const LISTS: ListOperation[] = Object.entries(bundledSpec.paths as Record<string, Record<string, any>>).flatMap(([path, item]) => {
  const get = item.get;
  if (!get || get['x-pagination'] !== 'cursor') return [];
  const sort = (get.parameters as { name?: string; schema?: { enum?: string[] } }[]).find((p) => p.name === 'sort');
  const timeSort = sort?.schema?.enum?.find((name) => name === 'created_at' || name === 'updated_at');
  if (!timeSort) throw new Error(`${get.operationId} has no sort by time; give this test one for it`);
  return [{ id: get.operationId as string, path, timeSort }];
});

type Call = Awaited<ReturnType<typeof setup>>['call'];

/** Two rows in every list of the spec, and the path parameters of the lists that have a parent. */
async function fillEveryList(call: Call): Promise<Record<string, string>> {
  const ok = async (method: string, path: string, body: unknown) => {
    const res = await call(method, path, { body });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data;
  };
  for (const sku of ['TEE-A', 'TEE-B']) {
    await ok('POST', '/v1/products', productBody({ sku, status: 'active' }));
    await ok('POST', '/v1/inventory/adjustments', { sku, location_code: 'WH-1', delta: 5, reason: 'received' });
    await ok('POST', '/v1/products/batch', { items: [productBody({ sku: `${sku}-BATCH` })] });
  }
  for (const code of ['root-a', 'root-b']) await ok('POST', '/v1/categories', { category_code: code, name: code });
  for (const code of ['DLR-1', 'DLR-2']) await ok('POST', '/v1/dealers', { code, name: code });
  const customer = await ok('POST', '/v1/customers', { name: 'Asha' });
  await ok('POST', '/v1/customers', { name: 'Bala' });
  for (const amount of ['100.00', '200.00']) await ok('POST', `/v1/customers/${customer.id}/wallet/recharge`, { amount });
  for (let i = 0; i < 2; i++) {
    await ok('POST', '/v1/orders', { location_code: 'WH-1', payment_method: 'cash', items: [{ sku: 'TEE-A', quantity: 1 }] });
  }
  const endpoint = await ok('POST', '/v1/webhooks', { url: 'https://partner.example.com/hooks', events: ['ping'] });
  await ok('POST', '/v1/webhooks', { url: 'https://partner.example.com/other', events: ['ping'] });
  for (let i = 0; i < 2; i++) await ok('POST', `/v1/webhooks/${endpoint.id}/test`, undefined);
  return { customer_id: customer.id, webhook_id: endpoint.id };
}

const b64uToBytes = (text: string) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
const bytesToB64u = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/**
 * The issue's forgery: decode, move the position to 30 February (which `Date.parse` accepts),
 * encode again. Whatever the cursor's layout, the instant is plain text inside it.
 */
function moveToFebruary30(cursor: string): string {
  const bytes = b64uToBytes(cursor);
  const at = new TextDecoder('latin1').decode(bytes).search(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  if (at < 0) throw new Error('no instant in the cursor');
  bytes.set(new TextEncoder().encode('2024-02-30'), at);
  return bytesToB64u(bytes);
}

const url = process.env.DATABASE_URL;
const stores: [string, () => Promise<StoreHarness>][] = [['memory', memoryHarness], ['PGlite', pgliteHarness]];
if (url) stores.push(['PostgreSQL', () => postgresHarness(url)]);
else describe('forged cursors on PostgreSQL', () => skipBecause('forged cursors on PostgreSQL', 'set DATABASE_URL to run it'));

describe.each(stores)('forged and foreign cursors on every list operation (%s)', (_, open) => {
  let harness: StoreHarness;
  let call: Call;
  let otherAccountKey: string;
  let liveKey: string;
  const pathOf = (list: ListOperation, params: Record<string, string>) =>
    list.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (!params[name]) throw new Error(`${list.id}: no value for {${name}}; fill that list too`);
      return params[name]!;
    });
  const cursors = new Map<string, string>();
  const urlOf = new Map<string, string>();

  beforeAll(async () => {
    harness = await open();
    // A few hundred requests: more than a starter key may send in a minute.
    const roomy = { per_minute: 100_000, per_hour: 1_000_000 };
    const app = await setup({ planLimits: { starter: roomy, growth: roomy, enterprise: roomy } }, harness.store());
    call = app.call;
    const params = await fillEveryList(call);
    liveKey = await app.newKey({ mode: 'live' });
    const other = await createAccount(harness.store(), app.clock, 'Other');
    otherAccountKey = (await issueApiKey(harness.store(), app.clock, { accountId: other.id, mode: 'test' })).secret;
    for (const list of LISTS) {
      const base = `${pathOf(list, params)}?limit=1&sort=${list.timeSort}`;
      const first = await call('GET', base);
      expect(first.status, list.id).toBe(200);
      expect(first.body.meta.next_cursor, `${list.id} has a second page`).toEqual(expect.any(String));
      cursors.set(list.id, first.body.meta.next_cursor);
      urlOf.set(list.id, base);
    }
  }, 120_000);
  afterAll(async () => harness?.close());

  const expectRefused = (res: { status: number; body: any }, what: string) => {
    expect(res.status, what).toBe(400);
    expect(res.body.error.code, what).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.map((d: { field: string }) => d.field), what).toEqual(['cursor']);
  };

  it('finds the list operations in the spec', () => {
    expect(LISTS.map((l) => l.id)).toEqual(expect.arrayContaining(['listProducts', 'listOrders', 'listWebhooks']));
  });

  it.each(LISTS.map((l) => [l.id, l] as const))('%s: its own cursor gives the next page', async (id) => {
    const next = await call('GET', `${urlOf.get(id)}&cursor=${cursors.get(id)}`);
    expect(next.status).toBe(200);
    expect(next.body.data).toHaveLength(1);
  });

  it.each(LISTS.map((l) => [l.id, l] as const))('%s: an edited position is 400, never 500 or a page', async (id) => {
    expectRefused(await call('GET', `${urlOf.get(id)}&cursor=${moveToFebruary30(cursors.get(id)!)}`), id);
  });

  it.each(LISTS.map((l) => [l.id, l] as const))('%s: a cursor of any other list is 400', async (id) => {
    for (const other of LISTS.filter((l) => l.id !== id)) {
      expectRefused(await call('GET', `${urlOf.get(id)}&cursor=${cursors.get(other.id)}`), `${other.id} cursor on ${id}`);
    }
  });

  // Lists under a parent (a customer, an endpoint) answer 404 to other keys before any cursor is read.
  const topLevel = LISTS.filter((l) => !l.path.includes('{'));
  it.each(topLevel.map((l) => [l.id, l] as const))('%s: the cursor of another account or mode is 400', async (id) => {
    // Their lists are empty: a cursor that crossed over would answer an empty page (200).
    for (const key of [otherAccountKey, liveKey]) {
      expectRefused(await call('GET', `${urlOf.get(id)}&cursor=${cursors.get(id)}`, { key }), `${id} with another key`);
    }
  });

  it('a cursor of one parent is 400 under another (deliveries of another endpoint)', async () => {
    const other = (await call('GET', '/v1/webhooks?limit=2')).body.data.map((e: { id: string }) => e.id);
    const deliveries = LISTS.find((l) => l.id === 'listWebhookDeliveries')!;
    const [first, second] = other as string[];
    const cursor = cursors.get(deliveries.id)!;
    const urlFor = (id: string) => `${deliveries.path.replace('{webhook_id}', id)}?limit=1&sort=${deliveries.timeSort}&cursor=${cursor}`;
    const results = await Promise.all([first!, second!].map((id) => call('GET', urlFor(id))));
    // One of the two is the endpoint the cursor was made for; the other refuses it.
    expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
  });
});
