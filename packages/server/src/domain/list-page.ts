import { ApiError } from '../errors.js';
import { keysOf, sortValue, type KeysetPosition, type ListQuery, type ListSpec, type Page, type SortKind } from '../store/list.js';
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

export interface ListHow<R, V, S extends string, F> {
  /** The list's sorts and key fields, as the store declares them. */
  list: ListSpec<R, S>;
  /** Singular noun for messages ("product"). */
  noun: string;
  /** Top-level fields of the answer a `fields=` projection may name (the key fields are always kept). */
  fields: readonly string[];
  fetch: (query: ListQuery<F, S>) => Promise<Page<R>>;
  /** The answer for a row, when it differs from the stored row (jobs, webhooks). */
  view?: (row: R) => V;
}

export const badCursor = () => ApiError.validation([{ field: 'cursor', issue: 'is not a cursor this API issued' }]);

/**
 * One keyset page of any resource: decodes the cursor (bound to the sort, order and filters it
 * was made with) into the store's position, asks the store, projects `fields=`, and encodes the
 * next cursor from the last row's sort value and key fields, as the list's spec names them. Every
 * list operation of the API goes through here.
 *
 * @example
 * await listPage(params, filters, { list: CUSTOMER_LIST, noun: 'customer', fields: CUSTOMER_FIELDS, fetch });
 */
export async function listPage<R extends object, S extends string, F, V extends object = R>(
  params: ListParams<S>,
  filters: F,
  how: ListHow<R, V, S, F>,
): Promise<ListEnvelope<V>> {
  const { list } = how;
  const fields = parseFields(params.fields, how.fields, list.keys, how.noun);
  const binding = { sort: params.sort, order: params.order, filters };
  const after = params.cursor ? position(decodeCursor(params.cursor, binding), list, params.sort) : undefined;
  const page = await how.fetch({
    filters, sort: params.sort, order: params.order, limit: params.limit, ...(after ? { after } : {}),
    includeTotal: params.include_total === true,
  });
  const last = page.items.at(-1);
  const next = page.hasMore && last
    ? encodeCursor({ value: String(sortValue(list, params.sort, last)), keys: keysOf(list, last) }, binding)
    : null;
  const views = how.view ? page.items.map(how.view) : (page.items as unknown as V[]);
  return {
    data: fields ? views.map((item) => project(item, fields)) : views,
    meta: { limit: params.limit, next_cursor: next, has_more: page.hasMore, ...(page.total !== undefined ? { total: page.total } : {}) },
  };
}

/**
 * The store's position from a decoded cursor, refused (400) unless it has the list's key fields and
 * a sort value of the sort's kind, so a tampered cursor never reaches SQL as a malformed value.
 */
function position<R, S extends string>(decoded: KeysetPosition, list: ListSpec<R, S>, sort: S): KeysetPosition {
  if (decoded.keys.length !== list.keys.length) throw badCursor();
  return { value: canonicalValue(decoded.value, list.sorts[sort].kind), keys: decoded.keys };
}

function canonicalValue(value: string, kind: SortKind): string {
  if (kind === 'timestamp') {
    const instant = Date.parse(value);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || !(instant >= EARLIEST && instant <= LATEST)) throw badCursor();
    // The stores compare instants in this one form.
    return new Date(instant).toISOString();
  }
  if (kind === 'integer' && !(/^-?\d{1,10}$/.test(value) && Math.abs(Number(value)) <= 2 ** 31 - 1)) throw badCursor();
  if (kind === 'bigint' && !/^-?\d{1,15}$/.test(value)) throw badCursor();
  return value;
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
