import { describe, expect, it } from 'vitest';
import { emitLevelChange, stockWithEvents } from '../../domain/inventory/stock.js';
import { JOB_TYPES } from '../../domain/job-types.js';
import { manualClock } from '../../test/harness.js';
import type { CategoryRecord } from '../types.js';
import { LIVE_A, productRecord, TEST_A } from './fixtures.js';
import type { Store } from '../port.js';

const at = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString();
const category = (code: string, over: Partial<CategoryRecord> = {}): CategoryRecord => ({
  category_code: code, name: code, parent_code: null, description: null, status: 'active', external_ref: null,
  created_at: at(0), updated_at: at(0), ...over,
});

/** The catalog's store behaviour, on every adapter (memory, PGlite, PostgreSQL when DATABASE_URL is set). */
export function catalogSuite(store: () => Store): void {
  describe('catalog', () => {
    it('keeps categories with unique codes and external refs, per partition, and pages them', async () => {
      expect(await store().insertCategory(TEST_A, category('a', { external_ref: 'R' }))).toBe('created');
      expect(await store().insertCategory(TEST_A, category('a'))).toBe('duplicate_code');
      expect(await store().insertCategory(TEST_A, category('b', { external_ref: 'R' }))).toBe('duplicate_external_ref');
      expect(await store().insertCategory(LIVE_A, category('b', { external_ref: 'R' }))).toBe('created');
      expect(await store().getCategory(TEST_A, 'a')).toEqual(category('a', { external_ref: 'R' }));
      expect(await store().findCategoryCodeByExternalRef(TEST_A, 'R')).toBe('a');
      for (const code of ['c', 'B', 'd']) await store().insertCategory(TEST_A, category(code, { parent_code: 'a', created_at: at(code.charCodeAt(0) % 10) }));
      expect(await store().updateCategory(TEST_A, category('d', { name: 'Renamed', parent_code: 'a' }))).toBe(true);
      expect(await store().updateCategory(TEST_A, category('zz'))).toBe(false);
      const q = { filters: {}, sort: 'category_code' as const, order: 'asc' as const, limit: 2 };
      const p1 = await store().listCategories(TEST_A, { ...q, includeTotal: true });
      expect(p1.items.map((c) => c.category_code)).toEqual(['B', 'a']);
      expect(p1).toMatchObject({ hasMore: true, total: 4 });
      const p2 = await store().listCategories(TEST_A, { ...q, after: { value: 'a', keys: ['a'] } });
      expect(p2.items.map((c) => c.category_code)).toEqual(['c', 'd']);
      const children = await store().listCategories(TEST_A, { ...q, limit: 10, filters: { parent_code: 'a', search: 'RENAM' } });
      expect(children.items.map((c) => c.category_code)).toEqual(['d']);
      const byTime = await store().listCategories(TEST_A, { ...q, sort: 'created_at', order: 'desc', limit: 10, after: { value: at(9), keys: ['c'] } });
      expect(byTime.items.map((c) => c.category_code)).toEqual(['B', 'd', 'a']);
    });

    it('keeps dealers with addresses and searches them', async () => {
      const dealer = { code: 'D1', name: 'Sharma', email: 'x@y.example', phone: '+912226543210', status: 'active' as const,
        address: { line1: 'l', line2: null, city: 'c', state: null, postal_code: 'p', country: 'IN' }, external_ref: 'E', created_at: at(0), updated_at: at(0) };
      expect(await store().insertDealer(TEST_A, dealer)).toBe('created');
      expect(await store().insertDealer(TEST_A, { ...dealer, code: 'D2' })).toBe('duplicate_external_ref');
      expect(await store().getDealer(TEST_A, 'D1')).toEqual(dealer);
      expect(await store().updateDealer(TEST_A, { ...dealer, address: null, status: 'suspended' })).toBe(true);
      expect((await store().getDealer(TEST_A, 'D1'))?.address).toBeNull();
      const found = await store().listDealers(TEST_A, { filters: { search: '6543', status: 'suspended' }, sort: 'name', order: 'asc', limit: 5 });
      expect(found.items.map((d) => d.code)).toEqual(['D1']);
    });

    it('reserves, releases and consumes stock atomically, answering insufficient', async () => {
      const { level, created } = await store().lockInventoryLevel(TEST_A, 'S', 'W', at(1));
      expect(created).toBe(true);
      await store().updateInventoryLevel(TEST_A, { ...level, on_hand: 5, available: 5 });
      expect(await store().reserveStock(TEST_A, 'S', 'W', 6)).toBe('insufficient');
      expect(await store().reserveStock(TEST_A, 'S', 'NOWHERE', 1)).toBe('insufficient');
      expect(await store().reserveStock(TEST_A, 'S', 'W', 4)).toBe('ok');
      expect(await store().reserveStock(TEST_A, 'S', 'W', 2)).toBe('insufficient');
      expect(await store().releaseStock(TEST_A, 'S', 'W', 5)).toBe('insufficient');
      expect(await store().releaseStock(TEST_A, 'S', 'W', 1)).toBe('ok');
      expect(await store().consumeReserved(TEST_A, 'S', 'W', 2)).toBe('ok');
      expect(await store().getInventoryLevel(TEST_A, 'S', 'W')).toMatchObject({ on_hand: 3, reserved: 1, available: 2 });
      expect((await store().lockInventoryLevel(TEST_A, 'S', 'W', at(2))).created).toBe(false);
      // Concurrent reservations never oversell.
      const results = await Promise.all(Array.from({ length: 5 }, () => store().reserveStock(TEST_A, 'S', 'W', 1)));
      expect(results.filter((r) => r === 'ok')).toHaveLength(2);
      expect(await store().getInventoryLevel(TEST_A, 'S', 'W')).toMatchObject({ on_hand: 3, reserved: 3, available: 0 });
    });

    it('stores license keys once, assigns them in upload order and releases them', async () => {
      expect(await store().addLicenseKeys(TEST_A, 'E', ['k3', 'k1', 'k2'], at(0))).toBe(3);
      expect(await store().addLicenseKeys(TEST_A, 'E', ['k1', 'k4'], at(1))).toBe(1);
      expect(await store().assignLicenseKeys(TEST_A, 'E', 5, 'ord_1')).toBe('insufficient');
      expect(await store().assignLicenseKeys(TEST_A, 'E', 2, 'ord_1')).toEqual(['k3', 'k1']);
      expect(await store().countLicenseKeys(TEST_A, 'E')).toEqual({ available: 2, assigned: 2 });
      expect(await store().countLicenseKeys(LIVE_A, 'E')).toEqual({ available: 0, assigned: 0 });
      expect(await store().releaseLicenseKeys(TEST_A, 'E', 'ord_1')).toBe(2);
      expect(await store().countLicenseKeys(TEST_A, 'E')).toEqual({ available: 4, assigned: 0 });
    });

    it('rolls a failed transaction back', async () => {
      await expect(store().transaction(async (tx) => {
        await tx.lockInventoryLevel(TEST_A, 'S', 'W', at(0));
        await tx.insertCategory(TEST_A, category('a'));
        throw new Error('boom');
      })).rejects.toThrow('boom');
      expect(await store().getInventoryLevel(TEST_A, 'S', 'W')).toBeNull();
      expect(await store().getCategory(TEST_A, 'a')).toBeNull();
    });

    it('applies batch records by natural key, failing records one by one', async () => {
      const clock = manualClock();
      const ctx = { clock, requestId: 'req_1', jobId: 'job_1' };
      const run = (type: string, record: unknown) => store().transaction((tx) => JOB_TYPES[type]!.record(tx, TEST_A, record, ctx));
      expect(await run('categories.batch', { category_code: 'a', name: 'A' })).toBeUndefined();
      expect(await run('categories.batch', { category_code: 'b', name: 'B', parent_code: 'a' })).toBeUndefined();
      expect(await run('categories.batch', { category_code: 'a', name: 'A', parent_code: 'b' })).toMatchObject({ code: 'VALIDATION_FAILED', field: 'parent_code' });
      expect(await run('categories.batch', { category_code: 'c', name: 'C', parent_code: 'zz' })).toMatchObject({ field: 'parent_code' });
      expect(await run('categories.batch', { category_code: 'b', name: 'B2' })).toBeUndefined();
      expect(await store().getCategory(TEST_A, 'b')).toMatchObject({ name: 'B2', parent_code: 'a' });

      expect(await run('dealers.batch', { code: 'D', name: 'D', phone: '12345' })).toMatchObject({ code: 'INVALID_PHONE', field: 'phone' });
      expect(await run('dealers.batch', { code: 'D', name: 'D', phone: '+12025550123' })).toBeUndefined();
      expect(await run('dealers.batch', { code: 'D', name: 'D2' })).toBeUndefined();
      expect(await store().getDealer(TEST_A, 'D')).toMatchObject({ name: 'D2', phone: '+12025550123' });

      await store().products.insert(TEST_A, productRecord({ sku: 'S' }));
      await store().products.insert(TEST_A, productRecord({ sku: 'E', kind: 'digital' }));
      expect(await run('inventory.batch', { sku: 'NOPE', location_code: 'W', on_hand: 1 })).toMatchObject({ code: 'NOT_FOUND' });
      expect(await run('inventory.batch', { sku: 'E', location_code: 'W', on_hand: 1 })).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await run('inventory.batch', { sku: 'S', location_code: 'W', on_hand: 10, low_stock_threshold: 5 })).toBeUndefined();
      await store().reserveStock(TEST_A, 'S', 'W', 4);
      expect(await run('inventory.batch', { sku: 'S', location_code: 'W', on_hand: 3 })).toMatchObject({ code: 'INSUFFICIENT_STOCK' });
      // 10 → 8 on hand with 4 reserved: available 4 crosses below 5 once; 7 stays below, no second alert.
      expect(await run('inventory.batch', { sku: 'S', location_code: 'W', on_hand: 8 })).toBeUndefined();
      expect(await run('inventory.batch', { sku: 'S', location_code: 'W', on_hand: 7 })).toBeUndefined();
      expect(await run('inventory.batch', { sku: 'S', location_code: 'W', on_hand: 7 })).toBeUndefined();
      expect(await store().getInventoryLevel(TEST_A, 'S', 'W')).toMatchObject({ on_hand: 7, reserved: 4, available: 3, low_stock_threshold: 5 });
      const types = (await store().listEvents(TEST_A)).map((e) => e.type);
      expect(types).toEqual(['inventory.updated', 'inventory.updated', 'inventory.low', 'inventory.updated']);
    });

    it('emits stock events for order-side operations', async () => {
      const clock = manualClock();
      await store().transaction(async (tx) => {
        const { level } = await tx.lockInventoryLevel(TEST_A, 'S', 'W', at(0));
        const after = { ...level, on_hand: 3, available: 3, low_stock_threshold: 2 };
        await tx.updateInventoryLevel(TEST_A, after);
        await emitLevelChange(tx, clock, TEST_A, null, after);
      });
      await store().addLicenseKeys(TEST_A, 'E', ['k'], at(0));
      const result = await store().transaction(async (tx) => {
        const stock = stockWithEvents(tx, clock);
        return [await stock.reserveStock(TEST_A, 'S', 'W', 2), await stock.reserveStock(TEST_A, 'S', 'W', 5), await stock.assignLicenseKeys(TEST_A, 'E', 1, 'ord_1')];
      });
      expect(result).toEqual(['ok', 'insufficient', ['k']]);
      const events = await store().listEvents(TEST_A);
      expect(events.map((e) => e.type)).toEqual(['inventory.updated', 'inventory.updated', 'inventory.low', 'inventory.updated']);
      expect(events[2]?.data).toEqual({ sku: 'S', location_code: 'W', available: 1, low_stock_threshold: 2 });
    });
  });
}
