import { describe, expect, it } from 'vitest';
import { createAccount, issueApiKey } from './domain/accounts.js';
import { bundledSpec } from './spec/document.js';
import { productBody, setup } from './test/harness.js';

// Every record of account A (test mode) carries SECRET in its natural key or name, so a response
// that leaks one is easy to spot whatever its shape.
const SKU = 'A-SECRET-TEE';
const EBOOK = 'A-SECRET-EBOOK';
const PHONE = '+919800000001';

type Expect =
  | 'hidden' // names one of A's records in its path: must answer 404
  | 'list' // a list: must hold none of A's records
  | 'refused' // refers to A's records in its body or query: must not act on them
  | 'own'; // creates or reads in the caller's own partition only

/** How each operation is called from another partition, and what it must answer. */
const plan: Record<string, { expect: Expect; body?: unknown; query?: string; status?: number }> = {
  getHealth: { expect: 'own' },
  getMe: { expect: 'own' },
  listProducts: { expect: 'list' },
  createProduct: { expect: 'own', body: productBody({ sku: 'B-OWN-1' }) },
  getProduct: { expect: 'hidden' },
  updateProduct: { expect: 'hidden', body: { title: 'hijacked' } },
  deleteProduct: { expect: 'hidden' },
  getProductPrice: { expect: 'hidden' },
  bulkUpdateProducts: { expect: 'refused', body: { items: [{ sku: SKU, title: 'hijacked' }] }, status: 200 },
  batchUpsertProducts: { expect: 'own', body: { items: [productBody({ sku: 'B-OWN-2' })] } },
  syncProduct: { expect: 'hidden', body: { marketplaces: ['amazon'] } },
  listCategories: { expect: 'list' },
  createCategory: { expect: 'own', body: { category_code: 'b-own', name: 'Own' } },
  getCategory: { expect: 'hidden' },
  updateCategory: { expect: 'hidden', body: { name: 'hijacked' } },
  batchUpsertCategories: { expect: 'own', body: { items: [{ category_code: 'b-own-2', name: 'Own' }] } },
  listDealers: { expect: 'list' },
  createDealer: { expect: 'own', body: { code: 'B-OWN', name: 'Own' } },
  getDealer: { expect: 'hidden' },
  updateDealer: { expect: 'hidden', body: { name: 'hijacked' } },
  batchUpsertDealers: { expect: 'own', body: { items: [{ code: 'B-OWN-2', name: 'Own' }] } },
  listInventory: { expect: 'list' },
  getInventoryForSku: { expect: 'hidden' },
  adjustInventory: { expect: 'refused', body: { sku: SKU, location_code: 'WH-1', delta: 1, reason: 'received' }, status: 404 },
  batchSetInventory: { expect: 'own', body: { items: [{ sku: 'B-OWN-1', location_code: 'WH-1', on_hand: 1 }] } },
  addLicenses: { expect: 'refused', body: { sku: EBOOK, keys: ['STOLEN-1'] }, status: 404 },
  getLicenseCounts: { expect: 'refused', query: `sku=${EBOOK}`, status: 404 },
  listCustomers: { expect: 'list' },
  createCustomer: { expect: 'own', body: { name: 'Own customer' } },
  getCustomer: { expect: 'hidden' },
  updateCustomer: { expect: 'hidden', body: { name: 'hijacked' } },
  getCustomerByPhone: { expect: 'hidden' },
  getWallet: { expect: 'hidden' },
  rechargeWallet: { expect: 'hidden', body: { amount: '1.00' } },
  listWalletTransactions: { expect: 'hidden' },
  getWalletByPhone: { expect: 'hidden' },
  rechargeWalletByPhone: { expect: 'hidden', body: { amount: '1.00' } },
  listOrders: { expect: 'list' },
  createOrder: { expect: 'refused', status: 400 },
  getOrder: { expect: 'hidden' },
  updateOrder: { expect: 'hidden', body: { status: 'cancelled' } },
  batchImportOrders: {
    expect: 'own',
    body: { items: [{ location_code: 'WH-1', payment_method: 'cash', external_ref: 'B-POS-1', placed_at: '2025-12-14T11:20:00Z', items: [{ sku: 'B-OWN-1', quantity: 1, unit_price: '1.00' }] }] },
  },
  listJobs: { expect: 'list' },
  getJob: { expect: 'hidden' },
  cancelJob: { expect: 'hidden' },
  listWebhooks: { expect: 'list' },
  createWebhook: { expect: 'own', body: { url: 'https://b.example.com/hooks', events: ['ping'] } },
  getWebhook: { expect: 'hidden' },
  updateWebhook: { expect: 'hidden', body: { description: 'hijacked' } },
  deleteWebhook: { expect: 'hidden' },
  rotateWebhookSecret: { expect: 'hidden' },
  testWebhook: { expect: 'hidden' },
  listWebhookDeliveries: { expect: 'hidden' },
  redeliverWebhookDelivery: { expect: 'hidden' },
};

