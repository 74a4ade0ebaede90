import type { CommerceStoreOps } from '../commerce-port.js';
import { customerNameKey, formatMinor, minorUnits } from '../sort-keys.js';
import { CUSTOMER_LIST, ORDER_LIST, WALLET_TRANSACTION_LIST } from '../commerce-types.js';
import type { CustomerRecord, OrderRecord, Partition, WalletRecord, WalletTransactionRecord } from '../types.js';
import type { SqlExecutor } from './client.js';
import { containsPattern, inPartition, keysetPage } from './keyset.js';
import { iso, isoOrNull, json } from './rows.js';

type Row = Record<string, unknown>;

const CUSTOMER_COLUMNS = 'id, name, email, phone, external_ref, created_at, updated_at';
const ORDER_COLUMNS = `id, order_number, status, customer_id, location_code, marketplace, items,
  subtotal, tax_total, total, currency, payment_method, license_keys, external_ref, cancel_reason,
  created_at, updated_at, confirmed_at, completed_at, cancelled_at`;
const TX_COLUMNS = 'id, customer_id, type, amount, balance_after, currency, reference, note, order_id, created_at';

const customerFromRow = (r: Row): CustomerRecord => ({
  id: r.id as string,
  name: r.name as string,
  email: (r.email as string | null) ?? null,
  phone: (r.phone as string | null) ?? null,
  external_ref: (r.external_ref as string | null) ?? null,
  created_at: iso(r.created_at),
  updated_at: iso(r.updated_at),
});

const walletFromRow = (r: Row): WalletRecord => ({
  customer_id: r.customer_id as string,
  balance: Number(r.balance),
  currency: r.currency as string,
  updated_at: iso(r.updated_at),
});

const txFromRow = (r: Row): WalletTransactionRecord => ({
  id: r.id as string,
  customer_id: r.customer_id as string,
  type: r.type as WalletTransactionRecord['type'],
  amount: Number(r.amount),
  balance_after: Number(r.balance_after),
  currency: r.currency as string,
  reference: (r.reference as string | null) ?? null,
  note: (r.note as string | null) ?? null,
  order_id: (r.order_id as string | null) ?? null,
  created_at: iso(r.created_at),
});

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

