import type { CodedPort } from './coded.js';
import { BY_AGE, listSpec, sortBy, type ListQuery } from './list.js';
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
  name: 'categories',
  keys: ['category_code'],
  sorts: { category_code: sortBy('text', 'category_code'), name: sortBy('text', 'name'), ...BY_AGE },
});

export interface CategoriesPort extends CodedPort<CategoryRecord, CategoryListQuery> {
  /** Serialises moves in one partition's tree until the transaction ends, so no two moves make a cycle. */
  lockTree(p: Partition): Promise<void>;
}
