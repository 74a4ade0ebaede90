/** Records of customers, wallets and orders. Money the store sums is in integer minor units (paise). */

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

/** Keyset position: the sort value of the last row of the previous page and its id. */
export interface KeysetAfter {
  value: string;
  id: string;
}

export interface ListQuery<S extends string, F> {
  filters: F;
  sort: S;
  order: 'asc' | 'desc';
  limit: number;
  after?: KeysetAfter;
  includeTotal?: boolean;
}

export type CustomerListQuery = ListQuery<CustomerSort, CustomerFilters>;

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

export type WalletTransactionListQuery = ListQuery<'created_at', { type?: WalletTransactionType }>;

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

export type OrderListQuery = ListQuery<OrderSort, OrderFilters>;

export type CustomerWriteResult = 'ok' | 'duplicate_phone' | 'duplicate_external_ref' | 'not_found';
