import { describe, expect, it } from 'vitest';
import { JOB_TYPES } from '../../domain/job-types.js';
import { manualClock } from '../../test/harness.js';
import type { CategoryRecord } from '../categories.js';
import type { Store } from '../port.js';
import { LIVE_A, TEST_A } from './fixtures.js';

const at = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString();
const category = (code: string, over: Partial<CategoryRecord> = {}): CategoryRecord => ({
  category_code: code, name: code, parent_code: null, description: null, status: 'active', external_ref: null,
  created_at: at(0), updated_at: at(0), ...over,
});

/** The catalog's store behaviour, on every adapter (memory, PGlite, PostgreSQL when DATABASE_URL is set). */

/** Categories: uniqueness per partition, pages, and the upsert records of `categories.batch`, on every adapter. */
export function categoriesSuite(store: () => Store): void {
  describe('categories', () => {
    it('keeps categories with unique codes and external refs, per partition, and pages them', async () => {
      expect(await store().categories.insert(TEST_A, category('a', { external_ref: 'R' }))).toBe('created');
      expect(await store().categories.insert(TEST_A, category('a'))).toBe('duplicate_code');
      expect(await store().categories.insert(TEST_A, category('b', { external_ref: 'R' }))).toBe('duplicate_external_ref');
      expect(await store().categories.insert(LIVE_A, category('b', { external_ref: 'R' }))).toBe('created');
      expect(await store().categories.get(TEST_A, 'a')).toEqual(category('a', { external_ref: 'R' }));
      expect(await store().categories.findCodeByExternalRef(TEST_A, 'R')).toBe('a');
      for (const code of ['c', 'B', 'd']) await store().categories.insert(TEST_A, category(code, { parent_code: 'a', created_at: at(code.charCodeAt(0) % 10) }));
      expect(await store().categories.update(TEST_A, category('d', { name: 'Renamed', parent_code: 'a' }))).toBe(true);
      expect(await store().categories.update(TEST_A, category('zz'))).toBe(false);
      const q = { filters: {}, sort: 'category_code' as const, order: 'asc' as const, limit: 2 };
      const p1 = await store().categories.list(TEST_A, { ...q, includeTotal: true });
      expect(p1.items.map((c) => c.category_code)).toEqual(['B', 'a']);
      expect(p1).toMatchObject({ hasMore: true, total: 4 });
      const p2 = await store().categories.list(TEST_A, { ...q, after: { value: 'a', keys: ['a'] } });
      expect(p2.items.map((c) => c.category_code)).toEqual(['c', 'd']);
      const children = await store().categories.list(TEST_A, { ...q, limit: 10, filters: { parent_code: 'a', search: 'RENAM' } });
      expect(children.items.map((c) => c.category_code)).toEqual(['d']);
      const byTime = await store().categories.list(TEST_A, { ...q, sort: 'created_at', order: 'desc', limit: 10, after: { value: at(9), keys: ['c'] } });
      expect(byTime.items.map((c) => c.category_code)).toEqual(['B', 'd', 'a']);
    });

    it('applies categories.batch records by code, failing records one by one', async () => {
      const clock = manualClock();
      const ctx = { clock, jobId: 'job_1' };
      const run = (type: string, record: unknown) => store().transaction((tx) => JOB_TYPES[type]!.record(tx, TEST_A, record, ctx));
      expect(await run('categories.batch', { category_code: 'a', name: 'A' })).toBeUndefined();
      expect(await run('categories.batch', { category_code: 'b', name: 'B', parent_code: 'a' })).toBeUndefined();
      expect(await run('categories.batch', { category_code: 'a', name: 'A', parent_code: 'b' })).toMatchObject({ code: 'VALIDATION_FAILED', field: 'parent_code' });
      expect(await run('categories.batch', { category_code: 'c', name: 'C', parent_code: 'zz' })).toMatchObject({ field: 'parent_code' });
      expect(await run('categories.batch', { category_code: 'b', name: 'B2' })).toBeUndefined();
      expect(await store().categories.get(TEST_A, 'b')).toMatchObject({ name: 'B2', parent_code: 'a' });
    });
  });
}
