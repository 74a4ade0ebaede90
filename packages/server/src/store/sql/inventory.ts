import { INVENTORY_LIST, type InventoryLevel, type InventoryPort } from '../inventory.js';
import type { Partition } from '../partition.js';
import type { SqlExecutor } from './client.js';
import { inPartition, keysetPage } from './keyset.js';
import { iso, json } from './rows.js';

type Row = Record<string, unknown>;

const LEVEL_COLUMNS = 'sku, location_code, on_hand, reserved, on_hand - reserved AS available, low_stock_threshold, updated_at';
const levelFromRow = (r: Row): InventoryLevel => ({
  sku: r.sku as string, location_code: r.location_code as string, on_hand: Number(r.on_hand), reserved: Number(r.reserved),
  available: Number(r.available), low_stock_threshold: r.low_stock_threshold == null ? null : Number(r.low_stock_threshold),
  updated_at: iso(r.updated_at),
});

/**
 * Stock levels and license keys in SQL: each guarded move is one conditional UPDATE, so
 * concurrent orders serialise on the row and none oversells.
 *
 * @example
 * const inventory = sqlInventory(db);
 */
export function sqlInventory(db: SqlExecutor): InventoryPort {
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
    async lockLevel(p, sku, location, now) {
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
    async getLevel(p, sku, location) {
      const [row] = await db.query(
        `SELECT ${LEVEL_COLUMNS} FROM inventory_levels WHERE account_id = $1 AND mode = $2 AND sku = $3 AND location_code = $4`,
        [...pk(p), sku, location],
      );
      return row ? levelFromRow(row) : null;
    },
    async updateLevel(p, l) {
      await db.query(
        `UPDATE inventory_levels SET on_hand = $5, reserved = $6, low_stock_threshold = $7, updated_at = $8::timestamptz
         WHERE account_id = $1 AND mode = $2 AND sku = $3 AND location_code = $4`,
        [...pk(p), l.sku, l.location_code, l.on_hand, l.reserved, l.low_stock_threshold, l.updated_at],
      );
    },
    async list(p, query) {
      const c = inPartition(p);
      const f = query.filters;
      if (f.sku) c.where.push(`sku = ${c.add(f.sku)}`);
      if (f.location_code) c.where.push(`location_code = ${c.add(f.location_code)}`);
      if (f.low_stock) c.where.push('low_stock_threshold IS NOT NULL AND on_hand - reserved < low_stock_threshold');
      return keysetPage(db, INVENTORY_LIST, query, { table: 'inventory_levels', columns: LEVEL_COLUMNS, conditions: c, fromRow: levelFromRow });
    },
    async listForSku(p, sku) {
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

    reserve: (p, sku, location, qty) => guarded(p, sku, location, 'reserved = reserved + $5', 'on_hand - reserved >= $5', qty),
    release: (p, sku, location, qty) => guarded(p, sku, location, 'reserved = reserved - $5', 'reserved >= $5', qty),
    consume: (p, sku, location, qty) =>
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
