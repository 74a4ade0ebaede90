import { DEALER_LIST, type DealerRecord, type DealersPort } from '../dealers.js';
import type { SqlExecutor } from './client.js';
import { codedWrites, type CodedTable } from './coded.js';
import { containsPattern, inPartition, keysetPage } from './keyset.js';
import { iso, json } from './rows.js';

const DEALERS: CodedTable<DealerRecord> = {
  table: 'dealers',
  code: 'code',
  columns: [['name', ''], ['email', ''], ['phone', ''], ['address', '::text::jsonb'], ['status', ''], ['external_ref', ''], ['created_at', '::timestamptz'], ['updated_at', '::timestamptz']],
  params: (d) => [d.code, d.name, d.email, d.phone, d.address ? json(d.address) : null, d.status, d.external_ref, d.created_at, d.updated_at],
  fromRow: (r) => ({
    code: r.code as string, name: r.name as string, email: (r.email as string | null) ?? null, phone: (r.phone as string | null) ?? null,
    address: (r.address as DealerRecord['address']) ?? null, status: r.status as DealerRecord['status'],
    external_ref: (r.external_ref as string | null) ?? null, created_at: iso(r.created_at), updated_at: iso(r.updated_at),
  }),
};
const DEALER_COLUMNS = ['code', ...DEALERS.columns.map(([name]) => name)].join(', ');

/**
 * Dealers in SQL.
 *
 * @example
 * const dealers = sqlDealers(db);
 */
export function sqlDealers(db: SqlExecutor): DealersPort {
  return {
    ...codedWrites(db, DEALERS),
    async list(p, query) {
      const c = inPartition(p);
      const f = query.filters;
      if (f.status) c.where.push(`status = ${c.add(f.status)}`);
      if (f.search) {
        const n = c.add(containsPattern(f.search));
        c.where.push(`(name ILIKE ${n} OR code ILIKE ${n} OR email ILIKE ${n} OR phone ILIKE ${n})`);
      }
      return keysetPage(db, DEALER_LIST, query, { table: 'dealers', columns: DEALER_COLUMNS, conditions: c, fromRow: DEALERS.fromRow });
    },
  };
}
