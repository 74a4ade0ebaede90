import type { Page } from '../list.js';
import type { Partition } from '../partition.js';
import { PRODUCT_LIST, type InsertResult, type Product, type ProductListQuery, type ProductsPort } from '../products.js';
import type { SqlExecutor } from './client.js';
import { containsPattern, inPartition, keysetPage } from './keyset.js';
import { PRODUCT_JSON, productFromJson, productParams } from './rows.js';
import { keyOfExternalRef, rowByKey, type KeyedTable } from './by-key.js';

const PRODUCT_INSERT_COLUMNS = `account_id, mode, sku, title, description, status, kind, gtin,
  category_code, price, cost_price, currency, tax_rate, weight_kg, images, attributes, external_ref,
  created_at, updated_at`;
const PRODUCT_VALUES = `$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
  $15::text::jsonb, $16::text::jsonb, $17, $18::timestamptz, $19::timestamptz`;

/** Where products are read by key. */
const PRODUCTS: KeyedTable = { table: 'products', columns: PRODUCT_JSON, key: 'sku' };

/**
 * Products and listings in SQL.
 *
 * @example
 * const products = sqlProducts(db);
 */
export function sqlProducts(db: SqlExecutor): ProductsPort {
  const pk = (p: Partition) => [p.accountId, p.mode];
  return {
    async insert(p, product): Promise<InsertResult> {
      // DO NOTHING without a target covers both the primary key and the external_ref index,
      // and unlike a caught unique violation it does not abort the surrounding transaction.
      const rows = await db.query(
        `INSERT INTO products (${PRODUCT_INSERT_COLUMNS}) VALUES (${PRODUCT_VALUES})
         ON CONFLICT DO NOTHING RETURNING sku`,
        [...pk(p), ...productParams(product)],
      );
      if (rows.length > 0) return 'created';
      const [existing] = await db.query(
        'SELECT 1 FROM products WHERE account_id = $1 AND mode = $2 AND sku = $3',
        [...pk(p), product.sku],
      );
      return existing ? 'duplicate_sku' : 'duplicate_external_ref';
    },
    async insertMany(p, products) {
      if (products.length === 0) return new Set();
      const params: unknown[] = pk(p);
      const tuples = products.map((product) => {
        const at = (offset: number, cast = '') => `$${params.length - 16 + offset}${cast}`;
        params.push(...productParams(product));
        return `($1, $2, ${Array.from({ length: 12 }, (_, i) => at(i)).join(', ')}, ${at(12, '::text::jsonb')}, ${at(13, '::text::jsonb')}, ${at(14)}, ${at(15, '::timestamptz')}, ${at(16, '::timestamptz')})`;
      });
      const rows = await db.query<{ sku: string }>(
        `INSERT INTO products (${PRODUCT_INSERT_COLUMNS}) VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING RETURNING sku`,
        params,
      );
      return new Set(rows.map((row) => row.sku));
    },
    async getMany(p, skus, options) {
      const found = new Map<string, Product>();
      if (skus.length === 0) return found;
      const rows = await db.query(
        `SELECT ${PRODUCT_JSON} FROM products
         WHERE account_id = $1 AND mode = $2 AND sku = ANY($3::text[])
         ORDER BY sku ${options?.forUpdate ? 'FOR UPDATE' : ''}`,
        [...pk(p), skus],
      );
      for (const row of rows) {
        const product = productFromJson(row);
        found.set(product.sku, product);
      }
      return found;
    },
    get: async (p, sku, options) => {
      const row = await rowByKey(db, PRODUCTS, p, sku, options?.forUpdate);
      return row ? productFromJson(row) : null;
    },
    findSkuByExternalRef: (p, externalRef) => keyOfExternalRef(db, PRODUCTS, p, externalRef),
    async update(p, product) {
      const rows = await db.query(
        `UPDATE products SET (${PRODUCT_INSERT_COLUMNS}) = (${PRODUCT_VALUES})
         WHERE account_id = $1 AND mode = $2 AND sku = $3 RETURNING sku`,
        [...pk(p), ...productParams(product)],
      );
      return rows.length > 0;
    },
    list: (p, query) => listProducts(db, p, query),
    async putListing(p, sku, l) {
      await db.query(
        `INSERT INTO product_listings (account_id, mode, sku, marketplace, external_id, price, quantity, status, last_synced_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::timestamptz)
         ON CONFLICT (account_id, mode, sku, marketplace) DO UPDATE SET external_id = EXCLUDED.external_id,
           price = EXCLUDED.price, quantity = EXCLUDED.quantity, status = EXCLUDED.status,
           last_synced_at = EXCLUDED.last_synced_at`,
        [...pk(p), sku, l.marketplace, l.external_id, l.price, l.quantity, l.status, l.last_synced_at],
      );
    },
  };
}

/** One keyset page of products with their listings, in one query. */
function listProducts(db: SqlExecutor, p: Partition, query: ProductListQuery): Promise<Page<Product>> {
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
  return keysetPage(db, PRODUCT_LIST, query, { table: 'products', columns: PRODUCT_JSON, conditions: c, fromRow: productFromJson });
}