/** The SQL store's customer, wallet and order operations (PGlite and PostgreSQL). */
export function commerceSqlOps(db: SqlExecutor): CommerceStoreOps {
  const pk = (p: Partition) => [p.accountId, p.mode];
  const customerParams = (c: CustomerRecord) =>
    [c.id, c.name, customerNameKey(c.name), c.email, c.phone, c.external_ref, c.created_at, c.updated_at];
  const customerClash = async (p: Partition, c: CustomerRecord) => {
    const [row] = await db.query<{ phone_taken: boolean }>(
      `SELECT (phone IS NOT DISTINCT FROM $4) AS phone_taken FROM customers
       WHERE account_id = $1 AND mode = $2 AND id <> $3 AND (phone = $4 OR external_ref = $5)
       ORDER BY 1 DESC LIMIT 1`,
      [...pk(p), c.id, c.phone, c.external_ref],
    );
    if (!row) return null;
    return row.phone_taken ? ('duplicate_phone' as const) : ('duplicate_external_ref' as const);
  };

  return {
    async insertCustomer(p, c, w) {
      // DO NOTHING covers both unique indexes without aborting the surrounding transaction.
      const rows = await db.query(
        `INSERT INTO customers (account_id, mode, id, name, name_key, email, phone, external_ref, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::timestamptz, $10::timestamptz)
         ON CONFLICT DO NOTHING RETURNING id`,
        [...pk(p), ...customerParams(c)],
      );
      if (rows.length === 0) return (await customerClash(p, c)) ?? 'duplicate_external_ref';
      await db.query(
        `INSERT INTO wallets (account_id, mode, customer_id, balance, currency, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6::timestamptz)`,
        [...pk(p), w.customer_id, w.balance, w.currency, w.updated_at],
      );
      return 'ok';
    },
    async getCustomer(p, id, options) {
      const [row] = await db.query(
        `SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE account_id = $1 AND mode = $2 AND id = $3 ${options?.forUpdate ? 'FOR UPDATE' : ''}`,
        [...pk(p), id],
      );
      return row ? customerFromRow(row) : null;
    },
    async findCustomerByPhone(p, phone) {
      const [row] = await db.query(`SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE account_id = $1 AND mode = $2 AND phone = $3`, [...pk(p), phone]);
      return row ? customerFromRow(row) : null;
    },
    async updateCustomer(p, c) {
      const [exists] = await db.query('SELECT 1 FROM customers WHERE account_id = $1 AND mode = $2 AND id = $3 FOR UPDATE', [...pk(p), c.id]);
      if (!exists) return 'not_found';
      const problem = await customerClash(p, c);
      if (problem) return problem;
      await db.query(
        `UPDATE customers SET name = $4, name_key = $5, email = $6, phone = $7, external_ref = $8,
           updated_at = $9::timestamptz
         WHERE account_id = $1 AND mode = $2 AND id = $3`,
        [...pk(p), c.id, c.name, customerNameKey(c.name), c.email, c.phone, c.external_ref, c.updated_at],
      );
      return 'ok';
    },
    async listCustomers(p, query) {
      const c = inPartition(p);
      const f = query.filters;
      if (f.email) c.where.push(`lower(email) = lower(${c.add(f.email)})`);
      if (f.phone) c.where.push(`phone = ${c.add(f.phone)}`);
      if (f.search) {
        const pattern = c.add(containsPattern(f.search));
        c.where.push(`(name ILIKE ${pattern} OR email ILIKE ${pattern} OR phone ILIKE ${pattern})`);
      }
      return keysetPage(db, CUSTOMER_LIST, query, { table: 'customers', columns: CUSTOMER_COLUMNS, conditions: c, fromRow: customerFromRow });
    },

    async getWallet(p, customerId) {
      const [row] = await db.query(
        'SELECT customer_id, balance, currency, updated_at FROM wallets WHERE account_id = $1 AND mode = $2 AND customer_id = $3',
        [...pk(p), customerId],
      );
      return row ? walletFromRow(row) : null;
    },
    async appendWalletEntry(p, e) {
      // One conditional UPDATE: concurrent debits serialize on the row and none overdraws.
      const [wallet] = await db.query<{ balance: string | number }>(
        `UPDATE wallets SET balance = balance + $4::bigint, updated_at = $5::timestamptz
         WHERE account_id = $1 AND mode = $2 AND customer_id = $3 AND balance + $4::bigint >= 0
         RETURNING balance`,
        [...pk(p), e.customer_id, e.amount, e.created_at],
      );
      if (!wallet) {
        const [exists] = await db.query('SELECT 1 FROM wallets WHERE account_id = $1 AND mode = $2 AND customer_id = $3', [...pk(p), e.customer_id]);
        return exists ? 'insufficient_funds' : 'no_wallet';
      }
      const record: WalletTransactionRecord = { ...e, balance_after: Number(wallet.balance) };
      await db.query(
        `INSERT INTO wallet_transactions (account_id, mode, ${TX_COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::timestamptz)`,
        [...pk(p), record.id, record.customer_id, record.type, record.amount, record.balance_after,
          record.currency, record.reference, record.note, record.order_id, record.created_at],
      );
      return record;
    },
    async listWalletTransactions(p, customerId, query) {
      const c = inPartition(p);
      c.where.push(`customer_id = ${c.add(customerId)}`);
      if (query.filters.type) c.where.push(`type = ${c.add(query.filters.type)}`);
      return keysetPage(db, WALLET_TRANSACTION_LIST, query, { table: 'wallet_transactions', columns: TX_COLUMNS, conditions: c, fromRow: txFromRow });
    },

    async nextOrderSequence(p, year) {
      // The upsert locks the counter row until commit: concurrent orders take numbers in turn.
      const [row] = await db.query<{ value: string | number }>(
        `INSERT INTO order_counters (account_id, mode, year, value) VALUES ($1, $2, $3, 1)
         ON CONFLICT (account_id, mode, year) DO UPDATE SET value = order_counters.value + 1
         RETURNING value`,
        [...pk(p), year],
      );
      return Number(row!.value);
    },
    async insertOrder(p, o) {
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
    async getOrder(p, id, options) {
      const [row] = await db.query(
        `SELECT ${ORDER_COLUMNS} FROM orders WHERE account_id = $1 AND mode = $2 AND id = $3
         ${options?.forUpdate ? 'FOR UPDATE' : ''}`,
        [...pk(p), id],
      );
      return row ? orderFromRow(row) : null;
    },
    async findOrderIdByExternalRef(p, externalRef) {
      const [row] = await db.query<{ id: string }>(
        'SELECT id FROM orders WHERE account_id = $1 AND mode = $2 AND external_ref = $3',
        [...pk(p), externalRef],
      );
      return row?.id ?? null;
    },
    async updateOrder(p, o) {
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
    async listOrders(p, query) {
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
