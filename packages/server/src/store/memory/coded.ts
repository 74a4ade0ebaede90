import type { CodedPort } from '../coded.js';
import type { ListQuery, ListSpec } from '../list.js';
import type { Journal } from './journal.js';
import { listSorts, searchable, tablePage } from './keyset.js';
import { partKey, Table } from './table.js';

/** What a coded record kind declares: its list, the filter with an index, the fields `search` reads. */
export interface CodedKind<R, S extends string, F> {
  list: ListSpec<R, S>;
  /** An equality filter answered from an index of its own (`parent_code`, `status`). */
  bucket: keyof R & keyof F & string;
  /** The values `search` looks in, case-insensitively. */
  searched(row: R): readonly (string | null)[];
}

/**
 * A record kind named by a partner's code (categories, dealers) as a declared table: the plain
 * writes, and a list that reads one bucket and checks `search` row by row.
 *
 * @example
 * const dealers = codedTable(journal, { list: DEALER_LIST, bucket: 'status', searched: (r) => [r.name, r.code] });
 */
export function codedTable<R extends { external_ref: string | null }, S extends string, F extends { search?: string }>(
  journal: Journal,
  kind: CodedKind<R, S, F>,
): CodedPort<R, ListQuery<F, S>> {
  const bucket = kind.bucket;
  const table = new Table<R>({
    keys: kind.list.keys,
    unique: { external_ref: (r) => r.external_ref },
    sorts: listSorts(kind.list),
    buckets: { [bucket]: (r) => r[bucket] as string | null },
  }, journal);
  return {
    ...codedWrites(table, kind.list.keys[0]!),
    async list(p, query) {
      const value = query.filters[bucket] as string | undefined;
      const where = searchable(query.filters.search, kind.searched);
      return tablePage(table, partKey(p), kind.list, query, {
        ...(value !== undefined ? { bucket: [bucket, value] as const } : {}),
        ...(where ? { where } : {}),
      });
    },
  };
}

function codedWrites<R extends { external_ref: string | null }>(
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
