import { PRODUCT_LIST, type Page, type Partition, type Product, type ProductListQuery } from '../types.js';
import type { SqlExecutor } from './client.js';
import { containsPattern, inPartition, keysetPage } from './keyset.js';
import { LISTING_COLUMNS, listingFromRow, PRODUCT_COLUMNS, productFromRow } from './rows.js';

/**
 * One keyset page of products with their listings: the page, then the listings of its rows in a
 * second query.
 */
export async function listProductsSql(
  db: SqlExecutor,
  p: Partition,
  query: ProductListQuery,
): Promise<Page<Product>> {
  const c = inPartition(p);
  const f = query.filters;
  if (f.status) c.where.push(`status = ${c.add(f.status)}`);
  if (f.kind) c.where.push(`kind = ${c.add(f.kind)}`);
  if (f.category_code) c.where.push(`category_code = ${c.add(f.category_code)}`);
  if (f.updated_since) c.where.push(`updated_at >= ${c.add(f.updated_since)}::timestamptz`);
  if (f.marketplace) {
    c.where.push(`EXISTS (SELECT 1 FROM product_listings l WHERE l.account_id = products.account_id
      AND l.mode = products.mode AND l.sku = products.sku AND l.marketplace = ${c.add(f.marketplace)})`);
  }
  if (f.search) {
    const pattern = c.add(containsPattern(f.search));
    c.where.push(`(title ILIKE ${pattern} OR sku ILIKE ${pattern} OR gtin ILIKE ${pattern})`);
  }
  const page = await keysetPage(db, PRODUCT_LIST, query, { table: 'products', columns: PRODUCT_COLUMNS, conditions: c, fromRow: productFromRow });
  const listings = await listingsFor(db, p, page.items.map((r) => r.sku));
  return { ...page, items: page.items.map((r) => ({ ...r, listings: listings.get(r.sku) ?? [] })) };
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

