import { DEALER_LIST, type DealerRecord, type DealersPort } from '../dealers.js';
import type { Partition } from '../partition.js';
import type { SqlExecutor } from './client.js';
import { containsPattern, inPartition, keysetPage } from './keyset.js';
import { iso, json } from './rows.js';

type Row = Record<string, unknown>;

const DEALER_COLUMNS = 'code, name, email, phone, address, status, external_ref, created_at, updated_at';
const dealerFromRow = (r: Row): DealerRecord => ({
  code: r.code as string, name: r.name as string, email: (r.email as string | null) ?? null, phone: (r.phone as string | null) ?? null,
  address: (r.address as DealerRecord['address']) ?? null, status: r.status as DealerRecord['status'],
  external_ref: (r.external_ref as string | null) ?? null, created_at: iso(r.created_at), updated_at: iso(r.updated_at),
});

/**
 * Dealers in SQL.
 *
 * @example
 * const dealers = sqlDealers(db);
 */
export function sqlDealers(db: SqlExecutor): DealersPort {
  const pk = (p: Partition) => [p.accountId, p.mode];
  return {
    async insert(p, d) {
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
    async get(p, code, options) {
      const [row] = await db.query(
        `SELECT ${DEALER_COLUMNS} FROM dealers WHERE account_id = $1 AND mode = $2 AND code = $3 ${options?.forUpdate ? 'FOR UPDATE' : ''}`,
        [...pk(p), code],
      );
      return row ? dealerFromRow(row) : null;
    },
    async findCodeByExternalRef(p, ref) {
      const [row] = await db.query<{ code: string }>('SELECT code FROM dealers WHERE account_id = $1 AND mode = $2 AND external_ref = $3', [...pk(p), ref]);
      return row?.code ?? null;
    },
    async update(p, d) {
      const rows = await db.query(
        `UPDATE dealers SET name = $4, email = $5, phone = $6, address = $7::text::jsonb, status = $8, external_ref = $9,
           updated_at = $10::timestamptz
         WHERE account_id = $1 AND mode = $2 AND code = $3 RETURNING code`,
        [...pk(p), d.code, d.name, d.email, d.phone, d.address ? json(d.address) : null, d.status, d.external_ref, d.updated_at],
      );
      return rows.length > 0;
    },
    async list(p, query) {
      const c = inPartition(p);
      const f = query.filters;
      if (f.status) c.where.push(`status = ${c.add(f.status)}`);
      if (f.search) {
        const n = c.add(containsPattern(f.search));
        c.where.push(`(name ILIKE ${n} OR code ILIKE ${n} OR email ILIKE ${n} OR phone ILIKE ${n})`);
      }
      return keysetPage(db, DEALER_LIST, query, { table: 'dealers', columns: DEALER_COLUMNS, conditions: c, fromRow: dealerFromRow });
    },
  };
}
