import type { Page } from './list.js';
import type { Partition } from './partition.js';

/**
 * The plain writes of records named by a partner's natural code (categories, dealers): insert,
 * read, overwrite, and the owner of an external_ref. Both adapters implement it once
 * (`memory/coded.ts`, `sql/coded.ts`); each port adds its list and its own rules.
 */
export interface CodedPort<R, Q> {
  /** Inserts a record; reports which unique key collided instead of throwing. */
  insert(p: Partition, record: R): Promise<'created' | 'duplicate_code' | 'duplicate_external_ref'>;
  /** `forUpdate` locks the row until the transaction ends (SQL). */
  get(p: Partition, code: string, options?: { forUpdate?: boolean }): Promise<R | null>;
  findCodeByExternalRef(p: Partition, externalRef: string): Promise<string | null>;
  /** Overwrites the writable fields of an existing record; false when it does not exist. */
  update(p: Partition, record: R): Promise<boolean>;
  list(p: Partition, query: Q): Promise<Page<R>>;
}
