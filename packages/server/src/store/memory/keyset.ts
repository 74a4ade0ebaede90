import { sortValue, type ListQuery, type ListSpec, type Page } from '../list.js';
import type { SortValue } from './sorted.js';
import type { PageOptions, Table } from './table.js';

/**
 * One keyset page of a declared table, from the list's sorted index: a binary search to the
 * position, then about `limit` rows. `bucket` narrows to an equality filter that has an index of
 * its own; `where` checks what no index selects (search, ranges) row by row.
 *
 * @example
 * tablePage(table, part, CATEGORY_LIST, query, { bucket: ['parent_code', 'apparel'] });
 */
export function tablePage<R extends object, S extends string>(
  table: Table<R>,
  part: string,
  list: ListSpec<R, S>,
  query: ListQuery<unknown, S>,
  options: Pick<PageOptions<R>, 'bucket' | 'where'> = {},
): Page<R> {
  const { kind } = list.sorts[query.sort];
  const numeric = kind === 'integer' || kind === 'bigint';
  const after = query.after && { value: numeric ? Number(query.after.value) : query.after.value, key: table.key(query.after.keys) };
  return table.page(part, {
    sort: query.sort, order: query.order, limit: query.limit, ...(after ? { after } : {}), ...options, total: query.includeTotal === true,
  });
}

/** A list's sorts as a table's: each row's value as the list's column holds it. */
export function listSorts<R, S extends string>(list: ListSpec<R, S>): Record<S, (row: R) => SortValue> {
  const sorts = {} as Record<S, (row: R) => SortValue>;
  for (const name of Object.keys(list.sorts) as S[]) sorts[name] = (row) => sortValue(list, name, row);
  return sorts;
}

/** The first equality filter that was given, as a bucket to read, when there is one. */
export function bucketOf(filters: readonly (readonly [string, string | undefined])[]): readonly [string, string] | undefined {
  const found = filters.find(([, value]) => value !== undefined);
  return found && [found[0], found[1]!];
}

/**
 * A case-insensitive `search` filter as a row check: true when one of the row's values contains the
 * text. Undefined when there is nothing to search for, so the page needs no check.
 */
export function searchable<R>(search: string | undefined, values: (row: R) => readonly (string | null)[]): ((row: R) => boolean) | undefined {
  if (!search) return undefined;
  const needle = search.toLowerCase();
  return (row) => values(row).some((v) => v !== null && v.toLowerCase().includes(needle));
}
