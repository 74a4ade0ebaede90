import type {
  CustomerListQuery,
  CustomerRecord,
  CustomerWriteResult,
  OrderListQuery,
  OrderRecord,
  WalletEntryInput,
  WalletEntryResult,
  WalletRecord,
  WalletTransactionListQuery,
  WalletTransactionRecord,
} from './commerce-types.js';
import type { Page, Partition } from './types.js';

/** The store operations of customers, wallets and orders (part of `StoreOps`). */
export interface CommerceStoreOps {
  /** Inserts a customer and opens their wallet; reports a taken phone or external_ref instead of throwing. */
  insertCustomer(p: Partition, customer: CustomerRecord, wallet: WalletRecord): Promise<CustomerWriteResult>;
  /** `forUpdate` locks the row until the transaction ends (SQL). */
  getCustomer(p: Partition, id: string, options?: { forUpdate?: boolean }): Promise<CustomerRecord | null>;
  findCustomerByPhone(p: Partition, phone: string): Promise<CustomerRecord | null>;
  /** Overwrites the writable fields; reports a missing customer or a taken phone/external_ref. */
  updateCustomer(p: Partition, customer: CustomerRecord): Promise<CustomerWriteResult>;
  listCustomers(p: Partition, query: CustomerListQuery): Promise<Page<CustomerRecord>>;

  getWallet(p: Partition, customerId: string): Promise<WalletRecord | null>;
  /**
   * Appends a ledger entry and moves the balance by its amount, atomically: refused with
   * 'insufficient_funds' when the balance would go below zero.
   */
  appendWalletEntry(p: Partition, entry: WalletEntryInput): Promise<WalletEntryResult>;
  listWalletTransactions(p: Partition, customerId: string, query: WalletTransactionListQuery): Promise<Page<WalletTransactionRecord>>;

  /** The next order counter of the partition and UTC year (1, 2, …); held until the transaction ends. */
  nextOrderSequence(p: Partition, year: number): Promise<number>;
  insertOrder(p: Partition, order: OrderRecord): Promise<'created' | 'duplicate_external_ref'>;
  /** `forUpdate` locks the row until the transaction ends (SQL). */
  getOrder(p: Partition, id: string, options?: { forUpdate?: boolean }): Promise<OrderRecord | null>;
  findOrderIdByExternalRef(p: Partition, externalRef: string): Promise<string | null>;
  /** Overwrites status, reason and timestamps of an existing order. */
  updateOrder(p: Partition, order: OrderRecord): Promise<boolean>;
  listOrders(p: Partition, query: OrderListQuery): Promise<Page<OrderRecord>>;
  /** The id of a `pending` or `confirmed` order with a line for this SKU, if there is one. */
  openOrderIdForSku(p: Partition, sku: string): Promise<string | null>;
}
