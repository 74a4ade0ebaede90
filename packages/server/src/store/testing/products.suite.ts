import { describe, expect, it } from 'vitest';
import type { Store } from '../port.js';
import type { ProductListQuery, ProductSort } from '../products.js';
import { LIVE_A, LIVE_B, productRecord, TEST_A } from './fixtures.js';

const minute = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString();

/** Products and listings: uniqueness, partitions, filters and keyset pages on every sort. */
export function productsSuite(store: () => Store): void {
  describe('products', () => {
    it('inserts, reads, updates, and reports duplicates', async () => {
      const product = productRecord({ external_ref: 'ERP-1', images: ['https://x.example/a.jpg'], attributes: { size: 'M' }, weight_kg: 0.5, price: '799.00' });
      expect(await store().products.insert(TEST_A, product)).toBe('created');
      expect(await store().products.get(TEST_A, 'SKU-1')).toEqual({ ...product, listings: [] });
      expect(await store().products.insert(TEST_A, product)).toBe('duplicate_sku');
      expect(await store().products.insert(TEST_A, productRecord({ sku: 'SKU-2', external_ref: 'ERP-1' }))).toBe('duplicate_external_ref');
      expect(await store().products.findSkuByExternalRef(TEST_A, 'ERP-1')).toBe('SKU-1');
      const changed = { ...product, title: 'Renamed', cost_price: '1.50', updated_at: minute(9) };
      expect(await store().products.update(TEST_A, changed)).toBe(true);
      expect(await store().products.get(TEST_A, 'SKU-1', { forUpdate: true })).toEqual({ ...changed, listings: [] });
      expect(await store().products.update(TEST_A, productRecord({ sku: 'NOPE' }))).toBe(false);
    });

    it('keeps accounts and modes apart', async () => {
      await store().products.insert(TEST_A, productRecord({ external_ref: 'R' }));
      expect(await store().products.get(LIVE_A, 'SKU-1')).toBeNull();
      expect(await store().products.get(LIVE_B, 'SKU-1')).toBeNull();
      expect(await store().products.insert(LIVE_A, productRecord({ external_ref: 'R' }))).toBe('created');
      expect((await store().products.list(LIVE_B, listQuery())).items).toEqual([]);
    });

    it('attaches listings and filters by marketplace', async () => {
      await store().products.insert(TEST_A, productRecord());
      await store().products.insert(TEST_A, productRecord({ sku: 'SKU-2' }));
      const listing = { marketplace: 'amazon', external_id: 'B0X', price: '9.00', quantity: 3, status: 'active', last_synced_at: minute(1) };
      await store().products.putListing(TEST_A, 'SKU-1', listing);
      expect((await store().products.get(TEST_A, 'SKU-1'))?.listings).toEqual([listing]);
      const page = await store().products.list(TEST_A, listQuery({ filters: { marketplace: 'amazon' } }));
      expect(page.items.map((p) => p.sku)).toEqual(['SKU-1']);
      expect(page.items[0]?.listings).toEqual([listing]);
    });

    it('filters by status, kind, category, search and updated_since, and counts', async () => {
      await store().products.insert(TEST_A, productRecord({ sku: 'A-1', title: 'Red 100% Cotton', status: 'active', category_code: 'tees' }));
      await store().products.insert(TEST_A, productRecord({ sku: 'B-2', title: 'Blue', kind: 'digital', gtin: '4006381333931', updated_at: minute(30) }));
      await store().products.insert(TEST_A, productRecord({ sku: 'C_3', title: 'green', status: 'active' }));
      const skus = async (filters: ProductListQuery['filters']) =>
        (await store().products.list(TEST_A, listQuery({ filters, sort: 'sku', order: 'asc' }))).items.map((p) => p.sku);
      expect(await skus({ status: 'active' })).toEqual(['A-1', 'C_3']);
      expect(await skus({ kind: 'digital' })).toEqual(['B-2']);
      expect(await skus({ category_code: 'tees' })).toEqual(['A-1']);
      expect(await skus({ search: 'GREEN' })).toEqual(['C_3']);
      expect(await skus({ search: '0%' })).toEqual(['A-1']);
      expect(await skus({ search: '_' })).toEqual(['C_3']);
      expect(await skus({ search: '333931' })).toEqual(['B-2']);
      expect(await skus({ updated_since: minute(10) })).toEqual(['B-2']);
      const counted = await store().products.list(TEST_A, listQuery({ filters: { status: 'active' }, limit: 1, includeTotal: true }));
      expect(counted).toMatchObject({ total: 2, hasMore: true });
    });

    it.each(['sku', 'title', 'created_at', 'updated_at'] as ProductSort[])('pages by keyset on %s in both orders', async (sort) => {
      // Equal sort values on purpose: the SKU must break ties the same way everywhere.
      for (let i = 0; i < 11; i++) {
        const at = minute(i % 4);
        await store().products.insert(TEST_A, productRecord({ sku: `SKU-${String(i).padStart(2, '0')}`, title: `T${i % 3}`, created_at: at, updated_at: at }));
      }
      for (const order of ['asc', 'desc'] as const) {
        const all = (await store().products.list(TEST_A, listQuery({ sort, order, limit: 200 }))).items;
        const seen: string[] = [];
        let after: ProductListQuery['after'];
        for (let guard = 0; guard < 10; guard++) {
          const page = await store().products.list(TEST_A, listQuery({ sort, order, limit: 4, after }));
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
}

function listQuery(over: Partial<ProductListQuery> = {}): ProductListQuery {
  return { filters: {}, sort: 'created_at', order: 'desc', limit: 50, ...over };
}
