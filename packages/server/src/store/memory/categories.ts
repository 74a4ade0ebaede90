import { CATEGORY_LIST, type CategoriesPort } from '../categories.js';
import { codedTable } from './coded.js';
import type { Journal } from './journal.js';

/**
 * Categories in memory: a declared table, children of a parent in an index of their own. The tree
 * rules (known parent, no cycle) are the domain's.
 *
 * @example
 * const categories = memoryCategories(journal);
 */
export function memoryCategories(journal: Journal): CategoriesPort {
  return {
    ...codedTable(journal, { list: CATEGORY_LIST, bucket: 'parent_code', searched: (r) => [r.name, r.category_code] }),
    // Transactions of the memory store run one at a time: no two moves can interleave.
    lockTree: async () => {},
  };
}
