import type { KeysetAfter, ListQuery, Page } from '../types.js';

type Key = [string | number, string];

/**
 * Keyset pagination over in-memory rows with the SQL adapter's semantics: rows ordered by
 * (sort value, id), strings compared by code unit (SQL uses COLLATE "C"), numbers numerically.
 */
export function keysetPage<T>(
  matching: T[],
  keyOf: (row: T) => Key,
  afterKey: (after: KeysetAfter) => Key,
  query: Pick<ListQuery<string, unknown>, 'order' | 'limit' | 'after' | 'includeTotal'>,
): Page<T> {
  const sign = query.order === 'asc' ? 1 : -1;
  const rows = [...matching].sort((a, b) => sign * compare(keyOf(a), keyOf(b)));
  const after = query.after ? afterKey(query.after) : undefined;
  const rest = after ? rows.filter((row) => sign * compare(keyOf(row), after) > 0) : rows;
  return {
    items: rest.slice(0, query.limit),
    hasMore: rest.length > query.limit,
    ...(query.includeTotal ? { total: matching.length } : {}),
  };
}

function compare(a: Key, b: Key): number {
  return cmp(a[0], b[0]) || cmp(a[1], b[1]);
}

function cmp(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
