import { describe, expect, it } from 'vitest';
import { emitLevelChange, stockWithEvents } from '../../domain/inventory/stock.js';
import { JOB_TYPES } from '../../domain/job-types.js';
import { manualClock } from '../../test/harness.js';
import type { Store } from '../port.js';
import { LIVE_A, productRecord, TEST_A } from './fixtures.js';

const at = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString();

/** Stock levels and license keys: guarded moves, upload order, the stock feed (`inventory.batch`) and the events of order-side moves, on every adapter. */
export function inventorySuite(store: () => Store): void {
  describe('inventory', () => {
    it('reserves, releases and consumes stock atomically, answering insufficient', async () => {
      const { level, created } = await store().inventory.lockLevel(TEST_A, 'S', 'W', at(1));
      expect(created).toBe(true);
      await store().inventory.updateLevel(TEST_A, { ...level, on_hand: 5, available: 5 });
      expect(await store().inventory.reserve(TEST_A, 'S', 'W', 6)).toBe('insufficient');
      expect(await store().inventory.reserve(TEST_A, 'S', 'NOWHERE', 1)).toBe('insufficient');
      expect(await store().inventory.reserve(TEST_A, 'S', 'W', 4)).toBe('ok');
      expect(await store().inventory.reserve(TEST_A, 'S', 'W', 2)).toBe('insufficient');
      expect(await store().inventory.release(TEST_A, 'S', 'W', 5)).toBe('insufficient');
      expect(await store().inventory.release(TEST_A, 'S', 'W', 1)).toBe('ok');
      expect(await store().inventory.consume(TEST_A, 'S', 'W', 2)).toBe('ok');
      expect(await store().inventory.getLevel(TEST_A, 'S', 'W')).toMatchObject({ on_hand: 3, reserved: 1, available: 2 });
      expect((await store().inventory.lockLevel(TEST_A, 'S', 'W', at(2))).created).toBe(false);
      // Concurrent reservations never oversell.
      const results = await Promise.all(Array.from({ length: 5 }, () => store().inventory.reserve(TEST_A, 'S', 'W', 1)));
      expect(results.filter((r) => r === 'ok')).toHaveLength(2);
      expect(await store().inventory.getLevel(TEST_A, 'S', 'W')).toMatchObject({ on_hand: 3, reserved: 3, available: 0 });
    });

    it('stores license keys once, assigns them in upload order and releases them', async () => {
      expect(await store().inventory.addLicenseKeys(TEST_A, 'E', ['k3', 'k1', 'k2'], at(0))).toBe(3);
      expect(await store().inventory.addLicenseKeys(TEST_A, 'E', ['k1', 'k4'], at(1))).toBe(1);
      expect(await store().inventory.assignLicenseKeys(TEST_A, 'E', 5, 'ord_1')).toBe('insufficient');
      expect(await store().inventory.assignLicenseKeys(TEST_A, 'E', 2, 'ord_1')).toEqual(['k3', 'k1']);
      expect(await store().inventory.countLicenseKeys(TEST_A, 'E')).toEqual({ available: 2, assigned: 2 });
      expect(await store().inventory.countLicenseKeys(LIVE_A, 'E')).toEqual({ available: 0, assigned: 0 });
      expect(await store().inventory.releaseLicenseKeys(TEST_A, 'E', 'ord_1')).toBe(2);
      expect(await store().inventory.countLicenseKeys(TEST_A, 'E')).toEqual({ available: 4, assigned: 0 });
    });

    it('applies inventory.batch records per sku and location, failing records one by one', async () => {
      const clock = manualClock();
      const ctx = { clock, jobId: 'job_1' };
      const run = (type: string, record: unknown) => store().transaction((tx) => JOB_TYPES[type]!.record(tx, TEST_A, record, ctx));
      await store().products.insert(TEST_A, productRecord({ sku: 'S' }));
      await store().products.insert(TEST_A, productRecord({ sku: 'E', kind: 'digital' }));
      expect(await run('inventory.batch', { sku: 'NOPE', location_code: 'W', on_hand: 1 })).toMatchObject({ code: 'NOT_FOUND' });
      expect(await run('inventory.batch', { sku: 'E', location_code: 'W', on_hand: 1 })).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await run('inventory.batch', { sku: 'S', location_code: 'W', on_hand: 10, low_stock_threshold: 5 })).toBeUndefined();
      await store().inventory.reserve(TEST_A, 'S', 'W', 4);
      expect(await run('inventory.batch', { sku: 'S', location_code: 'W', on_hand: 3 })).toMatchObject({ code: 'INSUFFICIENT_STOCK' });
      // 10 → 8 on hand with 4 reserved: available 4 crosses below 5 once; 7 stays below, no second alert.
      expect(await run('inventory.batch', { sku: 'S', location_code: 'W', on_hand: 8 })).toBeUndefined();
      expect(await run('inventory.batch', { sku: 'S', location_code: 'W', on_hand: 7 })).toBeUndefined();
      expect(await run('inventory.batch', { sku: 'S', location_code: 'W', on_hand: 7 })).toBeUndefined();
      expect(await store().inventory.getLevel(TEST_A, 'S', 'W')).toMatchObject({ on_hand: 7, reserved: 4, available: 3, low_stock_threshold: 5 });
      const types = ((await store().outbox.read(TEST_A)).events).map((e) => e.type);
      expect(types).toEqual(['inventory.updated', 'inventory.updated', 'inventory.low', 'inventory.updated']);
    });

    it('emits stock events for order-side operations', async () => {
      const clock = manualClock();
      await store().transaction(async (tx) => {
        const { level } = await tx.inventory.lockLevel(TEST_A, 'S', 'W', at(0));
        const after = { ...level, on_hand: 3, available: 3, low_stock_threshold: 2 };
        await tx.inventory.updateLevel(TEST_A, after);
        await emitLevelChange(tx, clock, TEST_A, null, after);
      });
      await store().inventory.addLicenseKeys(TEST_A, 'E', ['k'], at(0));
      const result = await store().transaction(async (tx) => {
        const stock = stockWithEvents(tx, clock);
        return [await stock.reserve(TEST_A, 'S', 'W', 2), await stock.reserve(TEST_A, 'S', 'W', 5), await stock.assignLicenseKeys(TEST_A, 'E', 1, 'ord_1')];
      });
      expect(result).toEqual(['ok', 'insufficient', ['k']]);
      const events = (await store().outbox.read(TEST_A)).events;
      expect(events.map((e) => e.type)).toEqual(['inventory.updated', 'inventory.updated', 'inventory.low', 'inventory.updated']);
      expect(events[2]?.data).toEqual({ sku: 'S', location_code: 'W', available: 1, low_stock_threshold: 2 });
    });
  });
}
