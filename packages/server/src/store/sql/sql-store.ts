import type { InsertResult, Store, StoreOps } from '../port.js';
import type { IdempotencyClaim, Partition, Product, StoredResponse } from '../types.js';
import type { Migration, SqlClient, SqlExecutor } from './client.js';
import { listingsFor, listProductsSql } from './list-products.js';
import { migrate } from './migrate.js';
import { commerceSqlOps } from './commerce.js';
import { asyncSqlOps } from './async.js';
import { catalogSqlOps } from './catalog.js';
import {
  accountFromRow,
  apiKeyFromRow,
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
    async createAccount(a) {
      await db.query('INSERT INTO accounts (id, name, created_at) VALUES ($1, $2, $3::timestamptz)', [a.id, a.name, a.created_at]);
    },
    async getAccount(id) {
      const [row] = await db.query('SELECT * FROM accounts WHERE id = $1', [id]);
      return row ? accountFromRow(row) : null;
    },
    async listAccounts() {
      return (await db.query('SELECT * FROM accounts ORDER BY created_at, id')).map(accountFromRow);
    },

    async createApiKey(k) {
      await db.query(
        `INSERT INTO api_keys (id, account_id, mode, prefix, hash, name, scopes, plan, rate_limits,
           batch_limit, expires_at, ip_allowlist, revoked_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8, $9::text::jsonb, $10, $11::timestamptz,
           $12::text::jsonb, $13::timestamptz, $14::timestamptz)`,
        [k.id, k.account_id, k.mode, k.prefix, k.hash, k.name, json(k.scopes), k.plan,
          k.rate_limits ? json(k.rate_limits) : null, k.batch_limit, k.expires_at,
          json(k.ip_allowlist), k.revoked_at, k.created_at],
      );
    },
    async findApiKeyByPrefix(prefix) {
      const [row] = await db.query('SELECT * FROM api_keys WHERE prefix = $1', [prefix]);
      return row ? apiKeyFromRow(row) : null;
    },
    async listApiKeys(accountId) {
      const rows = await db.query('SELECT * FROM api_keys WHERE account_id = $1 ORDER BY created_at, id', [accountId]);
      return rows.map(apiKeyFromRow);
    },
    async revokeApiKey(idOrPrefix, at) {
      const rows = await db.query(
        `UPDATE api_keys SET revoked_at = $2::timestamptz
         WHERE (id = $1 OR prefix = $1) AND revoked_at IS NULL RETURNING id`,
        [idOrPrefix, at],
      );
      return rows.length > 0;
    },

    async claimIdempotencyKey(p, input): Promise<IdempotencyClaim> {
      // Insert, or take over an expired record or an abandoned claim (lock expired, no answer).
      // ON CONFLICT serializes concurrent claims of one key: exactly one of them gets a row back.
      for (let attempt = 0; attempt < 3; attempt++) {
        const claimed = await db.query(
          `INSERT INTO idempotency_keys (account_id, mode, key, fingerprint, response, locked_until, expires_at)
           VALUES ($1, $2, $3, $4, NULL, $5::timestamptz, $6::timestamptz)
           ON CONFLICT (account_id, mode, key) DO UPDATE SET
             fingerprint = EXCLUDED.fingerprint, response = NULL, locked_until = EXCLUDED.locked_until,
             expires_at = CASE WHEN idempotency_keys.expires_at <= $7::timestamptz
               THEN EXCLUDED.expires_at ELSE idempotency_keys.expires_at END
           WHERE idempotency_keys.expires_at <= $7::timestamptz
              OR (idempotency_keys.response IS NULL AND idempotency_keys.fingerprint = EXCLUDED.fingerprint
                  AND idempotency_keys.locked_until <= $7::timestamptz)
           RETURNING key`,
          [...pk(p), input.key, input.fingerprint, input.lockedUntil, input.expiresAt, input.now],
        );
        if (claimed.length > 0) return { outcome: 'claimed' };
        const [row] = await db.query<{ fingerprint: string; response: StoredResponse | null }>(
          'SELECT fingerprint, response FROM idempotency_keys WHERE account_id = $1 AND mode = $2 AND key = $3',
          [...pk(p), input.key],
        );
        // Released between the two statements: claim again.
        if (!row) continue;
        if (row.fingerprint !== input.fingerprint) return { outcome: 'conflict' };
        if (row.response) return { outcome: 'replay', response: row.response };
        return { outcome: 'in_progress' };
      }
      return { outcome: 'in_progress' };
    },
    async completeIdempotencyKey(p, key, response) {
      await db.query(
        'UPDATE idempotency_keys SET response = $4::text::jsonb WHERE account_id = $1 AND mode = $2 AND key = $3',
        [...pk(p), key, json(response)],
      );
    },
    async releaseIdempotencyKey(p, key) {
      await db.query('DELETE FROM idempotency_keys WHERE account_id = $1 AND mode = $2 AND key = $3', [...pk(p), key]);
    },

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
