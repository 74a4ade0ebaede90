import { keysOf, sortValue, type ListQuery, type ListSpec, type Page } from '../list.js';

type Key = (string | number)[];

/**
 * One keyset page over in-memory rows with the SQL adapter's semantics: ordered by the list's
 * sort value, then its key fields; text by code unit (SQL uses COLLATE "C"), numbers as numbers.
 *
 * @example
 * keysetPage(rows, CATEGORY_LIST, query, (row) => row.status === 'active');
 */
export function keysetPage<R, S extends string>(
  rows: Iterable<R>,
  list: ListSpec<R, S>,
  query: ListQuery<unknown, S>,
  matches: (row: R) => boolean = () => true,
): Page<R> {
  const sign = query.order === 'asc' ? 1 : -1;
  const numeric = list.sorts[query.sort].kind === 'integer' || list.sorts[query.sort].kind === 'bigint';
  const keyed = [...rows].filter(matches).map((row) => ({ row, key: [sortValue(list, query.sort, row), ...keysOf(list, row)] as Key }));
  keyed.sort((a, b) => sign * compare(a.key, b.key));
  const after = query.after && [numeric ? Number(query.after.value) : query.after.value, ...query.after.keys];
  const rest = after ? keyed.filter((k) => sign * compare(k.key, after) > 0) : keyed;
  return {
    items: rest.slice(0, query.limit).map((k) => k.row),
    hasMore: rest.length > query.limit,
    ...(query.includeTotal ? { total: keyed.length } : {}),
  };
}

function compare(a: Key, b: Key): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
