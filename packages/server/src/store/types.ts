/** Records the store keeps. Field names of API-visible records follow the spec (snake_case). */
import { listSpec, type ListQuery } from './list.js';

export type * from './commerce-types.js';
export type { ListQuery, Page } from './list.js';
export type { Account, ApiKeyRecord, Plan, RateLimits } from './accounts.js';
export type { IdempotencyClaim, IdempotencyClaimInput, StoredResponse } from './idempotency.js';
export type { Mode, Partition } from './partition.js';
export type { Listing, Product, ProductFilters, ProductKind, ProductListQuery, ProductRecord, ProductSort, ProductStatus } from './products.js';
export { PRODUCT_LIST } from './products.js';

export interface OutboxEvent {
  id: string;
  type: string;
  data: unknown;
  created_at: string;
  /** The request that caused the event, when known. */
  request_id?: string;
}

export interface JobRecord {
  id: string;
  type: string;
  status: 'queued' | 'running' | 'succeeded' | 'partially_failed' | 'failed' | 'cancelled';
  total: number;
  request_id: string | null;
  payload: unknown;
  created_at: string;
}

// Categories, dealers and inventory.

export interface CategoryRecord {
  category_code: string;
  name: string;
  parent_code: string | null;
  description: string | null;
  status: 'active' | 'inactive';
  external_ref: string | null;
  created_at: string;
  updated_at: string;
}
export type CategorySort = 'category_code' | 'name' | 'created_at' | 'updated_at';
export type CategoryListQuery = ListQuery<{ parent_code?: string; search?: string }, CategorySort>;
export const CATEGORY_LIST = listSpec<CategoryRecord>()({
  keys: ['category_code'],
  sorts: {
    category_code: { column: 'category_code', kind: 'text' },
    name: { column: 'name', kind: 'text' },
    created_at: { column: 'created_at', kind: 'timestamp' },
    updated_at: { column: 'updated_at', kind: 'timestamp' },
  },
});

export interface DealerAddress {
  line1: string;
  line2: string | null;
  city: string;
  state: string | null;
  postal_code: string;
  country: string;
}
export interface DealerRecord {
  code: string;
  name: string;
  email: string | null;
  phone: string | null;
  address: DealerAddress | null;
  status: 'active' | 'inactive' | 'suspended';
  external_ref: string | null;
  created_at: string;
  updated_at: string;
}
export type DealerSort = 'code' | 'name' | 'created_at' | 'updated_at';
export type DealerListQuery = ListQuery<{ status?: DealerRecord['status']; search?: string }, DealerSort>;
export const DEALER_LIST = listSpec<DealerRecord>()({
  keys: ['code'],
  sorts: {
    code: { column: 'code', kind: 'text' },
    name: { column: 'name', kind: 'text' },
    created_at: { column: 'created_at', kind: 'timestamp' },
    updated_at: { column: 'updated_at', kind: 'timestamp' },
  },
});

/** Stock of one SKU at one location; `available` is always `on_hand - reserved`. */
export interface InventoryLevel {
  sku: string;
  location_code: string;
  on_hand: number;
  reserved: number;
  available: number;
  low_stock_threshold: number | null;
  updated_at: string;
}
export type InventorySort = 'sku' | 'location_code' | 'available' | 'updated_at';
export type InventoryListQuery = ListQuery<{ sku?: string; location_code?: string; low_stock?: boolean }, InventorySort>;
export const INVENTORY_LIST = listSpec<InventoryLevel>()({
  keys: ['sku', 'location_code'],
  sorts: {
    sku: { column: 'sku', kind: 'text' },
    location_code: { column: 'location_code', kind: 'text' },
    available: { column: '(on_hand - reserved)', kind: 'integer' },
    updated_at: { column: 'updated_at', kind: 'timestamp' },
  },
});

export interface LicenseCounts {
  available: number;
  assigned: number;
}
