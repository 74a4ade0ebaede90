import type { InsertResult, Store, StoreOps } from '../port.js';
import type { Partition, Product } from '../types.js';
import type { Migration, SqlClient, SqlExecutor } from './client.js';
import { listingsFor, listProductsSql } from './list-products.js';
import { migrate } from './migrate.js';
import { commerceSqlOps } from './commerce.js';
import { asyncSqlOps } from './async.js';
import { catalogSqlOps } from './catalog.js';
import { sqlAccounts } from './accounts.js';
import { sqlIdempotency } from './idempotency.js';
import {
  eventFromRow,
  jobFromRow,
  json,
  PRODUCT_COLUMNS,
  productFromRow,
  productParams,
} from './rows.js';

const PRODUCT_INSERT_COLUMNS = `account_id, mode, sku, title, description, status, kind, gtin,
  category_code, price, cost_price, currency, tax_rate, weight_kg, images, attributes, external_ref,
  created_at, updated_at`;
const PRODUCT_VALUES = `$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
  $15::text::jsonb, $16::text::jsonb, $17, $18::timestamptz, $19::timestamptz`;

function ops(db: SqlExecutor): StoreOps {
  const pk = (p: Partition) => [p.accountId, p.mode];
  return {
    ...commerceSqlOps(db),
    ...asyncSqlOps(db),
    ...catalogSqlOps(db),
    accounts: sqlAccounts(db),
    idempotency: sqlIdempotency(db),
    async insertProduct(p, product): Promise<InsertResult> {
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
    async insertProducts(p, products) {
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
    async getProducts(p, skus, options) {
      const found = new Map<string, Product>();
      if (skus.length === 0) return found;
      const rows = await db.query(
        `SELECT ${PRODUCT_COLUMNS} FROM products
         WHERE account_id = $1 AND mode = $2 AND sku = ANY($3::text[])
         ORDER BY sku ${options?.forUpdate ? 'FOR UPDATE' : ''}`,
        [...pk(p), skus],
      );
      const listings = await listingsFor(db, p, rows.map((row) => row.sku as string));
      for (const row of rows) found.set(row.sku as string, { ...productFromRow(row), listings: listings.get(row.sku as string) ?? [] });
      return found;
    },
    async getProduct(p, sku, options) {
      const [row] = await db.query(
        `SELECT ${PRODUCT_COLUMNS} FROM products WHERE account_id = $1 AND mode = $2 AND sku = $3
         ${options?.forUpdate ? 'FOR UPDATE' : ''}`,
        [...pk(p), sku],
      );
      if (!row) return null;
      const listings = await listingsFor(db, p, [sku]);
      return { ...productFromRow(row), listings: listings.get(sku) ?? [] };
    },
    async findProductSkuByExternalRef(p, externalRef) {
      const [row] = await db.query<{ sku: string }>(
        'SELECT sku FROM products WHERE account_id = $1 AND mode = $2 AND external_ref = $3',
        [...pk(p), externalRef],
      );
      return row?.sku ?? null;
    },
    async updateProduct(p, product) {
      const rows = await db.query(
        `UPDATE products SET (${PRODUCT_INSERT_COLUMNS}) = (${PRODUCT_VALUES})
         WHERE account_id = $1 AND mode = $2 AND sku = $3 RETURNING sku`,
        [...pk(p), ...productParams(product)],
      );
      return rows.length > 0;
    },
    listProducts: (p, query) => listProductsSql(db, p, query),
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

    async appendEvent(p, e) {
      await db.query(
        `INSERT INTO outbox_events (id, account_id, mode, type, data, created_at, request_id)
         VALUES ($1, $2, $3, $4, $5::text::jsonb, $6::timestamptz, $7)`,
        [e.id, ...pk(p), e.type, json(e.data), e.created_at, e.request_id ?? null],
      );
    },
    async appendEvents(p, events) {
      if (events.length === 0) return;
      const params: unknown[] = pk(p);
      // Rows take their seq in VALUES order, which keeps the outbox in the order given.
      const tuples = events.map((e) => {
        const n = params.push(e.id, e.type, json(e.data), e.created_at, e.request_id ?? null);
        return `($${n - 4}, $1, $2, $${n - 3}, $${n - 2}::text::jsonb, $${n - 1}::timestamptz, $${n})`;
      });
      await db.query(`INSERT INTO outbox_events (id, account_id, mode, type, data, created_at, request_id) VALUES ${tuples.join(', ')}`, params);
    },
    async listEvents(p) {
      const rows = await db.query('SELECT * FROM outbox_events WHERE account_id = $1 AND mode = $2 ORDER BY seq', pk(p));
      return rows.map(eventFromRow);
    },
    async createJob(p, j) {
      await db.query(
        `INSERT INTO jobs (account_id, mode, id, type, status, total, request_id, payload, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9::timestamptz)`,
        [...pk(p), j.id, j.type, j.status, j.total, j.request_id, json(j.payload), j.created_at],
      );
    },
    async getJob(p, id) {
      const [row] = await db.query('SELECT * FROM jobs WHERE account_id = $1 AND mode = $2 AND id = $3', [...pk(p), id]);
      return row ? jobFromRow(row) : null;
    },
  };
}

/**
 * The SQL store over PGlite or PostgreSQL (one dialect). Runs the given migrations first.
 *
 * @example
 * const store = await createSqlStore(await createPgliteClient(), { migrations });
 */
export async function createSqlStore(
  client: SqlClient,
  options: { migrations?: Migration[] } = {},
): Promise<Store> {
  if (options.migrations) await migrate(client, options.migrations);
  return {
    ...ops(client),
    transaction: (fn) => client.transaction((tx) => fn(ops(tx))),
    close: () => client.close(),
  };
}
