import { listSpec, type ListQuery, type Page } from './list.js';
import type { Partition } from './partition.js';

/** Categories: a tree per partition, through `parent_code`. */
export interface CategoryRecord {
  category_code: string;
  name: string;
  parent_code: string | null;
  description: string | null;
  status: 'active' | 'inactive';
  external_ref: string | null;
  created_at: string;
  updated_at: string;
}
export type CategorySort = 'category_code' | 'name' | 'created_at' | 'updated_at';
export type CategoryListQuery = ListQuery<{ parent_code?: string; search?: string }, CategorySort>;
export const CATEGORY_LIST = listSpec<CategoryRecord>()({
  keys: ['category_code'],
  sorts: {
    category_code: { column: 'category_code', kind: 'text' },
    name: { column: 'name', kind: 'text' },
    created_at: { column: 'created_at', kind: 'timestamp' },
    updated_at: { column: 'updated_at', kind: 'timestamp' },
  },
});

export interface CategoriesPort {
  /** Inserts a category; reports which unique key collided instead of throwing. */
  insert(p: Partition, category: CategoryRecord): Promise<'created' | 'duplicate_code' | 'duplicate_external_ref'>;
  /** `forUpdate` locks the row until the transaction ends (SQL). */
  get(p: Partition, code: string, options?: { forUpdate?: boolean }): Promise<CategoryRecord | null>;
  findCodeByExternalRef(p: Partition, externalRef: string): Promise<string | null>;
  /** Overwrites the writable fields of an existing category; false when it does not exist. */
  update(p: Partition, category: CategoryRecord): Promise<boolean>;
  list(p: Partition, query: CategoryListQuery): Promise<Page<CategoryRecord>>;
  /** Serialises moves in one partition's tree until the transaction ends, so no two moves make a cycle. */
  lockTree(p: Partition): Promise<void>;
}
