import { describe, expect, it } from 'vitest';
import { JOB_TYPES } from '../../domain/job-types.js';
import { manualClock } from '../../test/harness.js';
import type { Store } from '../port.js';
import { TEST_A } from './fixtures.js';

const at = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString();

/** Dealers: addresses, search, and the upsert records of `dealers.batch`, on every adapter. */
export function dealersSuite(store: () => Store): void {
  describe('dealers', () => {
    it('keeps dealers with addresses and searches them', async () => {
      const dealer = { code: 'D1', name: 'Sharma', email: 'x@y.example', phone: '+912226543210', status: 'active' as const,
        address: { line1: 'l', line2: null, city: 'c', state: null, postal_code: 'p', country: 'IN' }, external_ref: 'E', created_at: at(0), updated_at: at(0) };
      expect(await store().dealers.insert(TEST_A, dealer)).toBe('created');
      expect(await store().dealers.insert(TEST_A, { ...dealer, code: 'D2' })).toBe('duplicate_external_ref');
      expect(await store().dealers.get(TEST_A, 'D1')).toEqual(dealer);
      expect(await store().dealers.update(TEST_A, { ...dealer, address: null, status: 'suspended' })).toBe(true);
      expect((await store().dealers.get(TEST_A, 'D1'))?.address).toBeNull();
      const found = await store().dealers.list(TEST_A, { filters: { search: '6543', status: 'suspended' }, sort: 'name', order: 'asc', limit: 5 });
      expect(found.items.map((d) => d.code)).toEqual(['D1']);
    });

    it('applies dealers.batch records by code, failing records one by one', async () => {
      const clock = manualClock();
      const ctx = { clock, jobId: 'job_1' };
      const run = (type: string, record: unknown) => store().transaction((tx) => JOB_TYPES[type]!.record(tx, TEST_A, record, ctx));
      expect(await run('dealers.batch', { code: 'D', name: 'D', phone: '12345' })).toMatchObject({ code: 'INVALID_PHONE', field: 'phone' });
      expect(await run('dealers.batch', { code: 'D', name: 'D', phone: '+12025550123' })).toBeUndefined();
      expect(await run('dealers.batch', { code: 'D', name: 'D2' })).toBeUndefined();
      expect(await store().dealers.get(TEST_A, 'D')).toMatchObject({ name: 'D2', phone: '+12025550123' });
    });
  });
}
