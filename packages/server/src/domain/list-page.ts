import { ApiError } from '../errors.js';
import { keysOf, sortValue, type KeysetPosition, type ListQuery, type ListSpec, type Page, type SortKind } from '../store/list.js';
import type { Partition } from '../store/partition.js';
import { badCursor, decodeCursor, encodeCursor, type CursorSigner } from './cursor.js';

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
  /** The list's name, sorts and key fields, as the store declares them. */
  list: ListSpec<R, S>;
  /** Whose list it is: a cursor made for one account and mode is refused by every other. */
  partition: Partition;
  /** Signs and checks cursors (the app's, from its configuration). */
  cursors: CursorSigner;
  /** Path parameters naming the list's parent (the endpoint of a delivery log), bound like filters. */
  parent?: Record<string, string>;
  /** Singular noun for messages ("product"). */
  noun: string;
  /** Top-level fields of the answer a `fields=` projection may name (the key fields are always kept). */
  fields: readonly string[];
  fetch: (query: ListQuery<F, S>) => Promise<Page<R>>;
  /** The answer for a row, when it differs from the stored row (jobs, webhooks). */
  view?: (row: R) => V;
}

/**
 * One keyset page of any resource: checks the cursor's signature (over the list, the partition,
 * the parent, the sort, order and filters it was made with) and decodes it into the store's
 * position, asks the store, projects `fields=`, and signs the next cursor from the last row's sort
 * value and key fields, as the list's spec names them. Every list operation of the API goes
 * through here; a page costs one signature check and one signature.
 *
 * @example
 * await listPage(params, filters, { list: CUSTOMER_LIST, noun: 'customer', fields: CUSTOMER_FIELDS, partition, cursors, fetch });
 */
export async function listPage<R extends object, S extends string, F, V extends object = R>(
  params: ListParams<S>,
  filters: F,
  how: ListHow<R, V, S, F>,
): Promise<ListEnvelope<V>> {
  const { list } = how;
  const fields = parseFields(params.fields, how.fields, list.keys, how.noun);
  const binding = {
    list: list.name, account: how.partition.accountId, mode: how.partition.mode, parent: how.parent ?? {},
    sort: params.sort, order: params.order, filters,
  };
  const after = params.cursor ? position(await decodeCursor(how.cursors, params.cursor, binding), list, params.sort) : undefined;
  const page = await how.fetch({
    filters, sort: params.sort, order: params.order, limit: params.limit, ...(after ? { after } : {}),
    includeTotal: params.include_total === true,
  });
  const last = page.items.at(-1);
  const next = page.hasMore && last
    ? await encodeCursor(how.cursors, { value: issuedValue(sortValue(list, params.sort, last), list.sorts[params.sort].kind), keys: keysOf(list, last) }, binding)
    : null;
  const views = how.view ? page.items.map(how.view) : (page.items as unknown as V[]);
  return {
    data: fields ? views.map((item) => project(item, fields)) : views,
    meta: { limit: params.limit, next_cursor: next, has_more: page.hasMore, ...(page.total !== undefined ? { total: page.total } : {}) },
  };
}

/**
 * The store's position from a decoded cursor, refused (400) unless it has the list's key fields and
 * a sort value of the sort's kind in the one form cursors are issued with. A signed cursor always
 * passes; the check is there so that nothing malformed could ever reach SQL.
 */
function position<R, S extends string>(decoded: KeysetPosition, list: ListSpec<R, S>, sort: S): KeysetPosition {
  if (decoded.keys.length !== list.keys.length || !isIssuable(decoded.value, list.sorts[sort].kind)) throw badCursor();
  return decoded;
}

/** A sort value as cursors carry it: instants in the one form the stores compare (`toISOString`). */
function issuedValue(value: string | number, kind: SortKind): string {
  if (kind !== 'timestamp') return String(value);
  return new Date(Date.parse(String(value))).toISOString();
}

function isIssuable(value: string, kind: SortKind): boolean {
  if (kind === 'timestamp') {
    // Exactly what `toISOString` writes: 2024-02-30T… parses (as 1 March) but is not that.
    const instant = Date.parse(value);
    return instant >= EARLIEST && instant <= LATEST && new Date(instant).toISOString() === value;
  }
  if (kind === 'integer') return /^-?\d{1,10}$/.test(value) && Math.abs(Number(value)) <= 2 ** 31 - 1;
  if (kind === 'bigint') return /^-?\d{1,15}$/.test(value);
  return true;
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
