import { ApiError } from '../../errors.js';
import type { Partition, Product, ProductFilters, ProductListQuery, ProductSort } from '../../store/types.js';
import type { Store } from '../../store/port.js';
import { decodeCursor, encodeCursor } from '../cursor.js';

/** Top-level fields of a product, for `fields=` projections. */
export const PRODUCT_FIELDS = [
  'sku', 'title', 'description', 'status', 'kind', 'gtin', 'category_code', 'price', 'cost_price',
  'currency', 'tax_rate', 'weight_kg', 'images', 'attributes', 'listings', 'external_ref',
  'created_at', 'updated_at',
] as const;

export interface ListProductsInput {
  limit: number;
  cursor?: string;
  sort: ProductSort;
  order: 'asc' | 'desc';
  fields?: string;
  include_total?: boolean;
  status?: ProductFilters['status'];
  kind?: ProductFilters['kind'];
  category_code?: string;
  marketplace?: string;
  search?: string;
  updated_since?: string;
}

export interface ListResult {
  data: Partial<Product>[];
  meta: { limit: number; next_cursor: string | null; has_more: boolean; total?: number };
}

/**
 * One page of products. The cursor carries the last row's sort value and SKU (keyset), and is
 * bound to the sort, order and filters it was made with.
 */
export async function listProducts(store: Store, p: Partition, input: ListProductsInput): Promise<ListResult> {
  const fields = parseFields(input.fields);
  const filters: ProductFilters = {};
  for (const name of ['status', 'kind', 'category_code', 'marketplace', 'search'] as const) {
    if (input[name] !== undefined) (filters as Record<string, unknown>)[name] = input[name];
  }
  // Normalised so equal instants compare equal in every store and in the cursor binding.
  if (input.updated_since) filters.updated_since = clampInstant(input.updated_since);
  const binding = { sort: input.sort, order: input.order, filters };
  const query: ProductListQuery = { filters, sort: input.sort, order: input.order, limit: input.limit, includeTotal: input.include_total === true };
  if (input.cursor) {
    const { value, key } = decodeCursor(input.cursor, binding);
    // A tampered cursor must not reach the database as a malformed timestamp.
    const instant = Date.parse(value);
    const timestampSort = input.sort === 'created_at' || input.sort === 'updated_at';
    if (timestampSort && !(instant >= EARLIEST && instant <= LATEST)) {
      throw ApiError.validation([{ field: 'cursor', issue: 'is not a cursor this API issued' }]);
    }
    query.after = { value, sku: key };
  }
  const page = await store.listProducts(p, query);
  const last = page.items.at(-1);
  const next = page.hasMore && last ? encodeCursor({ value: String(last[input.sort]), key: last.sku }, binding) : null;
  return {
    data: fields ? page.items.map((item) => project(item, fields)) : page.items,
    meta: { limit: input.limit, next_cursor: next, has_more: page.hasMore, ...(page.total !== undefined ? { total: page.total } : {}) },
  };
}

// Valid RFC 3339 can still fall outside PostgreSQL's years 1–9999 once moved to UTC
// (0000-01-01T00:00:00Z, 9999-12-31T23:59:59-14:00); no record is stored out there anyway.
const EARLIEST = Date.parse('0001-01-01T00:00:00.000Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

function clampInstant(value: string): string {
  return new Date(Math.min(LATEST, Math.max(EARLIEST, Date.parse(value)))).toISOString();
}

function parseFields(fields: string | undefined): Set<string> | null {
  if (!fields) return null;
  const requested = fields.split(',');
  const unknown = requested.filter((f) => !(PRODUCT_FIELDS as readonly string[]).includes(f));
  if (unknown.length > 0) {
    throw ApiError.validation(unknown.map((f) => ({ field: 'fields', issue: `${f} is not a product field` })));
  }
  // The key field always comes back, so a projected item can still be addressed.
  return new Set(['sku', ...requested]);
}

function project(item: Product, fields: Set<string>): Partial<Product> {
  return Object.fromEntries(Object.entries(item).filter(([name]) => fields.has(name))) as Partial<Product>;
}
