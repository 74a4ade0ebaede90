import { describe, expect, it } from 'vitest';
import type { ProductListQuery, ProductSort } from '../types.js';
import { LIVE_A, LIVE_B, productRecord, TEST_A } from './fixtures.js';
import type { Store } from '../port.js';

const minute = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString();

/** Registers the behaviour every store adapter must have, so memory and SQL cannot drift. */
export function storeSuite(store: () => Store): void {
  describe('store', () => {
    describe('products', () => {
      it('inserts, reads, updates, and reports duplicates', async () => {
        const product = productRecord({ external_ref: 'ERP-1', images: ['https://x.example/a.jpg'], attributes: { size: 'M' }, weight_kg: 0.5, price: '799.00' });
        expect(await store().insertProduct(TEST_A, product)).toBe('created');
        expect(await store().getProduct(TEST_A, 'SKU-1')).toEqual({ ...product, listings: [] });
        expect(await store().insertProduct(TEST_A, product)).toBe('duplicate_sku');
        expect(await store().insertProduct(TEST_A, productRecord({ sku: 'SKU-2', external_ref: 'ERP-1' }))).toBe('duplicate_external_ref');
        expect(await store().findProductSkuByExternalRef(TEST_A, 'ERP-1')).toBe('SKU-1');
        const changed = { ...product, title: 'Renamed', cost_price: '1.50', updated_at: minute(9) };
        expect(await store().updateProduct(TEST_A, changed)).toBe(true);
        expect(await store().getProduct(TEST_A, 'SKU-1', { forUpdate: true })).toEqual({ ...changed, listings: [] });
        expect(await store().updateProduct(TEST_A, productRecord({ sku: 'NOPE' }))).toBe(false);
      });

      it('keeps accounts and modes apart', async () => {
        await store().insertProduct(TEST_A, productRecord({ external_ref: 'R' }));
        expect(await store().getProduct(LIVE_A, 'SKU-1')).toBeNull();
        expect(await store().getProduct(LIVE_B, 'SKU-1')).toBeNull();
        expect(await store().insertProduct(LIVE_A, productRecord({ external_ref: 'R' }))).toBe('created');
        expect((await store().listProducts(LIVE_B, listQuery())).items).toEqual([]);
      });

      it('attaches listings and filters by marketplace', async () => {
        await store().insertProduct(TEST_A, productRecord());
        await store().insertProduct(TEST_A, productRecord({ sku: 'SKU-2' }));
        const listing = { marketplace: 'amazon', external_id: 'B0X', price: '9.00', quantity: 3, status: 'active', last_synced_at: minute(1) };
        await store().putListing(TEST_A, 'SKU-1', listing);
        expect((await store().getProduct(TEST_A, 'SKU-1'))?.listings).toEqual([listing]);
        const page = await store().listProducts(TEST_A, listQuery({ filters: { marketplace: 'amazon' } }));
        expect(page.items.map((p) => p.sku)).toEqual(['SKU-1']);
        expect(page.items[0]?.listings).toEqual([listing]);
      });

      it('filters by status, kind, category, search and updated_since, and counts', async () => {
        await store().insertProduct(TEST_A, productRecord({ sku: 'A-1', title: 'Red 100% Cotton', status: 'active', category_code: 'tees' }));
        await store().insertProduct(TEST_A, productRecord({ sku: 'B-2', title: 'Blue', kind: 'digital', gtin: '4006381333931', updated_at: minute(30) }));
        await store().insertProduct(TEST_A, productRecord({ sku: 'C_3', title: 'green', status: 'active' }));
        const skus = async (filters: ProductListQuery['filters']) =>
          (await store().listProducts(TEST_A, listQuery({ filters, sort: 'sku', order: 'asc' }))).items.map((p) => p.sku);
        expect(await skus({ status: 'active' })).toEqual(['A-1', 'C_3']);
        expect(await skus({ kind: 'digital' })).toEqual(['B-2']);
        expect(await skus({ category_code: 'tees' })).toEqual(['A-1']);
        expect(await skus({ search: 'GREEN' })).toEqual(['C_3']);
        expect(await skus({ search: '0%' })).toEqual(['A-1']);
        expect(await skus({ search: '_' })).toEqual(['C_3']);
        expect(await skus({ search: '333931' })).toEqual(['B-2']);
        expect(await skus({ updated_since: minute(10) })).toEqual(['B-2']);
        const counted = await store().listProducts(TEST_A, listQuery({ filters: { status: 'active' }, limit: 1, includeTotal: true }));
        expect(counted).toMatchObject({ total: 2, hasMore: true });
      });

      it.each(['sku', 'title', 'created_at', 'updated_at'] as ProductSort[])('pages by keyset on %s in both orders', async (sort) => {
        // Equal sort values on purpose: the SKU must break ties the same way everywhere.
        for (let i = 0; i < 11; i++) {
          const at = minute(i % 4);
          await store().insertProduct(TEST_A, productRecord({ sku: `SKU-${String(i).padStart(2, '0')}`, title: `T${i % 3}`, created_at: at, updated_at: at }));
        }
        for (const order of ['asc', 'desc'] as const) {
          const all = (await store().listProducts(TEST_A, listQuery({ sort, order, limit: 200 }))).items;
          const seen: string[] = [];
          let after: ProductListQuery['after'];
          for (let guard = 0; guard < 10; guard++) {
            const page = await store().listProducts(TEST_A, listQuery({ sort, order, limit: 4, after }));
            seen.push(...page.items.map((p) => p.sku));
            if (!page.hasMore) break;
            const last = page.items.at(-1)!;
            after = { value: String(last[sort]), keys: [last.sku] };
          }
          expect(seen).toEqual(all.map((p) => p.sku));
          const keys = all.map((p) => `${p[sort]}|${p.sku}`);
          const sorted = [...keys].sort();
          expect(keys).toEqual(order === 'asc' ? sorted : sorted.reverse());
        }
      });
    });

    describe('transactions', () => {
      it('commits a write and its outbox event together', async () => {
        await store().transaction(async (tx) => {
          await tx.insertProduct(TEST_A, productRecord());
          await tx.appendEvent(TEST_A, { id: 'evt_1', type: 'product.created', data: { sku: 'SKU-1' }, created_at: minute(0) });
        });
        expect(await store().getProduct(TEST_A, 'SKU-1')).not.toBeNull();
        expect(await store().listEvents(TEST_A)).toEqual([{ id: 'evt_1', type: 'product.created', data: { sku: 'SKU-1' }, created_at: minute(0) }]);
        expect(await store().listEvents(LIVE_A)).toEqual([]);
      });

      it('rolls back every write when the function throws', async () => {
        await store().insertProduct(TEST_A, productRecord({ sku: 'KEEP' }));
        const failing = store().transaction(async (tx) => {
          await tx.insertProduct(TEST_A, productRecord());
          await tx.updateProduct(TEST_A, productRecord({ sku: 'KEEP', title: 'changed' }));
          await tx.appendEvent(TEST_A, { id: 'evt_1', type: 'product.created', data: {}, created_at: minute(0) });
          throw new Error('boom');
        });
        await expect(failing).rejects.toThrow('boom');
        expect(await store().getProduct(TEST_A, 'SKU-1')).toBeNull();
        expect((await store().getProduct(TEST_A, 'KEEP'))?.title).toBe('A product');
        expect(await store().listEvents(TEST_A)).toEqual([]);
      });
    });

    it('reports the backlog: the oldest queued job and the oldest unpublished event, across partitions', async () => {
      expect(await store().backlog()).toEqual({ oldestQueuedJobAt: null, oldestUnpublishedEventAt: null });
      const job = (id: string, at: string) => ({ id, type: 'products.batch', status: 'queued' as const, total: 1, request_id: 'r', payload: { items: [1] }, created_at: at });
      await store().createJob(LIVE_A, job('job_0000000000000002', minute(2)));
      await store().createJob(TEST_A, job('job_0000000000000001', minute(3)));
      await store().appendEvent(TEST_A, { id: 'evt_1', type: 'ping', data: {}, created_at: minute(4) });
      await store().appendEvent(LIVE_A, { id: 'evt_2', type: 'ping', data: {}, created_at: minute(5) });
      expect(await store().backlog()).toEqual({ oldestQueuedJobAt: minute(2), oldestUnpublishedEventAt: minute(4) });
      await store().markEventsPublished(['evt_1'], minute(6));
      await store().updateJob(LIVE_A, 'job_0000000000000002', { status: 'running' });
      expect(await store().backlog()).toEqual({ oldestQueuedJobAt: minute(3), oldestUnpublishedEventAt: minute(5) });
    });

    it('prunes what is past retention, in batches, and keeps the rest', async () => {
      const finishedAt: [string, string | null][] = [
        ['job_0000000000000001', minute(1)], ['job_0000000000000002', minute(2)], ['job_0000000000000003', minute(30)], ['job_0000000000000004', null],
      ];
      for (const [id, finished] of finishedAt) {
        await store().createJob(TEST_A, { id, type: 'products.batch', status: 'queued', total: 1, request_id: 'r', payload: { items: [1] }, created_at: minute(0) });
        if (finished) await store().updateJob(TEST_A, id, { status: 'succeeded', finished_at: finished });
      }
      await store().insertWebhookEndpoint(TEST_A, {
        id: 'whk_0000000000000001', url: 'https://partner.example.com/h', events: ['ping'], description: null, enabled: true, disabled_reason: null,
        secret: 'whsec_x', previous_secret: null, previous_secret_expires_at: null, created_at: minute(0), updated_at: minute(0),
      });
      for (const [id, at] of [['dlv_0000000000000001', minute(3)], ['dlv_0000000000000002', minute(31)]] as const) {
        await store().insertWebhookDelivery(TEST_A, {
          id, endpoint_id: 'whk_0000000000000001', url: 'https://partner.example.com/h', event_id: 'evt_x', event_type: 'ping', payload: '{}',
          attempt: 1, status: 'succeeded', status_code: 204, duration_ms: 1, request_id: 'r', next_retry_at: null, delivered_at: at, locked_until: null, created_at: at,
        });
      }
      for (const id of ['evt_1', 'evt_2', 'evt_3']) await store().appendEvent(TEST_A, { id, type: 'ping', data: {}, created_at: minute(0) });
      await store().markEventsPublished(['evt_1'], minute(4));
      await store().markEventsPublished(['evt_2'], minute(40));

      // Before minute 10, with batches of one: each kind gives up one row per call.
      expect(await store().pruneExpired(minute(10), 1)).toBe(3); // job 1, delivery 1, evt_1
      expect(await store().pruneExpired(minute(10), 1)).toBe(1); // job 2
      expect(await store().pruneExpired(minute(10), 1)).toBe(0);
      const left = await store().listJobs(TEST_A, { filters: {}, sort: 'created_at', order: 'asc', limit: 10 });
      expect(left.items.map((j) => j.id).sort()).toEqual(['job_0000000000000003', 'job_0000000000000004']);
      const deliveries = await store().listWebhookDeliveries(TEST_A, { filters: { endpoint_id: 'whk_0000000000000001' }, sort: 'created_at', order: 'asc', limit: 10 });
      expect(deliveries.items.map((d) => d.id)).toEqual(['dlv_0000000000000002']);
      expect((await store().listEvents(TEST_A)).map((e) => e.id)).toEqual(['evt_2', 'evt_3']);
    });

    it('stores jobs per partition', async () => {
      const job = { id: 'job_1234567890abcdef', type: 'products.batch', status: 'queued' as const, total: 2, request_id: 'req_1', payload: { items: [1, 2] }, created_at: minute(0) };
      await store().createJob(TEST_A, job);
      expect(await store().getJob(TEST_A, job.id)).toEqual(job);
      expect(await store().getJob(LIVE_A, job.id)).toBeNull();
    });
  });
}

function listQuery(over: Partial<ProductListQuery> = {}): ProductListQuery {
  return { filters: {}, sort: 'created_at', order: 'desc', limit: 50, ...over };
}
