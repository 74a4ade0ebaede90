import { CATEGORY_LIST, type CategoriesPort, type CategoryRecord } from '../categories.js';
import type { Partition } from '../partition.js';
import type { SqlExecutor } from './client.js';
import { containsPattern, inPartition, keysetPage } from './keyset.js';
import { iso } from './rows.js';

type Row = Record<string, unknown>;

const CATEGORY_COLUMNS = 'category_code, name, parent_code, description, status, external_ref, created_at, updated_at';
const categoryFromRow = (r: Row): CategoryRecord => ({
  category_code: r.category_code as string, name: r.name as string, parent_code: (r.parent_code as string | null) ?? null,
  description: (r.description as string | null) ?? null, status: r.status as CategoryRecord['status'],
  external_ref: (r.external_ref as string | null) ?? null, created_at: iso(r.created_at), updated_at: iso(r.updated_at),
});

/**
 * Categories in SQL.
 *
 * @example
 * const categories = sqlCategories(db);
 */
export function sqlCategories(db: SqlExecutor): CategoriesPort {
  const pk = (p: Partition) => [p.accountId, p.mode];
  return {
    async insert(p, c) {
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
    async get(p, code, options) {
      const [row] = await db.query(
        `SELECT ${CATEGORY_COLUMNS} FROM categories WHERE account_id = $1 AND mode = $2 AND category_code = $3
         ${options?.forUpdate ? 'FOR UPDATE' : ''}`,
        [...pk(p), code],
      );
      return row ? categoryFromRow(row) : null;
    },
    async findCodeByExternalRef(p, ref) {
      const [row] = await db.query<{ category_code: string }>(
        'SELECT category_code FROM categories WHERE account_id = $1 AND mode = $2 AND external_ref = $3', [...pk(p), ref]);
      return row?.category_code ?? null;
    },
    async update(p, c) {
      const rows = await db.query(
        `UPDATE categories SET name = $4, parent_code = $5, description = $6, status = $7, external_ref = $8,
           updated_at = $9::timestamptz
         WHERE account_id = $1 AND mode = $2 AND category_code = $3 RETURNING category_code`,
        [...pk(p), c.category_code, c.name, c.parent_code, c.description, c.status, c.external_ref, c.updated_at],
      );
      return rows.length > 0;
    },
    async list(p, query) {
      const c = inPartition(p);
      const f = query.filters;
      if (f.parent_code !== undefined) c.where.push(`parent_code = ${c.add(f.parent_code)}`);
      if (f.search) {
        const n = c.add(containsPattern(f.search));
        c.where.push(`(name ILIKE ${n} OR category_code ILIKE ${n})`);
      }
      return keysetPage(db, CATEGORY_LIST, query, { table: 'categories', columns: CATEGORY_COLUMNS, conditions: c, fromRow: categoryFromRow });
    },
    async lockTree(p) {
      await db.query("SELECT pg_advisory_xact_lock(hashtext($1 || '|' || $2 || '|categories'))", pk(p));
    },
  };
}
