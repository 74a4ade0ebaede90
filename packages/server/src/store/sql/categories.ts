import { CATEGORY_LIST, type CategoriesPort, type CategoryRecord } from '../categories.js';
import type { Partition } from '../partition.js';
import type { SqlExecutor } from './client.js';
import { codedWrites, type CodedTable } from './coded.js';
import { containsPattern, inPartition, keysetPage } from './keyset.js';
import { iso } from './rows.js';

const CATEGORIES: CodedTable<CategoryRecord> = {
  table: 'categories',
  code: 'category_code',
  columns: [['name', ''], ['parent_code', ''], ['description', ''], ['status', ''], ['external_ref', ''], ['created_at', '::timestamptz'], ['updated_at', '::timestamptz']],
  params: (c) => [c.category_code, c.name, c.parent_code, c.description, c.status, c.external_ref, c.created_at, c.updated_at],
  fromRow: (r) => ({
    category_code: r.category_code as string, name: r.name as string, parent_code: (r.parent_code as string | null) ?? null,
    description: (r.description as string | null) ?? null, status: r.status as CategoryRecord['status'],
    external_ref: (r.external_ref as string | null) ?? null, created_at: iso(r.created_at), updated_at: iso(r.updated_at),
  }),
};
const CATEGORY_COLUMNS = ['category_code', ...CATEGORIES.columns.map(([name]) => name)].join(', ');

/**
 * Categories in SQL.
 *
 * @example
 * const categories = sqlCategories(db);
 */
export function sqlCategories(db: SqlExecutor): CategoriesPort {
  const pk = (p: Partition) => [p.accountId, p.mode];
  return {
    ...codedWrites(db, CATEGORIES),
    async list(p, query) {
      const c = inPartition(p);
      const f = query.filters;
      if (f.parent_code !== undefined) c.where.push(`parent_code = ${c.add(f.parent_code)}`);
      if (f.search) {
        const n = c.add(containsPattern(f.search));
        c.where.push(`(name ILIKE ${n} OR category_code ILIKE ${n})`);
      }
      return keysetPage(db, CATEGORY_LIST, query, { table: 'categories', columns: CATEGORY_COLUMNS, conditions: c, fromRow: CATEGORIES.fromRow });
    },
    async lockTree(p) {
      await db.query("SELECT pg_advisory_xact_lock(hashtext($1 || '|' || $2 || '|categories'))", pk(p));
    },
  };
}
