import type { CodedPort } from '../coded.js';
import { partKey, type Table } from './table.js';

/**
 * The plain writes of a coded record kind on its declared table: what categories and dealers share.
 *
 * @example
 * const writes = codedWrites(categories, 'category_code');
 */
export function codedWrites<R extends { external_ref: string | null }>(
  table: Table<R>,
  code: keyof R & string,
): Omit<CodedPort<R, never>, 'list'> {
  return {
    async insert(p, record) {
      const clash = table.insert(partKey(p), record);
      return clash === null ? 'created' : clash === 'key' ? 'duplicate_code' : 'duplicate_external_ref';
    },
    get: async (p, key) => table.get(partKey(p), key) ?? null,
    findCodeByExternalRef: async (p, ref) => {
      const owner = table.find(partKey(p), 'external_ref', ref);
      return owner ? String(owner[code]) : null;
    },
    async update(p, record) {
      if (!table.get(partKey(p), table.key(record))) return false;
      table.write(partKey(p), record);
      return true;
    },
  };
}
