import { BY_AGE, listSpec, sortBy, type ListQuery, type Page } from './list.js';
import type { Partition } from './partition.js';

/** Products and their marketplace listings. */

export type ProductStatus = 'draft' | 'active' | 'inactive' | 'archived';
export type ProductKind = 'physical' | 'digital';

export interface Listing {
  marketplace: string;
  external_id: string;
  price: string;
  quantity: number;
  status: string;
  last_synced_at: string | null;
}

/** A product as stored; `listings` are kept apart and joined on read. */
export interface ProductRecord {
  sku: string;
  title: string;
  description: string | null;
  status: ProductStatus;
  kind: ProductKind;
  gtin: string | null;
  category_code: string | null;
  price: string;
  cost_price: string | null;
  currency: string;
  tax_rate: string;
  weight_kg: number | null;
  images: string[];
  attributes: Record<string, string>;
  external_ref: string | null;
  created_at: string;
  updated_at: string;
}

export interface Product extends ProductRecord {
  listings: Listing[];
}

export type ProductSort = 'sku' | 'title' | 'created_at' | 'updated_at';

export interface ProductFilters {
  status?: ProductStatus;
  kind?: ProductKind;
  category_code?: string;
  marketplace?: string;
  search?: string;
  updated_since?: string;
}

export type ProductListQuery = ListQuery<ProductFilters, ProductSort>;

export const PRODUCT_LIST = listSpec<ProductRecord>()({
  name: 'products',
  keys: ['sku'],
  sorts: { sku: sortBy('text', 'sku'), title: sortBy('text', 'title'), ...BY_AGE },
});

/** Inserts report a collision instead of throwing (it would abort the surrounding transaction). */
export type InsertResult = 'created' | 'duplicate_sku' | 'duplicate_external_ref';

export interface ProductsPort {
  /** Inserts a product; reports which unique key collided instead of throwing. */
  insert(p: Partition, product: ProductRecord): Promise<InsertResult>;
  /**
   * Inserts several new products in one statement; resolves with the SKUs inserted. A product
   * missing from the answer collided on its SKU or its external_ref (nothing is thrown).
   */
  insertMany(p: Partition, products: ProductRecord[]): Promise<Set<string>>;
  /** `forUpdate` locks the row until the transaction ends (SQL), so read-modify-write is safe. */
  get(p: Partition, sku: string, options?: { forUpdate?: boolean }): Promise<Product | null>;
  /** The existing products among `skus`, by SKU (locked in SKU order with `forUpdate`). */
  getMany(p: Partition, skus: string[], options?: { forUpdate?: boolean }): Promise<Map<string, Product>>;
  findSkuByExternalRef(p: Partition, externalRef: string): Promise<string | null>;
  /** Overwrites every writable field of an existing product; false when it does not exist. */
  update(p: Partition, product: ProductRecord): Promise<boolean>;
  list(p: Partition, query: ProductListQuery): Promise<Page<Product>>;
  /** Creates or replaces the product's listing on `listing.marketplace`. */
  putListing(p: Partition, sku: string, listing: Listing): Promise<void>;
}
