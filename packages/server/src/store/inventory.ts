import { listSpec, sortBy, type ListQuery, type Page } from './list.js';
import type { Partition } from './partition.js';

/** Stock levels per SKU and location, and the license keys that are the stock of digital SKUs. */

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
  name: 'inventory',
  keys: ['sku', 'location_code'],
  sorts: {
    sku: sortBy('text', 'sku'),
    location_code: sortBy('text', 'location_code'),
    available: sortBy('integer', '(on_hand - reserved)'),
    updated_at: sortBy('timestamp', 'updated_at'),
  },
});

export interface LicenseCounts {
  available: number;
  assigned: number;
}

/** Guarded stock moves answer 'insufficient' instead of throwing, so the caller can name every short line. */
export type StockMove = 'ok' | 'insufficient';

export interface InventoryPort {
  /** Locks one level until the transaction ends, creating it at zero (`created: true`) if missing. */
  lockLevel(p: Partition, sku: string, locationCode: string, now: string): Promise<{ level: InventoryLevel; created: boolean }>;
  getLevel(p: Partition, sku: string, locationCode: string): Promise<InventoryLevel | null>;
  /** Overwrites on_hand, reserved, threshold and updated_at of an existing level (`available` is derived). */
  updateLevel(p: Partition, level: InventoryLevel): Promise<void>;
  list(p: Partition, query: InventoryListQuery): Promise<Page<InventoryLevel>>;
  /** Every level of one SKU, by location_code. */
  listForSku(p: Partition, sku: string): Promise<InventoryLevel[]>;
  /** Moves `qty` from available to reserved at the location. */
  reserve(p: Partition, sku: string, locationCode: string, qty: number): Promise<StockMove>;
  /** Gives reserved units back to available (order cancelled). */
  release(p: Partition, sku: string, locationCode: string, qty: number): Promise<StockMove>;
  /** Reserved units leave `on_hand` and `reserved` (order completed). */
  consume(p: Partition, sku: string, locationCode: string, qty: number): Promise<StockMove>;
  /** Stores keys the SKU does not have yet (distinct keys expected); returns how many were new. */
  addLicenseKeys(p: Partition, sku: string, keys: string[], now: string): Promise<number>;
  countLicenseKeys(p: Partition, sku: string): Promise<LicenseCounts>;
  /** Hands `count` unassigned keys of a digital SKU to the order, in upload order. */
  assignLicenseKeys(p: Partition, sku: string, count: number, orderId: string): Promise<string[] | 'insufficient'>;
  /** Gives an order's keys back to the pool (order cancelled); returns how many. */
  releaseLicenseKeys(p: Partition, sku: string, orderId: string): Promise<number>;
}
