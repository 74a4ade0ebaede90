import { CATEGORY_LIST, type CategoriesPort, type CategoryRecord } from '../categories.js';
import type { Journal } from './journal.js';
import { listSorts, tablePage } from './keyset.js';
import { codedWrites } from './coded.js';
import { partKey, Table } from './table.js';

const lower = (s: string | null) => (s ?? '').toLowerCase();

/**
 * Categories in memory: a declared table, children of a parent in an index of their own. The tree
 * rules (known parent, no cycle) are the domain's.
 *
 * @example
 * const categories = memoryCategories(journal);
 */
export function memoryCategories(journal: Journal): CategoriesPort {
  const categories = new Table<CategoryRecord>({
    keys: ['category_code'],
    unique: { external_ref: (r) => r.external_ref },
    sorts: listSorts(CATEGORY_LIST),
    buckets: { parent_code: (r) => r.parent_code },
  }, journal);
  return {
    ...codedWrites(categories, 'category_code'),
    async list(p, query) {
      const { parent_code, search } = query.filters;
      const needle = search?.toLowerCase();
      return tablePage(categories, partKey(p), CATEGORY_LIST, query, {
        ...(parent_code !== undefined ? { bucket: ['parent_code', parent_code] as const } : {}),
        ...(needle ? { where: (r: CategoryRecord) => lower(r.name).includes(needle) || lower(r.category_code).includes(needle) } : {}),
      });
    },
    // Transactions of the memory store run one at a time: no two moves can interleave.
    lockTree: async () => {},
  };
}
