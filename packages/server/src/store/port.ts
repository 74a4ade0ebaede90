import type { AccountsPort } from './accounts.js';
import type { CategoriesPort } from './categories.js';
import type { CustomersPort } from './customers.js';
import type { DealersPort } from './dealers.js';
import type { IdempotencyPort } from './idempotency.js';
import type { InventoryPort } from './inventory.js';
import type { JobsPort } from './jobs.js';
import type { LocksPort } from './locks.js';
import type { OrdersPort } from './orders.js';
import type { OutboxPort } from './outbox.js';
import type { ProductsPort } from './products.js';
import type { ServerKeysPort } from './server-keys.js';
import type { WebhooksPort } from './webhooks.js';

/**
 * Everything the server persists, one port per aggregate. Each port and its records live in
 * `store/<name>.ts`; its memory adapter in `memory/<name>.ts`, its SQL adapter in `sql/<name>.ts`,
 * and the suite both must pass in `testing/<name>.suite.ts`.
 */
export interface StoreOps {
  accounts: AccountsPort;
  idempotency: IdempotencyPort;
  products: ProductsPort;
  categories: CategoriesPort;
  dealers: DealersPort;
  inventory: InventoryPort;
  customers: CustomersPort;
  orders: OrdersPort;
  jobs: JobsPort;
  webhooks: WebhooksPort;
  outbox: OutboxPort;
  locks: LocksPort;
  serverKeys: ServerKeysPort;
}

/**
 * The persistence port of the server: the aggregates' ports, transactions and `close`.
 *
 * Calls made on the store itself run on their own; calls made on the `tx` handed to
 * `transaction` commit or roll back together. Inside `transaction`, use only `tx`.
 *
 * @example
 * await store.transaction(async (tx) => {
 *   await tx.products.insert(partition, product);
 *   await tx.outbox.append(partition, [event]);
 * });
 */
export interface Store extends StoreOps {
  transaction<T>(fn: (tx: StoreOps) => Promise<T>): Promise<T>;
  /**
   * True when transactions run one at a time (the memory store): a request cannot then hold one
   * for its whole run, or a second request with its key would wait instead of seeing it in progress.
   */
  readonly serialTransactions?: boolean;
  /** Releases connections and files. */
  close(): Promise<void>;
}
