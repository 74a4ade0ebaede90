import { describe, expect, it } from 'vitest';
import { endpointRecord, LIVE_A, productRecord, TEST_A } from './fixtures.js';
import type { CategoryRecord } from '../categories.js';
import type { Store } from '../port.js';

const at = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString();
const category = (code: string): CategoryRecord => ({
  category_code: code, name: code, parent_code: null, description: null, status: 'active', external_ref: null, created_at: at(0), updated_at: at(0),
});
const minute = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString();

/**
 * What spans aggregates, on every adapter: transactions that commit or roll back several ports
 * together, the backlog the health check reads, and retention.
 */
export function crossAggregateSuite(store: () => Store): void {
  describe('across aggregates', () => {
    describe('transactions', () => {
      it('commits a write and its outbox event together', async () => {
        await store().transaction(async (tx) => {
          await tx.products.insert(TEST_A, productRecord());
          await tx.outbox.append(TEST_A, [{ id: 'evt_1', type: 'product.created', data: { sku: 'SKU-1' }, created_at: minute(0) }]);
        });
        expect(await store().products.get(TEST_A, 'SKU-1')).not.toBeNull();
        expect((await store().outbox.read(TEST_A)).events).toEqual([{ id: 'evt_1', type: 'product.created', data: { sku: 'SKU-1' }, created_at: minute(0) }]);
        expect((await store().outbox.read(LIVE_A)).events).toEqual([]);
      });

      it('rolls back every write when the function throws', async () => {
        await store().products.insert(TEST_A, productRecord({ sku: 'KEEP' }));
        const failing = store().transaction(async (tx) => {
          await tx.products.insert(TEST_A, productRecord());
          await tx.products.update(TEST_A, productRecord({ sku: 'KEEP', title: 'changed' }));
          await tx.outbox.append(TEST_A, [{ id: 'evt_1', type: 'product.created', data: {}, created_at: minute(0) }]);
          throw new Error('boom');
        });
        await expect(failing).rejects.toThrow('boom');
        expect(await store().products.get(TEST_A, 'SKU-1')).toBeNull();
        expect((await store().products.get(TEST_A, 'KEEP'))?.title).toBe('A product');
        expect((await store().outbox.read(TEST_A)).events).toEqual([]);
      });

      it('rolls stock levels and categories back with the transaction', async () => {
        await expect(store().transaction(async (tx) => {
          await tx.inventory.lockLevel(TEST_A, 'S', 'W', at(0));
          await tx.categories.insert(TEST_A, category('a'));
          throw new Error('boom');
        })).rejects.toThrow('boom');
        expect(await store().inventory.getLevel(TEST_A, 'S', 'W')).toBeNull();
        expect(await store().categories.get(TEST_A, 'a')).toBeNull();
      });
    });

    it('reports the backlog: the oldest queued job and the oldest unpublished event, across partitions', async () => {
      const backlog = async () => ({ oldestQueuedJobAt: await store().jobs.oldestQueuedAt(), oldestUnpublishedEventAt: await store().outbox.oldestUnpublishedAt() });
      expect(await backlog()).toEqual({ oldestQueuedJobAt: null, oldestUnpublishedEventAt: null });
      const job = (id: string, at: string) => ({ id, type: 'products.batch', status: 'queued' as const, total: 1, request_id: 'r', payload: { items: [1] }, created_at: at });
      await store().jobs.create(LIVE_A, job('job_0000000000000002', minute(2)));
      await store().jobs.create(TEST_A, job('job_0000000000000001', minute(3)));
      await store().outbox.append(TEST_A, [{ id: 'evt_1', type: 'ping', data: {}, created_at: minute(4) }]);
      await store().outbox.append(LIVE_A, [{ id: 'evt_2', type: 'ping', data: {}, created_at: minute(5) }]);
      expect(await backlog()).toEqual({ oldestQueuedJobAt: minute(2), oldestUnpublishedEventAt: minute(4) });
      await store().outbox.markPublished(['evt_1'], minute(6));
      await store().jobs.update(LIVE_A, 'job_0000000000000002', { status: 'running' });
      expect(await backlog()).toEqual({ oldestQueuedJobAt: minute(3), oldestUnpublishedEventAt: minute(5) });
    });

    it('prunes what is past retention, in batches, and keeps the rest', async () => {
      const finishedAt: [string, string | null][] = [
        ['job_0000000000000001', minute(1)], ['job_0000000000000002', minute(2)], ['job_0000000000000003', minute(30)], ['job_0000000000000004', null],
      ];
      for (const [id, finished] of finishedAt) {
        await store().jobs.create(TEST_A, { id, type: 'products.batch', status: 'queued', total: 1, request_id: 'r', payload: { items: [1] }, created_at: minute(0) });
        if (finished) await store().jobs.update(TEST_A, id, { status: 'succeeded', finished_at: finished });
      }
      await store().webhooks.insertEndpoint(TEST_A, endpointRecord());
      for (const [id, at] of [['dlv_0000000000000001', minute(3)], ['dlv_0000000000000002', minute(31)]] as const) {
        await store().webhooks.insertDelivery(TEST_A, {
          id, endpoint_id: 'whk_0000000000000001', url: 'https://partner.example.com/h', event_id: 'evt_x', event_type: 'ping', payload: '{}',
          attempt: 1, status: 'succeeded', status_code: 204, duration_ms: 1, request_id: 'r', next_retry_at: null, delivered_at: at, locked_until: null, created_at: at,
        });
      }
      for (const id of ['evt_1', 'evt_2', 'evt_3']) await store().outbox.append(TEST_A, [{ id, type: 'ping', data: {}, created_at: minute(0) }]);
      await store().outbox.markPublished(['evt_1'], minute(4));
      await store().outbox.markPublished(['evt_2'], minute(40));

      // Before minute 10, with batches of one: each kind gives up one row per call.
      const prune = async () =>
        (await store().jobs.pruneFinished(minute(10), 1)) + (await store().webhooks.pruneDeliveries(minute(10), 1)) + (await store().outbox.prunePublished(minute(10), 1));
      expect(await prune()).toBe(3); // job 1, delivery 1, evt_1
      expect(await prune()).toBe(1); // job 2
      expect(await prune()).toBe(0);
      const left = await store().jobs.list(TEST_A, { filters: {}, sort: 'created_at', order: 'asc', limit: 10 });
      expect(left.items.map((j) => j.id).sort()).toEqual(['job_0000000000000003', 'job_0000000000000004']);
      const deliveries = await store().webhooks.listDeliveries(TEST_A, { filters: { endpoint_id: 'whk_0000000000000001' }, sort: 'created_at', order: 'asc', limit: 10 });
      expect(deliveries.items.map((d) => d.id)).toEqual(['dlv_0000000000000002']);
      expect(((await store().outbox.read(TEST_A)).events).map((e) => e.id)).toEqual(['evt_2', 'evt_3']);
    });
  });
}
