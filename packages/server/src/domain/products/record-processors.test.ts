import { describe, expect, it } from 'vitest';
import { createJobWorker, JOB_TYPES } from '../job-types.js';
import type { JobTypes } from '../jobs/processors.js';
import { createMemoryStore } from '../../store/memory/memory-store.js';
import type { Store } from '../../store/port.js';
import { loadMigrations } from '../../node/migration-files.js';
import { createPgliteClient } from '../../node/pglite-client.js';
import { createSqlStore } from '../../store/sql/sql-store.js';
import { productBody, setup } from '../../test/harness.js';

const item = (sku: string, extra: Record<string, unknown> = {}) => productBody({ sku, ...extra });

/** Fresh records, an update, each rule failing, repeats within a chunk, and external_refs. */
const ITEMS = [
  item('NEW-1'),
  item('OLD-1', { price: '12.00' }),
  item('NEW-2', { gtin: '4006381333932' }),
  item('NEW-3', { category_code: 'nope' }),
  item('NEW-4', { external_ref: 'ERP-OLD-1' }),
  // A chunk where two records name NEW-5 and two name OLD-1: later ones build on earlier ones.
  item('NEW-5'),
  item('NEW-5', { title: 'Renamed in the same batch' }),
  item('NEW-6', { category_code: 'tees' }),
  item('OLD-1', { price: '13.00' }),
  item('NEW-7', { external_ref: 'ERP-7' }),
  item('NEW-8', { external_ref: 'ERP-8', status: 'active' }),
  item('NEW-9', { external_ref: 'ERP-7' }),
];

async function runBatch(store: Store, types: JobTypes) {
  const { call, clock } = await setup({}, store);
  await call('POST', '/v1/categories', { body: { category_code: 'tees', name: 'Tees' } });
  await call('POST', '/v1/products', { body: item('OLD-1', { external_ref: 'ERP-OLD-1' }) });
  const accepted = await call('POST', '/v1/products/batch', { body: { items: ITEMS } });
  await createJobWorker({ store, clock, chunkSize: 5, types }).drain();
  const job = (await call('GET', `/v1/jobs/${accepted.body.data.job_id}`)).body.data;
  const products = (await call('GET', '/v1/products?sort=sku&order=asc&limit=100')).body.data;
  const accountEvents = await Promise.all((await store.accounts.list()).map(async (a) => (await store.outbox.read({ accountId: a.id, mode: 'test' })).events));
  // job.completed names the job and the request, whose ids differ between runs by design.
  const events = accountEvents.flat().filter((e) => e.type !== 'job.completed').map((e) => ({ type: e.type, data: e.data }));
  return { status: job.status, progress: job.progress, errors: job.errors, products, events };
}

describe.each([
  ['memory', async () => createMemoryStore()],
  ['PGlite', async () => createSqlStore(await createPgliteClient(), { migrations: loadMigrations() })],
])('products.batch set-based on %s', (_name, open) => {
  it('gives exactly the outcome of applying the records one by one', async () => {
    const oneByOne = await runBatch(await open(), { 'products.batch': { record: JOB_TYPES['products.batch']!.record } });
    const setBased = await runBatch(await open(), JOB_TYPES);
    expect(setBased).toEqual(oneByOne);
    // And that outcome is the one the rules call for.
    expect(oneByOne.progress).toEqual({ total: 12, processed: 12, succeeded: 8, failed: 4 });
    expect(oneByOne.errors.map((e: { index: number; code: string; field: string }) => [e.index, e.code, e.field])).toEqual([
      [2, 'INVALID_GTIN', 'gtin'], [3, 'VALIDATION_FAILED', 'category_code'], [4, 'VALIDATION_FAILED', 'external_ref'], [11, 'VALIDATION_FAILED', 'external_ref'],
    ]);
    const bySku = Object.fromEntries(oneByOne.products.map((p: { sku: string }) => [p.sku, p]));
    expect(bySku['OLD-1'].price).toBe('13.00');
    expect(bySku['NEW-5'].title).toBe('Renamed in the same batch');
    expect(oneByOne.events.filter((e) => e.type.startsWith('product.')).map((e) => `${e.type}:${(e.data as { sku: string }).sku}`)).toEqual([
      'product.created:OLD-1', 'product.created:NEW-1', 'product.updated:OLD-1', 'product.created:NEW-5', 'product.updated:NEW-5',
      'product.created:NEW-6', 'product.updated:OLD-1', 'product.created:NEW-7', 'product.created:NEW-8',
    ]);
  });
});
