import type { Page, Partition, Product, ProductListQuery } from '../types.js';
import type { SqlExecutor } from './client.js';
import { LISTING_COLUMNS, listingFromRow, PRODUCT_COLUMNS, productFromRow } from './rows.js';

// Column names come from this allow-list only, never from the request.
const SORT_COLUMNS = { sku: 'sku', title: 'title', created_at: 'created_at', updated_at: 'updated_at' } as const;
const TIMESTAMP_SORTS = new Set(['created_at', 'updated_at']);

/**
 * One keyset page: `WHERE (sort, sku) < ($a, $b) ORDER BY sort, sku LIMIT n + 1`, which the
 * `products_by_*` indexes answer as a range scan whatever the page number.
 */
export async function listProductsSql(
  db: SqlExecutor,
  p: Partition,
  query: ProductListQuery,
): Promise<Page<Product>> {
  const params: unknown[] = [p.accountId, p.mode];
  const where = ['account_id = $1', 'mode = $2'];
  const add = (value: unknown) => `$${params.push(value)}`;
  const f = query.filters;
  if (f.status) where.push(`status = ${add(f.status)}`);
  if (f.kind) where.push(`kind = ${add(f.kind)}`);
  if (f.category_code) where.push(`category_code = ${add(f.category_code)}`);
  if (f.updated_since) where.push(`updated_at >= ${add(f.updated_since)}::timestamptz`);
  if (f.marketplace) {
    where.push(`EXISTS (SELECT 1 FROM product_listings l WHERE l.account_id = products.account_id
      AND l.mode = products.mode AND l.sku = products.sku AND l.marketplace = ${add(f.marketplace)})`);
  }
  if (f.search) {
    const pattern = add(`%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(title ILIKE ${pattern} OR sku ILIKE ${pattern} OR gtin ILIKE ${pattern})`);
  }
  // The count query reuses the filter conditions and exactly their parameters.
  const filtered = [...where];
  const filterParams = [...params];
  const column = SORT_COLUMNS[query.sort];
  const direction = query.order === 'asc' ? 'ASC' : 'DESC';
  if (query.after) {
    const cast = TIMESTAMP_SORTS.has(column) ? '::timestamptz' : '';
    const op = query.order === 'asc' ? '>' : '<';
    where.push(`(${column}, sku) ${op} (${add(query.after.value)}${cast}, ${add(query.after.sku)})`);
  }
  const limit = add(query.limit + 1);
  const rows = await db.query(
    `SELECT ${PRODUCT_COLUMNS} FROM products WHERE ${where.join(' AND ')}
     ORDER BY ${column} ${direction}, sku ${direction} LIMIT ${limit}`,
    params,
  );
  const page = rows.slice(0, query.limit).map(productFromRow);
  const listings = await listingsFor(db, p, page.map((r) => r.sku));
  const result: Page<Product> = {
    items: page.map((r) => ({ ...r, listings: listings.get(r.sku) ?? [] })),
    hasMore: rows.length > query.limit,
  };
  if (query.includeTotal) {
    const [row] = await db.query<{ n: string | number }>(
      `SELECT count(*) AS n FROM products WHERE ${filtered.join(' AND ')}`,
      filterParams,
    );
    result.total = Number(row?.n ?? 0);
  }
  return result;
}

/** Listings of several products in one query. */
export async function listingsFor(db: SqlExecutor, p: Partition, skus: string[]) {
  const bySku = new Map<string, ReturnType<typeof listingFromRow>[]>();
  if (skus.length === 0) return bySku;
  const rows = await db.query(
    `SELECT ${LISTING_COLUMNS} FROM product_listings
     WHERE account_id = $1 AND mode = $2 AND sku = ANY($3::text[])
     ORDER BY marketplace`,
    [p.accountId, p.mode, skus],
  );
  for (const row of rows) {
    const sku = row.sku as string;
    bySku.set(sku, [...(bySku.get(sku) ?? []), listingFromRow(row)]);
  }
  return bySku;
}

