import { CUSTOMER_LIST, WALLET_TRANSACTION_LIST, type CustomerRecord, type CustomersPort, type WalletRecord, type WalletTransactionRecord } from '../customers.js';
import type { Partition } from '../partition.js';
import { customerNameKey } from '../sort-keys.js';
import type { SqlExecutor } from './client.js';
import { containsPattern, inPartition, keysetPage } from './keyset.js';
import { iso } from './rows.js';
import { rowByKey } from './by-key.js';

type Row = Record<string, unknown>;

const CUSTOMER_COLUMNS = 'id, name, email, phone, external_ref, created_at, updated_at';
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
/**
 * Customers, wallets and ledgers in SQL: a wallet entry is one conditional UPDATE of the balance,
 * so concurrent debits serialise on the row and none overdraws.
 *
 * @example
 * const customers = sqlCustomers(db);
 */
export function sqlCustomers(db: SqlExecutor): CustomersPort {
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
    async insert(p, c, w) {
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
    async get(p, id, options) {
      const row = await rowByKey(db, { table: 'customers', columns: CUSTOMER_COLUMNS, key: 'id' }, p, id, options?.forUpdate);
      return row ? customerFromRow(row) : null;
    },
    async findByPhone(p, phone) {
      const row = await rowByKey(db, { table: 'customers', columns: CUSTOMER_COLUMNS, key: 'phone' }, p, phone);
      return row ? customerFromRow(row) : null;
    },
    async update(p, c) {
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
    async list(p, query) {
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
  };
}
