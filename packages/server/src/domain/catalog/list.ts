import { ApiError } from '../../errors.js';
import type { KeysetQuery, Page, Partition } from '../../store/types.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import type { ListParams } from '../list-page.js';

export type { ListParams };


export interface ListResult<T> {
  data: Partial<T>[];
  meta: { limit: number; next_cursor: string | null; has_more: boolean; total?: number };
}

interface ListSpec<T, F, S extends string> {
  /** Singular noun for messages ("category"). */
  noun: string;
  /** Top-level fields a `fields=` projection may name. */
  fields: readonly string[];
  /** The natural key fields, always returned and used as the keyset tie-break. */
  keys: readonly (keyof T & string)[];
  /** How sort values are checked when a cursor comes back. */
  kind: (sort: S) => 'text' | 'timestamp' | 'integer';
  fetch: (p: Partition, query: KeysetQuery<F, S>) => Promise<Page<T>>;
}

const EARLIEST = Date.parse('0001-01-01T00:00:00.000Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');
const notOurs = () => ApiError.validation([{ field: 'cursor', issue: 'is not a cursor this API issued' }]);

/**
 * One keyset page of a catalog list. The cursor carries the last row's sort value and natural
 * key, bound to the sort, order and filters it was made with, as products' cursors are.
 *
 * @example
 * const page = await listPage(spec, partition, params, { status: 'active' });
 */
export async function listPage<T, F, S extends string>(
  spec: ListSpec<T, F, S>,
  p: Partition,
  params: ListParams<S>,
  filters: F,
): Promise<ListResult<T>> {
  const fields = parseFields(spec, params.fields);
  const binding = { sort: params.sort, order: params.order, filters };
  const query: KeysetQuery<F, S> = { filters, sort: params.sort, order: params.order, limit: params.limit, includeTotal: params.include_total === true };
  if (params.cursor) {
    const { value, key } = decodeCursor(params.cursor, binding);
    let keys: unknown;
    try {
      keys = JSON.parse(key);
    } catch {
      throw notOurs();
    }
    if (!Array.isArray(keys) || keys.length !== spec.keys.length || !keys.every((k) => typeof k === 'string')) throw notOurs();
    const kind = spec.kind(params.sort);
    // A tampered cursor must not reach the database as a malformed timestamp or integer.
    if (kind === 'timestamp' && !(Date.parse(value) >= EARLIEST && Date.parse(value) <= LATEST)) throw notOurs();
    if (kind === 'integer' && !(/^-?\d{1,10}$/.test(value) && Math.abs(Number(value)) <= 2 ** 31 - 1)) throw notOurs();
    query.after = { value, keys: keys as string[] };
  }
  const page = await spec.fetch(p, query);
  const last = page.items.at(-1) as Record<string, unknown> | undefined;
  const next = page.hasMore && last
    ? encodeCursor({ value: String(last[params.sort]), key: JSON.stringify(spec.keys.map((k) => String(last[k]))) }, binding)
    : null;
  return {
    data: fields ? page.items.map((item) => project(item, fields)) : page.items,
    meta: { limit: params.limit, next_cursor: next, has_more: page.hasMore, ...(page.total !== undefined ? { total: page.total } : {}) },
  };
}

/** Copies the filters that were given, leaving out the absent ones (they must not change the cursor binding). */
export function pick<F>(source: object, names: readonly string[]): F {
  const out: Record<string, unknown> = {};
  const from = source as Record<string, unknown>;
  for (const name of names) if (from[name] !== undefined) out[name] = from[name];
  return out as F;
}

function parseFields<T, F, S extends string>(spec: ListSpec<T, F, S>, fields: string | undefined): Set<string> | null {
  if (!fields) return null;
  const requested = fields.split(',');
  const unknown = requested.filter((f) => !spec.fields.includes(f));
  if (unknown.length > 0) {
    throw ApiError.validation(unknown.map((f) => ({ field: 'fields', issue: `${f} is not a ${spec.noun} field` })));
  }
  return new Set([...spec.keys, ...requested]);
}

function project<T>(item: T, fields: Set<string>): Partial<T> {
  return Object.fromEntries(Object.entries(item as object).filter(([name]) => fields.has(name))) as Partial<T>;
}
