import { BY_AGE, listSpec, sortBy, type ListQuery, type Page } from './list.js';
import type { Partition } from './partition.js';
import { customerNameKey } from './sort-keys.js';

/** Customers, their wallets and the wallets' append-only ledgers. Money is in integer minor units (paise). */

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
  name: 'customers',
  keys: ['id'],
  sorts: {
    ...BY_AGE,
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
  name: 'wallet_transactions',
  keys: ['id'],
  sorts: { created_at: sortBy('timestamp', 'created_at') },
});

export type CustomerWriteResult = 'ok' | 'duplicate_phone' | 'duplicate_external_ref' | 'not_found';

export interface CustomersPort {
  /** Inserts a customer and opens their wallet; reports a taken phone or external_ref instead of throwing. */
  insert(p: Partition, customer: CustomerRecord, wallet: WalletRecord): Promise<CustomerWriteResult>;
  /** `forUpdate` locks the row until the transaction ends (SQL). */
  get(p: Partition, id: string, options?: { forUpdate?: boolean }): Promise<CustomerRecord | null>;
  findByPhone(p: Partition, phone: string): Promise<CustomerRecord | null>;
  /** Overwrites the writable fields; reports a missing customer or a taken phone/external_ref. */
  update(p: Partition, customer: CustomerRecord): Promise<CustomerWriteResult>;
  list(p: Partition, query: CustomerListQuery): Promise<Page<CustomerRecord>>;
  getWallet(p: Partition, customerId: string): Promise<WalletRecord | null>;
  /**
   * Appends a ledger entry and moves the balance by its amount, atomically: refused with
   * 'insufficient_funds' when the balance would go below zero.
   */
  appendWalletEntry(p: Partition, entry: WalletEntryInput): Promise<WalletEntryResult>;
  listWalletTransactions(p: Partition, customerId: string, query: WalletTransactionListQuery): Promise<Page<WalletTransactionRecord>>;
}