const METHODS = ['get', 'post', 'patch', 'delete'] as const;
const operations = Object.entries(bundledSpec.paths).flatMap(([path, item]) =>
  METHODS.filter((m) => (item as Record<string, unknown>)[m]).map((method) => ({
    path,
    method: method.toUpperCase(),
    operationId: ((item as Record<string, { operationId: string }>)[method]!).operationId,
  })),
);

/** Account A's records, created through the API in A's test partition. */
async function seedAccountA(call: Awaited<ReturnType<typeof setup>>['call']) {
  const ok = async (method: string, path: string, body?: unknown) => {
    const res = await call(method, path, { body });
    expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    return res.body?.data;
  };
  await ok('POST', '/v1/categories', { category_code: 'a-secret-cat', name: 'A SECRET category' });
  await ok('POST', '/v1/products', productBody({ sku: SKU, status: 'active', category_code: 'a-secret-cat' }));
  await ok('POST', '/v1/products', productBody({ sku: EBOOK, status: 'active', kind: 'digital' }));
  await ok('POST', '/v1/dealers', { code: 'A-SECRET-DLR', name: 'A SECRET dealer' });
  await ok('POST', '/v1/inventory/adjustments', { sku: SKU, location_code: 'WH-1', delta: 5, reason: 'received' });
  await ok('POST', '/v1/inventory/licenses', { sku: EBOOK, keys: ['A-SECRET-KEY-1', 'A-SECRET-KEY-2'] });
  const customer = await ok('POST', '/v1/customers', { name: 'A SECRET customer', phone: PHONE });
  await ok('POST', `/v1/customers/${customer.id}/wallet/recharge`, { amount: '100.00' });
  const order = await ok('POST', '/v1/orders', {
    customer_id: customer.id, location_code: 'WH-1', payment_method: 'cash', items: [{ sku: SKU, quantity: 1 }],
  });
  const job = await ok('POST', '/v1/products/batch', { items: [productBody({ sku: 'A-SECRET-BATCH' })] });
  const hook = await ok('POST', '/v1/webhooks', { url: 'https://a-secret.example.com/hooks', events: ['order.created'] });
  const delivery = await ok('POST', `/v1/webhooks/${hook.id}/test`);
  return {
    sku: SKU, category_code: 'a-secret-cat', code: 'A-SECRET-DLR', customer_id: customer.id as string,
    phone: PHONE, order_id: order.id as string, job_id: job.job_id as string, webhook_id: hook.id as string,
    delivery_id: delivery.id as string,
  };
}

describe('tenancy: no operation reaches another account or the other mode', () => {
  it('has a plan for every operation of the spec', () => {
    expect(operations.map((o) => o.operationId).sort()).toEqual(Object.keys(plan).sort());
  });

  it('answers every operation from account B and from live mode without touching account A', async () => {
    const { call, store, clock, account } = await setup();
    const ids = await seedAccountA(call);
    const secrets = ['SECRET', ...Object.values(ids).filter((v) => !v.includes('SECRET'))];
    const pathOf = (template: string) =>
      template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(ids[name as keyof typeof ids]));

    // A's records as A sees them, to compare after everyone else has had a go.
    const readable = operations.filter((o) => o.method === 'GET' && o.path.includes('{'));
    const snapshot = async () =>
      Promise.all(readable.map(async (o) => (await call('GET', pathOf(o.path))).body));
    const before = await snapshot();

    const other = await createAccount(store, clock, 'Other');
    const intruders = {
      'account B': (await issueApiKey(store, clock, { accountId: other.id, mode: 'test' })).secret,
      'live mode of A': (await issueApiKey(store, clock, { accountId: account.id, mode: 'live' })).secret,
    };
    for (const [who, key] of Object.entries(intruders)) {
      for (const op of operations) {
        const step = plan[op.operationId]!;
        let body = step.body;
        if (op.operationId === 'createOrder') {
          body = { customer_id: ids.customer_id, location_code: 'WH-1', payment_method: 'cash', items: [{ sku: SKU, quantity: 1 }] };
        }
        const path = pathOf(op.path) + (step.query ? `?${step.query}` : '');
        const res = await call(op.method, path, { key, body });
        const where = `${who}: ${op.operationId} ${op.method} ${path} → ${res.status} ${JSON.stringify(res.body)}`;
        // An error may echo what the caller itself sent (its own input is no leak): drop those values.
        const sent = [...new Set([...decodeURIComponent(path).split(/[/?=&]/), ...JSON.stringify(body ?? {}).split('"')])].filter((v) => v.length > 3);
        const text = sent.reduce((t, value) => t.replaceAll(value, ''), JSON.stringify(res.body ?? ''));
        for (const secret of secrets) expect(text.includes(secret), where).toBe(false);
        if (step.expect === 'hidden') expect(res.status, where).toBe(404);
        if (step.expect === 'list') expect(res.status, where).toBe(200);
        if (step.expect === 'refused') expect(res.status, where).toBe(step.status);
        if (step.expect === 'own') expect(res.status, where).toBeLessThan(300);
        if (op.operationId === 'bulkUpdateProducts') expect(res.body.data, where).toMatchObject({ updated: 0, failed: 1 });
      }
    }
    expect(await snapshot()).toEqual(before);
  });
});
