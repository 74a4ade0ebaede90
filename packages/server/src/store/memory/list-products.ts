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
  const matching = [...rows].filter(
    (row) =>
      (!filters.status || row.status === filters.status) &&
      (!filters.kind || row.kind === filters.kind) &&
      (!filters.category_code || row.category_code === filters.category_code) &&
      (!filters.updated_since || row.updated_at >= filters.updated_since) &&
      (!filters.marketplace || marketplacesOf(row.sku).includes(filters.marketplace)) &&
      (!needle ||
        row.title.toLowerCase().includes(needle) ||
        row.sku.toLowerCase().includes(needle) ||
        (row.gtin ?? '').toLowerCase().includes(needle)),
  );
  const sign = order === 'asc' ? 1 : -1;
  const keyOf = (row: ProductRecord): [string, string] => [String(row[sort]), row.sku];
  const compare = (a: [string, string], b: [string, string]): number =>
    cmp(a[0], b[0]) || cmp(a[1], b[1]);
  matching.sort((a, b) => sign * compare(keyOf(a), keyOf(b)));
  const afterKey: [string, string] | undefined = after ? [after.value, after.sku] : undefined;
  const rest = afterKey ? matching.filter((row) => sign * compare(keyOf(row), afterKey) > 0) : matching;
  const page = rest.slice(0, limit).map(withListings);
  return {
    items: page,
    hasMore: rest.length > limit,
    ...(query.includeTotal ? { total: matching.length } : {}),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
