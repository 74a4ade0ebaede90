import { ApiError } from '../errors.js';
import type { Page } from '../store/types.js';
import { decodeCursor, encodeCursor } from './cursor.js';

/** The list parameters every paginated operation shares, validated and defaulted by the spec. */
export interface ListParams<S extends string> {
  limit: number;
  cursor?: string;
  sort: S;
  order: 'asc' | 'desc';
  fields?: string;
  include_total?: boolean;
}

export interface ListEnvelope<T> {
  data: Partial<T>[];
  meta: { limit: number; next_cursor: string | null; has_more: boolean; total?: number };
}

/**
 * How a cursor's sort value looks, so a tampered one is refused before it reaches SQL as a
 * malformed timestamp or number: `integer` fits a 32-bit column, `bigint` a 64-bit one.
 */
export type CursorKind = 'timestamp' | 'integer' | 'bigint' | 'text';

/** What a store's keyset query takes: the page position is `after`, in the store's own shape. */
export interface ListQuery<F, S extends string, A> {
  filters: F;
  sort: S;
  order: 'asc' | 'desc';
  limit: number;
  after?: A;
  includeTotal: boolean;
}

/** How rows are keyed: the fields that identify one, its cursor key, and the store's `after` from a cursor. */
export interface Keyset<T, A> {
  /** Always returned by a `fields=` projection, so a projected item can still be addressed. */
  keyFields: readonly string[];
  cursorKey: (row: T) => string;
  /** The store's position from a cursor's sort value and key; throws `badCursor()` for a key that is not ours. */
  after: (value: string, key: string) => A;
}

export interface ListHow<T, V, S extends string, F, A> extends Keyset<T, A> {
  /** Singular noun for messages ("product"). */
  noun: string;
  /** Top-level fields of the answer a `fields=` projection may name. */
  fields: readonly string[];
  cursorKind: (sort: S) => CursorKind;
  /** The row's value for `sort` as the cursor keeps it; default `String(row[sort])`. */
  sortValue?: (row: T, sort: S) => string;
  fetch: (query: ListQuery<F, S, A>) => Promise<Page<T>>;
  /** The answer for a row, when it differs from the stored row (jobs, webhooks). */
  view?: (row: T) => V;
}

export const badCursor = () => ApiError.validation([{ field: 'cursor', issue: 'is not a cursor this API issued' }]);

/** Rows keyed by `id`; the store takes `{ value, id }`. */
export function byId<T extends { id: string }>(): Keyset<T, { value: string; id: string }> {
  return { keyFields: ['id'], cursorKey: (row) => row.id, after: (value, id) => ({ value, id }) };
}

/** Rows keyed by one or more natural key fields; the store takes `{ value, keys }`. */
export function byKeys<T>(keys: readonly (keyof T & string)[]): Keyset<T, { value: string; keys: string[] }> {
  return {
    keyFields: keys,
    cursorKey: (row) => JSON.stringify(keys.map((k) => String(row[k]))),
    after: (value, key) => {
      let parts: unknown;
      try {
        parts = JSON.parse(key);
      } catch {
        throw badCursor();
      }
      if (!Array.isArray(parts) || parts.length !== keys.length || !parts.every((k) => typeof k === 'string')) throw badCursor();
      return { value, keys: parts as string[] };
    },
  };
}

/**
 * One keyset page of any resource: decodes the cursor (bound to the sort, order and filters it
 * was made with), asks the store, projects `fields=`, and encodes the next cursor from the last
 * row's sort value and key. Every list operation of the API goes through here.
 *
 * @example
 * await listPage(params, filters, { noun: 'customer', fields: CUSTOMER_FIELDS, ...byId<CustomerRecord>(), cursorKind: () => 'timestamp', fetch });
 */
export async function listPage<T extends object, S extends string, F, A, V extends object = T>(
  params: ListParams<S>,
  filters: F,
  how: ListHow<T, V, S, F, A>,
): Promise<ListEnvelope<V>> {
  const fields = parseFields(params.fields, how.fields, how.keyFields, how.noun);
  const binding = { sort: params.sort, order: params.order, filters };
  let after: A | undefined;
  if (params.cursor) {
    const { value, key } = decodeCursor(params.cursor, binding);
    checkCursorValue(value, how.cursorKind(params.sort));
    after = how.after(value, key);
  }
  const page = await how.fetch({
    filters, sort: params.sort, order: params.order, limit: params.limit, ...(after !== undefined ? { after } : {}),
    includeTotal: params.include_total === true,
  });
  const last = page.items.at(-1);
  const sortValue = how.sortValue ?? ((row: T, sort: S) => String((row as Record<string, unknown>)[sort]));
  const next = page.hasMore && last
    ? encodeCursor({ value: sortValue(last, params.sort), key: how.cursorKey(last) }, binding)
    : null;
  const views = how.view ? page.items.map(how.view) : (page.items as unknown as V[]);
  return {
    data: fields ? views.map((item) => project(item, fields)) : views,
    meta: { limit: params.limit, next_cursor: next, has_more: page.hasMore, ...(page.total !== undefined ? { total: page.total } : {}) },
  };
}

function checkCursorValue(value: string, kind: CursorKind): void {
  if (kind === 'timestamp') {
    const instant = Date.parse(value);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || !(instant >= EARLIEST && instant <= LATEST)) throw badCursor();
  }
  if (kind === 'integer' && !(/^-?\d{1,10}$/.test(value) && Math.abs(Number(value)) <= 2 ** 31 - 1)) throw badCursor();
  if (kind === 'bigint' && !/^-?\d{1,15}$/.test(value)) throw badCursor();
}

// Valid RFC 3339 can still fall outside PostgreSQL's years 1–9999 once moved to UTC
// (0000-01-01T00:00:00Z, 9999-12-31T23:59:59-14:00); no record is stored out there anyway.
const EARLIEST = Date.parse('0001-01-01T00:00:00.000Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

/** An RFC 3339 filter instant in the stores' canonical form, clamped to what PostgreSQL holds. */
export function normaliseInstant(value: string): string {
  return new Date(Math.min(LATEST, Math.max(EARLIEST, Date.parse(value)))).toISOString();
}

/** Copies the filters that were given, leaving out the absent ones (they must not change the cursor binding). */
export function pick<F>(source: object, names: readonly string[]): F {
  const out: Record<string, unknown> = {};
  const from = source as Record<string, unknown>;
  for (const name of names) if (from[name] !== undefined) out[name] = from[name];
  return out as F;
}

function parseFields(fields: string | undefined, known: readonly string[], keyFields: readonly string[], noun: string): Set<string> | null {
  if (!fields) return null;
  const requested = fields.split(',');
  const unknown = requested.filter((f) => !known.includes(f));
  if (unknown.length > 0) {
    throw ApiError.validation(unknown.map((f) => ({ field: 'fields', issue: `${f} is not a ${noun} field` })));
  }
  return new Set([...keyFields, ...requested]);
}

function project<T extends object>(item: T, fields: Set<string>): Partial<T> {
  return Object.fromEntries(Object.entries(item).filter(([name]) => fields.has(name))) as Partial<T>;
}
