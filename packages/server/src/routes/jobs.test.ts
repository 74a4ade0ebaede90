import { describe, expect, it } from 'vitest';
import { jobNotifier } from '../domain/jobs/notifier.js';
import { createJobWorker } from '../domain/job-types.js';
import type { Store } from '../store/port.js';
import { createMemoryStore } from '../store/memory/memory-store.js';
import { loadMigrations } from '../node/migration-files.js';
import { createPgliteClient } from '../node/pglite-client.js';
import { createSqlStore } from '../store/sql/sql-store.js';
import { productBody, setup } from '../test/harness.js';

const stores: [string, () => Promise<Store>][] = [
  ['memory', async () => createMemoryStore()],
  ['PGlite', async () => createSqlStore(await createPgliteClient(), { migrations: loadMigrations() })],
];

describe.each(stores)('jobs on %s', (_name, makeStore) => {
  async function withJobs() {
    const ctx = await setup({}, await makeStore());
    const worker = createJobWorker({ store: ctx.store, clock: ctx.clock });
    return { ...ctx, worker };
  }

  it('runs a products.batch job: upserts, per-record errors, progress, job.completed', async () => {
    const { call, worker, store, account } = await withJobs();
    await call('POST', '/v1/products', { body: productBody({ sku: 'OLD-1', price: '10.00' }) });
    const accepted = await call('POST', '/v1/products/batch', {
      body: { items: [productBody({ sku: 'OLD-1', price: '12.00' }), productBody({ sku: 'NEW-1' }), productBody({ sku: 'BAD-1', gtin: '4006381333932' })] },
    });
    expect(accepted.status).toBe(202);
    const id = accepted.body.data.job_id;

    const queued = await call('GET', `/v1/jobs/${id}`);
    expect(queued.body.data).toMatchObject({ status: 'queued', progress: { total: 3, processed: 0 }, started_at: null });
    expect(queued.headers.get('retry-after')).toBeTruthy();

    await worker.drain();
    const done = await call('GET', `/v1/jobs/${id}`);
    expect(done.body.data).toMatchObject({
      status: 'partially_failed',
      progress: { total: 3, processed: 3, succeeded: 2, failed: 1 },
      errors: [{ index: 2, code: 'INVALID_GTIN', field: 'gtin' }],
    });
    expect(done.body.data.finished_at).not.toBeNull();
    expect(done.headers.get('retry-after')).toBeNull();
    expect((await call('GET', '/v1/products/OLD-1')).body.data.price).toBe('12.00');
    expect((await call('GET', '/v1/products/NEW-1')).status).toBe(200);
    expect((await call('GET', '/v1/products/BAD-1')).status).toBe(404);

    const events = (await store.outbox.read({ accountId: account.id, mode: 'test' })).events;
    const completed = events.filter((e) => e.type === 'job.completed');
    expect(completed).toHaveLength(1);
    expect(completed[0]!.data).toMatchObject({ id, status: 'partially_failed' });
  });

  it('syncs listings from the simulated marketplaces, deterministically', async () => {
    const { call, worker } = await withJobs();
    await call('POST', '/v1/products', { body: productBody({ status: 'active' }) });
    const job = await call('POST', '/v1/products/TSHIRT-1/sync', { body: { marketplaces: ['amazon', 'flipkart'] } });
    await worker.drain();
    expect((await call('GET', `/v1/jobs/${job.body.data.job_id}`)).body.data.status).toBe('succeeded');
    const first = (await call('GET', '/v1/products/TSHIRT-1')).body.data.listings;
    expect(first.map((l: { marketplace: string }) => l.marketplace).sort()).toEqual(['amazon', 'flipkart']);
    expect(first[0]).toMatchObject({ price: '799.00', status: 'active' });
    await call('POST', '/v1/products/TSHIRT-1/sync', { body: {} });
    await worker.drain();
    const second = (await call('GET', '/v1/products/TSHIRT-1')).body.data.listings;
    const ids = (ls: { marketplace: string; external_id: string }[]) => Object.fromEntries(ls.map((l) => [l.marketplace, l.external_id]));
    expect(ids(second)).toEqual(ids(first));
  });

  it('lists jobs with filters and cursors', async () => {
    const { call, clock } = await withJobs();
    await call('POST', '/v1/products', { body: productBody() });
    for (let i = 0; i < 3; i++) {
      clock.advance(1000);
      await call('POST', '/v1/products/batch', { body: { items: [productBody({ sku: `S-${i}` })] } });
    }
    await call('POST', '/v1/products/TSHIRT-1/sync', { body: {} });
    const first = await call('GET', '/v1/jobs?limit=2&type=products.batch');
    expect(first.body.data).toHaveLength(2);
    expect(first.body.meta.has_more).toBe(true);
    const second = await call('GET', `/v1/jobs?limit=2&type=products.batch&cursor=${first.body.meta.next_cursor}`);
    expect(second.body.data).toHaveLength(1);
    expect(second.body.meta).toMatchObject({ has_more: false, next_cursor: null });
    const all = [...first.body.data, ...second.body.data];
    expect(new Set(all.map((j: { id: string }) => j.id)).size).toBe(3);
    expect(all.every((j: { type: string }) => j.type === 'products.batch')).toBe(true);
    const total = await call('GET', '/v1/jobs?include_total=true&status=queued&fields=status');
    expect(total.body.meta.total).toBe(4);
    expect(Object.keys(total.body.data[0]).sort()).toEqual(['id', 'status']);
    const reused = await call('GET', `/v1/jobs?limit=2&cursor=${first.body.meta.next_cursor}`);
    expect(reused.status).toBe(400);
    expect((await call('GET', '/v1/jobs?cursor=%21%21')).status).toBe(400);
  });

  it('cancels a queued job (nothing applied), and refuses to cancel a finished one', async () => {
    const { call, worker, newKey } = await withJobs();
    const job = await call('POST', '/v1/products/batch', { body: { items: [productBody({ sku: 'C-1' })] } });
    const id = job.body.data.job_id;
    const readOnly = await newKey({ scopes: ['jobs:read'] });
    const denied = await call('POST', `/v1/jobs/${id}/cancel`, { key: readOnly });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('SCOPE_DENIED');
    const cancelled = await call('POST', `/v1/jobs/${id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.data).toMatchObject({ status: 'cancelled', progress: { processed: 0 } });
    await worker.drain();
    expect((await call('GET', '/v1/products/C-1')).status).toBe(404);
    const again = await call('POST', `/v1/jobs/${id}/cancel`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_STATE_TRANSITION');
    expect((await call('POST', '/v1/jobs/job_0000000000000000000/cancel')).status).toBe(404);
  });

  it('announces each job queued by a batch or sync request once it is committed, and no refused one', async () => {
    const { call, store, account } = await withJobs();
    const heard: { id: string; committed: boolean }[] = [];
    const partition = { accountId: account.id, mode: 'test' as const };
    const unsubscribe = jobNotifier(store).onQueued((job) => {
      expect(job.partition).toEqual(partition);
      // Listeners run after the commit: a worker reading the job now finds it.
      void store.jobs.getState(job.partition, job.id).then((state) => heard.push({ id: job.id, committed: state?.status === 'queued' }));
    });
    try {
      const batch = await call('POST', '/v1/categories/batch', { body: { items: [{ category_code: 'a', name: 'A' }] } });
      await call('POST', '/v1/products', { body: productBody({ sku: 'S-1' }) });
      const sync = await call('POST', '/v1/products/S-1/sync', { body: {} });
      expect((await call('POST', '/v1/products/NOPE/sync', { body: {} })).status).toBe(404);
      await new Promise((r) => setTimeout(r, 0));
      expect(heard).toEqual([
        { id: batch.body.data.job_id, committed: true },
        { id: sync.body.data.job_id, committed: true },
      ]);
    } finally {
      unsubscribe();
    }
  });

  it('answers a long poll as soon as the worker finishes the job', async () => {
    const { call, worker } = await withJobs();
    const job = await call('POST', '/v1/products/batch', { body: { items: [productBody({ sku: 'W-1' })] } });
    // wait=30: only the worker's notification can end this before the test times out.
    const polled = call('GET', `/v1/jobs/${job.body.data.job_id}?wait=30`);
    await new Promise((r) => setTimeout(r, 20));
    await worker.drain();
    const res = await polled;
    expect(res.body.data.status).toBe('succeeded');
    expect(res.headers.get('retry-after')).toBeNull();
  });
});
