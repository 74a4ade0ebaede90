import type { Page, Product, ProductListQuery, ProductRecord } from '../types.js';

/**
 * Keyset pagination over an in-memory table, with the same semantics as the SQL adapter:
 * rows ordered by (sort value, sku), strings compared by code unit (SQL uses COLLATE "C").
 */
export function listProductsInMemory(
  rows: Iterable<ProductRecord>,
  marketplacesOf: (sku: string) => string[],
  withListings: (row: ProductRecord) => Product,
  query: ProductListQuery,
): Page<Product> {
  const { filters, sort, order, limit, after } = query;
  const needle = filters.search?.toLowerCase();
  const matches = (row: ProductRecord) =>
    (!filters.status || row.status === filters.status) &&
    (!filters.kind || row.kind === filters.kind) &&
    (!filters.category_code || row.category_code === filters.category_code) &&
    (!filters.updated_since || row.updated_at >= filters.updated_since) &&
    (!filters.marketplace || marketplacesOf(row.sku).includes(filters.marketplace)) &&
    (!needle ||
      row.title.toLowerCase().includes(needle) ||
      row.sku.toLowerCase().includes(needle) ||
      (row.gtin ?? '').toLowerCase().includes(needle));
  const sign = order === 'asc' ? 1 : -1;
  const compare = (value: string, sku: string, row: ProductRecord) => sign * (cmp(value, String(row[sort])) || cmp(sku, row.sku));
  // One pass that keeps only the best `limit + 1` rows after the cursor, in order: a page costs
  // O(rows × log limit) and no copy of the table, instead of sorting every row for every page.
  const best: ProductRecord[] = [];
  let total = 0;
  for (const row of rows) {
    if (!matches(row)) continue;
    total++;
    if (after && compare(after.value, after.sku, row) >= 0) continue;
    const value = String(row[sort]);
    const last = best[best.length - 1];
    if (best.length > limit && last && compare(value, row.sku, last) > 0) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(value, row.sku, best[mid]!) > 0) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, row);
    if (best.length > limit + 1) best.pop();
  }
  return {
    items: best.slice(0, limit).map(withListings),
    hasMore: best.length > limit,
    ...(query.includeTotal ? { total } : {}),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
