import { ApiError } from '../errors.js';
import type { KeysetAfter, Page } from '../store/types.js';
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

/** How a cursor's sort value looks: timestamps and integers are checked before they reach SQL. */
export type CursorKind = 'timestamp' | 'integer' | 'text';

const BAD_CURSOR = () => ApiError.validation([{ field: 'cursor', issue: 'is not a cursor this API issued' }]);

/**
 * One keyset page of any resource: decodes the cursor bound to sort, order and filters, asks the
 * store, and encodes the next cursor from the last row's sort value and id.
 *
 * @example
 * await listPage(params, filters, { fields: CUSTOMER_FIELDS, idField: 'id', cursorKind: () => 'timestamp', sortValue, fetch });
 */
export async function listPage<T extends object, S extends string, F>(
  params: ListParams<S>,
  filters: F,
  how: {
    fields: readonly string[];
    idField: keyof T & string;
    cursorKind: (sort: S) => CursorKind;
    sortValue: (row: T, sort: S) => string;
    fetch: (query: { filters: F; sort: S; order: 'asc' | 'desc'; limit: number; after?: KeysetAfter; includeTotal: boolean }) => Promise<Page<T>>;
  },
): Promise<ListEnvelope<T>> {
  const fields = parseFields(params.fields, how.fields, how.idField);
  const binding = { sort: params.sort, order: params.order, filters };
  let after: KeysetAfter | undefined;
  if (params.cursor) {
    const { value, key } = decodeCursor(params.cursor, binding);
    checkCursorValue(value, how.cursorKind(params.sort));
    after = { value, id: key };
  }
  const page = await how.fetch({
    filters, sort: params.sort, order: params.order, limit: params.limit, ...(after ? { after } : {}),
    includeTotal: params.include_total === true,
  });
  const last = page.items.at(-1);
  const next = page.hasMore && last
    ? encodeCursor({ value: how.sortValue(last, params.sort), key: String(last[how.idField]) }, binding)
    : null;
  return {
    data: fields ? page.items.map((item) => project(item, fields)) : page.items,
    meta: { limit: params.limit, next_cursor: next, has_more: page.hasMore, ...(page.total !== undefined ? { total: page.total } : {}) },
  };
}

// A tampered cursor must not reach the database as a malformed timestamp or number.
function checkCursorValue(value: string, kind: CursorKind): void {
  if (kind === 'timestamp') {
    const instant = Date.parse(value);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || !(instant >= EARLIEST && instant <= LATEST)) throw BAD_CURSOR();
  }
  if (kind === 'integer' && !/^-?\d{1,15}$/.test(value)) throw BAD_CURSOR();
}

const EARLIEST = Date.parse('0001-01-01T00:00:00.000Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

/** An RFC 3339 filter instant in the stores' canonical form, clamped to what PostgreSQL holds. */
export function normaliseInstant(value: string): string {
  return new Date(Math.min(LATEST, Math.max(EARLIEST, Date.parse(value)))).toISOString();
}

function parseFields(fields: string | undefined, known: readonly string[], idField: string): Set<string> | null {
  if (!fields) return null;
  const requested = fields.split(',');
  const unknown = requested.filter((f) => !known.includes(f));
  if (unknown.length > 0) {
    throw ApiError.validation(unknown.map((f) => ({ field: 'fields', issue: `${f} is not a field of this resource` })));
  }
  // The id always comes back, so a projected item can still be addressed.
  return new Set([idField, ...requested]);
}

function project<T extends object>(item: T, fields: Set<string>): Partial<T> {
  return Object.fromEntries(Object.entries(item).filter(([name]) => fields.has(name))) as Partial<T>;
}
