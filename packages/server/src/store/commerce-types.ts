/** Records of customers, wallets and orders. Money the store sums is in integer minor units (paise). */
import { listSpec, type ListQuery } from './list.js';
import { customerNameKey, minorUnits } from './sort-keys.js';

export interface CustomerRecord {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  external_ref: string | null;
  created_at: string;
  updated_at: string;
}

export type CustomerSort = 'created_at' | 'updated_at' | 'name';

export interface CustomerFilters {
  search?: string;
  email?: string;
  phone?: string;
}

export type CustomerListQuery = ListQuery<CustomerFilters, CustomerSort>;
export const CUSTOMER_LIST = listSpec<CustomerRecord>()({
  keys: ['id'],
  sorts: {
    created_at: { column: 'created_at', kind: 'timestamp' },
    updated_at: { column: 'updated_at', kind: 'timestamp' },
    // ASCII-lowercased, kept in its own column so every store orders names alike.
    name: { column: 'name_key', kind: 'text', value: (c) => customerNameKey(c.name) },
  },
});

export interface WalletRecord {
  customer_id: string;
  /** Minor units. */
  balance: number;
  currency: string;
  updated_at: string;
}

export type WalletTransactionType = 'recharge' | 'debit' | 'refund';

export interface WalletTransactionRecord {
  id: string;
  customer_id: string;
  type: WalletTransactionType;
  /** Signed minor units. */
  amount: number;
  /** Minor units. */
  balance_after: number;
  currency: string;
  reference: string | null;
  note: string | null;
  order_id: string | null;
  created_at: string;
}

/** A ledger entry to append; the store computes `balance_after`. */
export type WalletEntryInput = Omit<WalletTransactionRecord, 'balance_after'>;

export type WalletEntryResult = WalletTransactionRecord | 'insufficient_funds' | 'no_wallet';

export type WalletTransactionListQuery = ListQuery<{ type?: WalletTransactionType }, 'created_at'>;
export const WALLET_TRANSACTION_LIST = listSpec<WalletTransactionRecord>()({
  keys: ['id'],
  sorts: { created_at: { column: 'created_at', kind: 'timestamp' } },
});

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
  keys: ['id'],
  sorts: {
    created_at: { column: 'created_at', kind: 'timestamp' },
    order_number: { column: 'order_number', kind: 'text' },
    // Kept as integer minor units, so totals order as numbers.
    total: { column: 'total', kind: 'bigint', value: (o) => minorUnits(o.total) },
  },
});

export type CustomerWriteResult = 'ok' | 'duplicate_phone' | 'duplicate_external_ref' | 'not_found';
