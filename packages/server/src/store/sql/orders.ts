import { ORDER_LIST, type OrderRecord, type OrdersPort } from '../orders.js';
import type { Partition } from '../partition.js';
import { formatMinor, minorUnits } from '../sort-keys.js';
import type { SqlExecutor } from './client.js';
import { inPartition, keysetPage } from './keyset.js';
import { iso, isoOrNull, json } from './rows.js';
import { keyOfExternalRef, rowByKey, type KeyedTable } from './by-key.js';

type Row = Record<string, unknown>;

const ORDER_COLUMNS = `id, order_number, status, customer_id, location_code, marketplace, items,
  subtotal, tax_total, total, currency, payment_method, license_keys, external_ref, cancel_reason,
  created_at, updated_at, confirmed_at, completed_at, cancelled_at`;
const orderFromRow = (r: Row): OrderRecord => ({
  id: r.id as string,
  order_number: r.order_number as string,
  status: r.status as OrderRecord['status'],
  customer_id: (r.customer_id as string | null) ?? null,
  location_code: r.location_code as string,
  marketplace: (r.marketplace as string | null) ?? null,
  items: r.items as OrderRecord['items'],
  subtotal: formatMinor(Number(r.subtotal)),
  tax_total: formatMinor(Number(r.tax_total)),
  total: formatMinor(Number(r.total)),
  currency: r.currency as string,
  payment_method: r.payment_method as OrderRecord['payment_method'],
  license_keys: r.license_keys as OrderRecord['license_keys'],
  external_ref: (r.external_ref as string | null) ?? null,
  cancel_reason: (r.cancel_reason as string | null) ?? null,
  created_at: iso(r.created_at),
  updated_at: iso(r.updated_at),
  confirmed_at: isoOrNull(r.confirmed_at),
  completed_at: isoOrNull(r.completed_at),
  cancelled_at: isoOrNull(r.cancelled_at),
});

/** Where orders are read by key. */
const ORDERS: KeyedTable = { table: 'orders', columns: ORDER_COLUMNS, key: 'id' };

/**
 * Orders and their counters in SQL; totals are kept as minor units so they sort as numbers.
 *
 * @example
 * const orders = sqlOrders(db);
 */
export function sqlOrders(db: SqlExecutor): OrdersPort {
  const pk = (p: Partition) => [p.accountId, p.mode];
  return {
    async nextSequence(p, year) {
      // The upsert locks the counter row until commit: concurrent orders take numbers in turn.
      const [row] = await db.query<{ value: string | number }>(
        `INSERT INTO order_counters (account_id, mode, year, value) VALUES ($1, $2, $3, 1)
         ON CONFLICT (account_id, mode, year) DO UPDATE SET value = order_counters.value + 1
         RETURNING value`,
        [...pk(p), year],
      );
      return Number(row!.value);
    },
    async insert(p, o) {
      const rows = await db.query(
        `INSERT INTO orders (account_id, mode, ${ORDER_COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text::jsonb, $10, $11, $12, $13, $14,
           $15::text::jsonb, $16, $17, $18::timestamptz, $19::timestamptz, $20::timestamptz,
           $21::timestamptz, $22::timestamptz)
         ON CONFLICT DO NOTHING RETURNING id`,
        [...pk(p), o.id, o.order_number, o.status, o.customer_id, o.location_code, o.marketplace,
          json(o.items), minorUnits(o.subtotal), minorUnits(o.tax_total), minorUnits(o.total), o.currency,
          o.payment_method, json(o.license_keys), o.external_ref, o.cancel_reason, o.created_at,
          o.updated_at, o.confirmed_at, o.completed_at, o.cancelled_at],
      );
      return rows.length > 0 ? 'created' : 'duplicate_external_ref';
    },
    get: async (p, id, options) => {
      const row = await rowByKey(db, ORDERS, p, id, options?.forUpdate);
      return row ? orderFromRow(row) : null;
    },
    findIdByExternalRef: (p, externalRef) => keyOfExternalRef(db, ORDERS, p, externalRef),
    async update(p, o) {
      const rows = await db.query(
        `UPDATE orders SET status = $4, cancel_reason = $5, updated_at = $6::timestamptz,
           confirmed_at = $7::timestamptz, completed_at = $8::timestamptz, cancelled_at = $9::timestamptz,
           license_keys = $10::text::jsonb
         WHERE account_id = $1 AND mode = $2 AND id = $3 RETURNING id`,
        [...pk(p), o.id, o.status, o.cancel_reason, o.updated_at, o.confirmed_at, o.completed_at,
          o.cancelled_at, json(o.license_keys)],
      );
      return rows.length > 0;
    },
    async openOrderIdForSku(p, sku) {
      const [row] = await db.query<{ id: string }>(
        `SELECT id FROM orders WHERE account_id = $1 AND mode = $2 AND status IN ('pending', 'confirmed')
           AND items @> $3::text::jsonb LIMIT 1`,
        [...pk(p), json([{ sku }])],
      );
      return row?.id ?? null;
    },
    async list(p, query) {
      const c = inPartition(p);
      const f = query.filters;
      if (f.status) c.where.push(`status = ${c.add(f.status)}`);
      if (f.marketplace) c.where.push(`marketplace = ${c.add(f.marketplace)}`);
      if (f.customer_id) c.where.push(`customer_id = ${c.add(f.customer_id)}`);
      if (f.created_from) c.where.push(`created_at >= ${c.add(f.created_from)}::timestamptz`);
      if (f.created_to) c.where.push(`created_at < ${c.add(f.created_to)}::timestamptz`);
      return keysetPage(db, ORDER_LIST, query, { table: 'orders', columns: ORDER_COLUMNS, conditions: c, fromRow: orderFromRow });
    },
  };
}
