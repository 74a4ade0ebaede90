/**
 * The one list contract of the store. Every list operation takes a `ListQuery` and answers a
 * `Page`; each list declares its sorts once, in a `ListSpec` next to its records, and the domain's
 * list engine (cursors), the SQL keyset helper and the memory keyset helper all read that spec.
 * Adding a sort is one entry there (and an index in a migration).
 */

/**
 * How a sort value compares and how a cursor carries it: `text` by code unit (SQL `COLLATE "C"`),
 * `timestamp` as an ISO 8601 instant, `integer` in a 32-bit column, `bigint` in a 64-bit one.
 */
export type SortKind = 'text' | 'timestamp' | 'integer' | 'bigint';

export interface SortField<R> {
  /** The SQL column or expression the list is ordered by; written here, never taken from a request. */
  column: string;
  kind: SortKind;
  /** The row's value as that column holds it, when it is not the record field of the sort's name. */
  value?: (row: R) => string | number;
}

export interface ListSpec<R, S extends string> {
  /** Unique among the API's lists: a cursor is signed for one list and refused by every other. */
  name: string;
  /** The fields that name a row, in tie-break order after the sort value (SQL columns of these names). */
  keys: readonly (keyof R & string)[];
  sorts: { readonly [K in S]: SortField<R> };
}

/** Where the previous page ended: its last row's sort value (as text) and key fields. */
export interface KeysetPosition {
  value: string;
  keys: string[];
}

/** One page of a list: keyset pagination, never an offset. */
export interface ListQuery<F, S extends string> {
  filters: F;
  sort: S;
  order: 'asc' | 'desc';
  limit: number;
  /** Rows strictly after this position, in the query's order. */
  after?: KeysetPosition;
  includeTotal?: boolean;
}

export interface Page<T> {
  items: T[];
  hasMore: boolean;
  total?: number;
}

/**
 * Declares a list's spec with its row type fixed and its sort names inferred.
 *
 * @example
 * export const PRODUCT_LIST = listSpec<ProductRecord>()({ name: 'products', keys: ['sku'], sorts: { sku: { column: 'sku', kind: 'text' } } });
 */
export function listSpec<R>() {
  return <S extends string>(spec: ListSpec<R, S>): ListSpec<R, S> => spec;
}

/**
 * A row's value for one of its list's sorts, as the column holds it.
 *
 * @example
 * sortValue(ORDER_LIST, 'total', order); // 23600 (minor units)
 */
export function sortValue<R, S extends string>(list: ListSpec<R, S>, sort: S, row: R): string | number {
  const field = list.sorts[sort];
  return field.value ? field.value(row) : (row[sort as unknown as keyof R] as string | number);
}

/** A row's key fields, in the spec's order, as text. */
export function keysOf<R>(list: ListSpec<R, string>, row: R): string[] {
  return list.keys.map((key) => String(row[key]));
}

/**
 * A sort by a column, by kind: `sortBy('timestamp', 'created_at')`. Most lists sort by their own
 * columns; a spec spells out `value` only where the row's field differs from the column.
 *
 * @example
 * sorts: { sku: sortBy('text', 'sku'), ...BY_AGE }
 */
export function sortBy<R>(kind: SortKind, column: string): SortField<R> {
  return { column, kind };
}

/** The two sorts nearly every list offers: when a row was created and last changed. */
export const BY_AGE = { created_at: sortBy('timestamp', 'created_at'), updated_at: sortBy('timestamp', 'updated_at') } as const;
