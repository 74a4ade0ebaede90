import type { Store } from '../../store/port.js';
import type { Partition } from '../../store/partition.js';
import { PRODUCT_LIST, type Product, type ProductFilters, type ProductSort } from '../../store/products.js';
import type { CursorSigner } from '../cursor.js';
import { listPage, normaliseInstant, pick, type ListEnvelope } from '../list-page.js';

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

/**
 * One page of products. The cursor carries the last row's sort value and SKU (keyset), and is
 * bound to the sort, order and filters it was made with.
 */
export function listProducts(store: Store, cursors: CursorSigner, p: Partition, input: ListProductsInput): Promise<ListEnvelope<Product>> {
  const filters: ProductFilters = pick(input, ['status', 'kind', 'category_code', 'marketplace', 'search']);
  // Normalised so equal instants compare equal in every store and in the cursor binding.
  if (input.updated_since) filters.updated_since = normaliseInstant(input.updated_since);
  return listPage(input, filters, {
    list: PRODUCT_LIST,
    noun: 'product',
    fields: PRODUCT_FIELDS,
    partition: p, cursors,
    fetch: (query) => store.products.list(p, query),
  });
}
