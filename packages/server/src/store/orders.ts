import { listSpec, sortBy, type ListQuery, type Page } from './list.js';
import type { Partition } from './partition.js';
import { minorUnits } from './sort-keys.js';

/** Orders and their per-year numbering. Totals are amount strings here; SQL keeps them as minor units. */

export type OrderStatus = 'pending' | 'confirmed' | 'completed' | 'cancelled';
export type PaymentMethod = 'cash' | 'card' | 'wallet' | 'marketplace';

export interface OrderItemRecord {
  sku: string;
  quantity: number;
  unit_price: string;
  line_total: string;
}

/** An order in the spec's shape; the SQL adapter keeps the totals as minor units. */
export interface OrderRecord {
  id: string;
  order_number: string;
  status: OrderStatus;
  customer_id: string | null;
  location_code: string;
  marketplace: string | null;
  items: OrderItemRecord[];
  subtotal: string;
  tax_total: string;
  total: string;
  currency: string;
  payment_method: PaymentMethod;
  license_keys: { sku: string; key: string }[];
  external_ref: string | null;
  cancel_reason: string | null;
  created_at: string;
  updated_at: string;
  confirmed_at: string | null;
  completed_at: string | null;
  cancelled_at: string | null;
}

export type OrderSort = 'created_at' | 'order_number' | 'total';

export interface OrderFilters {
  status?: OrderStatus;
  marketplace?: string;
  customer_id?: string;
  created_from?: string;
  created_to?: string;
}

export type OrderListQuery = ListQuery<OrderFilters, OrderSort>;
export const ORDER_LIST = listSpec<OrderRecord>()({
  name: 'orders',
  keys: ['id'],
  sorts: {
    created_at: sortBy('timestamp', 'created_at'),
    order_number: sortBy('text', 'order_number'),
    // Kept as integer minor units, so totals order as numbers.
    total: { column: 'total', kind: 'bigint', value: (o) => minorUnits(o.total) },
  },
});

export interface OrdersPort {
  /** The next order counter of the partition and UTC year (1, 2, …); held until the transaction ends. */
  nextSequence(p: Partition, year: number): Promise<number>;
  insert(p: Partition, order: OrderRecord): Promise<'created' | 'duplicate_external_ref'>;
  /** `forUpdate` locks the row until the transaction ends (SQL). */
  get(p: Partition, id: string, options?: { forUpdate?: boolean }): Promise<OrderRecord | null>;
  findIdByExternalRef(p: Partition, externalRef: string): Promise<string | null>;
  /** Overwrites status, reason, keys and timestamps of an existing order. */
  update(p: Partition, order: OrderRecord): Promise<boolean>;
  list(p: Partition, query: OrderListQuery): Promise<Page<OrderRecord>>;
  /** The id of a `pending` or `confirmed` order with a line for this SKU, if there is one. */
  openOrderIdForSku(p: Partition, sku: string): Promise<string | null>;
}
