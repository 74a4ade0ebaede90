import type { AccountsPort } from './accounts.js';
import type { IdempotencyPort } from './idempotency.js';
import type { ProductsPort } from './products.js';
import type { CategoriesPort } from './categories.js';
import type { DealersPort } from './dealers.js';
import type { InventoryPort } from './inventory.js';
import type { LocksPort } from './locks.js';
import type { JobRecord, OutboxEvent, Partition } from './types.js';
import type { CustomersPort } from './customers.js';
import type { OrdersPort } from './orders.js';
import type { AsyncStoreOps } from './async-port.js';

/**
 * Everything the server persists, behind one interface. Two adapters implement it (memory and
 * SQL) and pass the same suites (`testing/*.suite.ts`).
 *
 * Calls made on the store itself run on their own; calls made on the `tx` handed to
 * `transaction` commit or roll back together. Inside `transaction`, use only `tx`.
 */
export interface StoreOps extends AsyncStoreOps {
  accounts: AccountsPort;
  idempotency: IdempotencyPort;

  products: ProductsPort;
  customers: CustomersPort;
  orders: OrdersPort;

  appendEvent(p: Partition, event: OutboxEvent): Promise<void>;
  /** Appends several events, in this order, in one statement. */
  appendEvents(p: Partition, events: OutboxEvent[]): Promise<void>;
  listEvents(p: Partition): Promise<OutboxEvent[]>;

  createJob(p: Partition, job: JobRecord): Promise<void>;
  getJob(p: Partition, id: string): Promise<JobRecord | null>;

  categories: CategoriesPort;
  dealers: DealersPort;
  inventory: InventoryPort;
  locks: LocksPort;
}


/**
 * The persistence port of the server.
 *
 * @example
 * await store.transaction(async (tx) => {
 *   await tx.products.insert(partition, product);
 *   await tx.appendEvent(partition, event);
 * });
 */
export interface Store extends StoreOps {
  transaction<T>(fn: (tx: StoreOps) => Promise<T>): Promise<T>;
  /** Releases connections and files. */
  close(): Promise<void>;
}
