import type { CatalogInsertResult, StoreOps } from '../port.js';
import { CATEGORY_LIST, DEALER_LIST, INVENTORY_LIST, type CategoryRecord, type DealerRecord, type InventoryLevel, type Partition } from '../types.js';
import type { SqlExecutor } from './client.js';
import { containsPattern, inPartition, keysetPage } from './keyset.js';
import { iso, json } from './rows.js';

type Row = Record<string, unknown>;
type CatalogOps = Pick<StoreOps,
  | 'insertCategory' | 'getCategory' | 'findCategoryCodeByExternalRef' | 'updateCategory' | 'listCategories' | 'lockCategoryTree' | 'lockValues'
  | 'insertDealer' | 'getDealer' | 'findDealerCodeByExternalRef' | 'updateDealer' | 'listDealers'
  | 'lockInventoryLevel' | 'getInventoryLevel' | 'updateInventoryLevel' | 'listInventory' | 'listInventoryForSku'
  | 'addLicenseKeys' | 'countLicenseKeys'
  | 'reserveStock' | 'releaseStock' | 'consumeReserved' | 'assignLicenseKeys' | 'releaseLicenseKeys'>;

const CATEGORY_COLUMNS = 'category_code, name, parent_code, description, status, external_ref, created_at, updated_at';
const DEALER_COLUMNS = 'code, name, email, phone, address, status, external_ref, created_at, updated_at';
const LEVEL_COLUMNS = 'sku, location_code, on_hand, reserved, on_hand - reserved AS available, low_stock_threshold, updated_at';
const categoryFromRow = (r: Row): CategoryRecord => ({
  category_code: r.category_code as string, name: r.name as string, parent_code: (r.parent_code as string | null) ?? null,
  description: (r.description as string | null) ?? null, status: r.status as CategoryRecord['status'],
  external_ref: (r.external_ref as string | null) ?? null, created_at: iso(r.created_at), updated_at: iso(r.updated_at),
});
const dealerFromRow = (r: Row): DealerRecord => ({
  code: r.code as string, name: r.name as string, email: (r.email as string | null) ?? null, phone: (r.phone as string | null) ?? null,
  address: (r.address as DealerRecord['address']) ?? null, status: r.status as DealerRecord['status'],
  external_ref: (r.external_ref as string | null) ?? null, created_at: iso(r.created_at), updated_at: iso(r.updated_at),
});
const levelFromRow = (r: Row): InventoryLevel => ({
  sku: r.sku as string, location_code: r.location_code as string, on_hand: Number(r.on_hand), reserved: Number(r.reserved),
  available: Number(r.available), low_stock_threshold: r.low_stock_threshold == null ? null : Number(r.low_stock_threshold),
  updated_at: iso(r.updated_at),
});
/**
 * The catalog's SQL operations (categories, dealers, stock levels, license keys).
 *
 * @example
 * return { ...catalogSqlOps(db), … };
 */
