/** Records the store keeps. Field names of API-visible records follow the spec (snake_case). */

export type * from './customers.js';
export type * from './orders.js';
export type { ListQuery, Page } from './list.js';
export type { Account, ApiKeyRecord, Plan, RateLimits } from './accounts.js';
export type { IdempotencyClaim, IdempotencyClaimInput, StoredResponse } from './idempotency.js';
export type { Mode, Partition } from './partition.js';
export type { Listing, Product, ProductFilters, ProductKind, ProductListQuery, ProductRecord, ProductSort, ProductStatus } from './products.js';
export { PRODUCT_LIST } from './products.js';
export type { CategoryListQuery, CategoryRecord, CategorySort } from './categories.js';
export { CATEGORY_LIST } from './categories.js';
export type { DealerAddress, DealerListQuery, DealerRecord, DealerSort } from './dealers.js';
export { DEALER_LIST } from './dealers.js';
export type { InventoryLevel, InventoryListQuery, InventorySort, LicenseCounts } from './inventory.js';
export { INVENTORY_LIST } from './inventory.js';

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