export function catalogSqlOps(db: SqlExecutor): CatalogOps {
  const pk = (p: Partition) => [p.accountId, p.mode];
  /** A guarded single-statement change: no row comes back when the guard fails. */
  const guarded = async (p: Partition, sku: string, location: string, set: string, guard: string, qty: number) => {
    const rows = await db.query(
      `UPDATE inventory_levels SET ${set}
       WHERE account_id = $1 AND mode = $2 AND sku = $3 AND location_code = $4 AND ${guard} RETURNING sku`,
      [...pk(p), sku, location, qty],
    );
    return rows.length > 0 ? ('ok' as const) : ('insufficient' as const);
  };

  return {
    async insertCategory(p, c): Promise<CatalogInsertResult> {
      const rows = await db.query(
        `INSERT INTO categories (account_id, mode, ${CATEGORY_COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::timestamptz, $10::timestamptz)
         ON CONFLICT DO NOTHING RETURNING category_code`,
        [...pk(p), c.category_code, c.name, c.parent_code, c.description, c.status, c.external_ref, c.created_at, c.updated_at],
      );
      if (rows.length > 0) return 'created';
      const [taken] = await db.query('SELECT 1 FROM categories WHERE account_id = $1 AND mode = $2 AND category_code = $3', [...pk(p), c.category_code]);
      return taken ? 'duplicate_code' : 'duplicate_external_ref';
    },
    async getCategory(p, code, options) {
      const [row] = await db.query(
        `SELECT ${CATEGORY_COLUMNS} FROM categories WHERE account_id = $1 AND mode = $2 AND category_code = $3
         ${options?.forUpdate ? 'FOR UPDATE' : ''}`,
        [...pk(p), code],
      );
      return row ? categoryFromRow(row) : null;
    },
    async findCategoryCodeByExternalRef(p, ref) {
      const [row] = await db.query<{ category_code: string }>(
        'SELECT category_code FROM categories WHERE account_id = $1 AND mode = $2 AND external_ref = $3', [...pk(p), ref]);
      return row?.category_code ?? null;
    },
    async updateCategory(p, c) {
      const rows = await db.query(
        `UPDATE categories SET name = $4, parent_code = $5, description = $6, status = $7, external_ref = $8,
           updated_at = $9::timestamptz
         WHERE account_id = $1 AND mode = $2 AND category_code = $3 RETURNING category_code`,
        [...pk(p), c.category_code, c.name, c.parent_code, c.description, c.status, c.external_ref, c.updated_at],
      );
      return rows.length > 0;
    },
    async listCategories(p, query) {
      const c = inPartition(p);
      const f = query.filters;
      if (f.parent_code !== undefined) c.where.push(`parent_code = ${c.add(f.parent_code)}`);
      if (f.search) {
        const n = c.add(containsPattern(f.search));
        c.where.push(`(name ILIKE ${n} OR category_code ILIKE ${n})`);
      }
      return keysetPage(db, CATEGORY_LIST, query, { table: 'categories', columns: CATEGORY_COLUMNS, conditions: c, fromRow: categoryFromRow });
    },
    async lockCategoryTree(p) {
      await db.query("SELECT pg_advisory_xact_lock(hashtext($1 || '|' || $2 || '|categories'))", pk(p));
    },
    async lockValues(p, values) {
      // In one order, so two writers claiming the same two values cannot deadlock.
      for (const value of [...new Set(values)].sort()) {
        await db.query("SELECT pg_advisory_xact_lock(hashtextextended($1 || '|' || $2 || '|' || $3, 0))", [...pk(p), value]);
      }
    },

    async insertDealer(p, d): Promise<CatalogInsertResult> {
      const rows = await db.query(
        `INSERT INTO dealers (account_id, mode, ${DEALER_COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8, $9, $10::timestamptz, $11::timestamptz)
         ON CONFLICT DO NOTHING RETURNING code`,
        [...pk(p), d.code, d.name, d.email, d.phone, d.address ? json(d.address) : null, d.status, d.external_ref, d.created_at, d.updated_at],
      );
      if (rows.length > 0) return 'created';
      const [taken] = await db.query('SELECT 1 FROM dealers WHERE account_id = $1 AND mode = $2 AND code = $3', [...pk(p), d.code]);
      return taken ? 'duplicate_code' : 'duplicate_external_ref';
    },
    async getDealer(p, code, options) {
      const [row] = await db.query(
        `SELECT ${DEALER_COLUMNS} FROM dealers WHERE account_id = $1 AND mode = $2 AND code = $3 ${options?.forUpdate ? 'FOR UPDATE' : ''}`,
        [...pk(p), code],
      );
      return row ? dealerFromRow(row) : null;
    },
    async findDealerCodeByExternalRef(p, ref) {
      const [row] = await db.query<{ code: string }>('SELECT code FROM dealers WHERE account_id = $1 AND mode = $2 AND external_ref = $3', [...pk(p), ref]);
      return row?.code ?? null;
    },
    async updateDealer(p, d) {
      const rows = await db.query(
        `UPDATE dealers SET name = $4, email = $5, phone = $6, address = $7::text::jsonb, status = $8, external_ref = $9,
           updated_at = $10::timestamptz
         WHERE account_id = $1 AND mode = $2 AND code = $3 RETURNING code`,
        [...pk(p), d.code, d.name, d.email, d.phone, d.address ? json(d.address) : null, d.status, d.external_ref, d.updated_at],
      );
      return rows.length > 0;
    },
    async listDealers(p, query) {
      const c = inPartition(p);
      const f = query.filters;
      if (f.status) c.where.push(`status = ${c.add(f.status)}`);
      if (f.search) {
        const n = c.add(containsPattern(f.search));
        c.where.push(`(name ILIKE ${n} OR code ILIKE ${n} OR email ILIKE ${n} OR phone ILIKE ${n})`);
      }
      return keysetPage(db, DEALER_LIST, query, { table: 'dealers', columns: DEALER_COLUMNS, conditions: c, fromRow: dealerFromRow });
    },

    async lockInventoryLevel(p, sku, location, now) {
      // Insert-if-missing first, so that concurrent first adjustments queue on one row lock.
      const inserted = await db.query(
        `INSERT INTO inventory_levels (account_id, mode, sku, location_code, on_hand, reserved, low_stock_threshold, updated_at)
         VALUES ($1, $2, $3, $4, 0, 0, NULL, $5::timestamptz) ON CONFLICT DO NOTHING RETURNING sku`,
        [...pk(p), sku, location, now],
      );
      const [row] = await db.query(
        `SELECT ${LEVEL_COLUMNS} FROM inventory_levels WHERE account_id = $1 AND mode = $2 AND sku = $3 AND location_code = $4 FOR UPDATE`,
        [...pk(p), sku, location],
      );
      return { level: levelFromRow(row!), created: inserted.length > 0 };
    },
    async getInventoryLevel(p, sku, location) {
      const [row] = await db.query(
        `SELECT ${LEVEL_COLUMNS} FROM inventory_levels WHERE account_id = $1 AND mode = $2 AND sku = $3 AND location_code = $4`,
        [...pk(p), sku, location],
      );
      return row ? levelFromRow(row) : null;
    },
    async updateInventoryLevel(p, l) {
      await db.query(
        `UPDATE inventory_levels SET on_hand = $5, reserved = $6, low_stock_threshold = $7, updated_at = $8::timestamptz
         WHERE account_id = $1 AND mode = $2 AND sku = $3 AND location_code = $4`,
        [...pk(p), l.sku, l.location_code, l.on_hand, l.reserved, l.low_stock_threshold, l.updated_at],
      );
    },
    async listInventory(p, query) {
      const c = inPartition(p);
      const f = query.filters;
      if (f.sku) c.where.push(`sku = ${c.add(f.sku)}`);
      if (f.location_code) c.where.push(`location_code = ${c.add(f.location_code)}`);
      if (f.low_stock) c.where.push('low_stock_threshold IS NOT NULL AND on_hand - reserved < low_stock_threshold');
      return keysetPage(db, INVENTORY_LIST, query, { table: 'inventory_levels', columns: LEVEL_COLUMNS, conditions: c, fromRow: levelFromRow });
    },
    async listInventoryForSku(p, sku) {
      const rows = await db.query(
        `SELECT ${LEVEL_COLUMNS} FROM inventory_levels WHERE account_id = $1 AND mode = $2 AND sku = $3 ORDER BY location_code`,
        [...pk(p), sku],
      );
      return rows.map(levelFromRow);
    },
    async addLicenseKeys(p, sku, keys, now) {
      if (keys.length === 0) return 0;
      // WITH ORDINALITY keeps the upload order in seq.
      const rows = await db.query(
        `INSERT INTO license_keys (account_id, mode, sku, key, created_at)
         SELECT $1, $2, $3, k.key, $5::timestamptz
         FROM jsonb_array_elements_text($4::text::jsonb) WITH ORDINALITY AS k(key, n) ORDER BY k.n
         ON CONFLICT DO NOTHING RETURNING key`,
        [...pk(p), sku, json(keys), now],
      );
      return rows.length;
    },
    async countLicenseKeys(p, sku) {
      const [row] = await db.query<{ available: string | number; assigned: string | number }>(
        `SELECT count(*) FILTER (WHERE order_id IS NULL) AS available, count(*) FILTER (WHERE order_id IS NOT NULL) AS assigned
         FROM license_keys WHERE account_id = $1 AND mode = $2 AND sku = $3`,
        [...pk(p), sku],
      );
      return { available: Number(row?.available ?? 0), assigned: Number(row?.assigned ?? 0) };
    },

    reserveStock: (p, sku, location, qty) => guarded(p, sku, location, 'reserved = reserved + $5', 'on_hand - reserved >= $5', qty),
    releaseStock: (p, sku, location, qty) => guarded(p, sku, location, 'reserved = reserved - $5', 'reserved >= $5', qty),
    consumeReserved: (p, sku, location, qty) =>
      guarded(p, sku, location, 'reserved = reserved - $5, on_hand = on_hand - $5', 'reserved >= $5', qty),
    async assignLicenseKeys(p, sku, count, orderId) {
      const free = await db.query<{ key: string }>(
        `SELECT key FROM license_keys WHERE account_id = $1 AND mode = $2 AND sku = $3 AND order_id IS NULL
         ORDER BY seq LIMIT $4 FOR UPDATE SKIP LOCKED`,
        [...pk(p), sku, count],
      );
      if (free.length < count) return 'insufficient';
      const keys = free.map((r) => r.key);
      await db.query(
        `UPDATE license_keys SET order_id = $4 WHERE account_id = $1 AND mode = $2 AND sku = $3
           AND key = ANY($5::text[])`,
        [...pk(p), sku, orderId, keys],
      );
      return keys;
    },
    async releaseLicenseKeys(p, sku, orderId) {
      const rows = await db.query(
        `UPDATE license_keys SET order_id = NULL WHERE account_id = $1 AND mode = $2 AND sku = $3 AND order_id = $4 RETURNING key`,
        [...pk(p), sku, orderId],
      );
      return rows.length;
    },
  };
}
