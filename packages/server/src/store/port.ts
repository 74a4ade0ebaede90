import type { AccountsPort } from './accounts.js';
import type { IdempotencyPort } from './idempotency.js';
import type { ProductsPort } from './products.js';
import type {
  JobRecord,
  OutboxEvent,
  Page,
  Partition,
  CategoryListQuery,
  CategoryRecord,
  DealerListQuery,
  DealerRecord,
  InventoryLevel,
  InventoryListQuery,
  LicenseCounts,
} from './types.js';
import type { CommerceStoreOps } from './commerce-port.js';
import type { AsyncStoreOps } from './async-port.js';

/**
 * Everything the server persists, behind one interface. Two adapters implement it (memory and
 * SQL) and pass the same suites (`testing/*.suite.ts`).
 *
 * Calls made on the store itself run on their own; calls made on the `tx` handed to
 * `transaction` commit or roll back together. Inside `transaction`, use only `tx`.
 */
export interface StoreOps extends CommerceStoreOps, AsyncStoreOps {
  accounts: AccountsPort;
  idempotency: IdempotencyPort;

  products: ProductsPort;

  appendEvent(p: Partition, event: OutboxEvent): Promise<void>;
  /** Appends several events, in this order, in one statement. */
  appendEvents(p: Partition, events: OutboxEvent[]): Promise<void>;
  listEvents(p: Partition): Promise<OutboxEvent[]>;

  createJob(p: Partition, job: JobRecord): Promise<void>;
  getJob(p: Partition, id: string): Promise<JobRecord | null>;

  // Inventory, used by orders inside their transaction (implemented by the inventory slice).
  // Each answers 'insufficient' instead of throwing, so the caller can name every short line.
  /** Moves `qty` from available to reserved at the location. */
  reserveStock(p: Partition, sku: string, locationCode: string, qty: number): Promise<'ok' | 'insufficient'>;
  /** Gives reserved units back to available (order cancelled). */
  releaseStock(p: Partition, sku: string, locationCode: string, qty: number): Promise<'ok' | 'insufficient'>;
  /** Reserved units leave `on_hand` and `reserved` (order completed). */
  consumeReserved(p: Partition, sku: string, locationCode: string, qty: number): Promise<'ok' | 'insufficient'>;
  /** Hands `count` unassigned license keys of a digital SKU to the order. */
  assignLicenseKeys(p: Partition, sku: string, count: number, orderId: string): Promise<string[] | 'insufficient'>;
  /** Gives an order's license keys back to the pool (order cancelled); returns how many. */
  releaseLicenseKeys(p: Partition, sku: string, orderId: string): Promise<number>;

  // Categories, dealers and inventory (catalog slice; `src/store/memory/catalog.ts`, `sql/catalog.ts`).
  insertCategory(p: Partition, category: CategoryRecord): Promise<CatalogInsertResult>;
  getCategory(p: Partition, code: string, options?: { forUpdate?: boolean }): Promise<CategoryRecord | null>;
  findCategoryCodeByExternalRef(p: Partition, externalRef: string): Promise<string | null>;
  updateCategory(p: Partition, category: CategoryRecord): Promise<boolean>;
  listCategories(p: Partition, query: CategoryListQuery): Promise<Page<CategoryRecord>>;
  /** Serialises moves in one partition's category tree until the transaction ends (no concurrent cycles). */
  lockCategoryTree(p: Partition): Promise<void>;
  /**
   * Holds a lock per value (e.g. `products.external_ref=ERP-1`) until the transaction ends, so
   * writers claiming the same unique value run one after the other and the later one sees the
   * earlier one's row in its uniqueness check instead of failing on the index.
   */
  lockValues(p: Partition, values: string[]): Promise<void>;

  insertDealer(p: Partition, dealer: DealerRecord): Promise<CatalogInsertResult>;
  getDealer(p: Partition, code: string, options?: { forUpdate?: boolean }): Promise<DealerRecord | null>;
  findDealerCodeByExternalRef(p: Partition, externalRef: string): Promise<string | null>;
  updateDealer(p: Partition, dealer: DealerRecord): Promise<boolean>;
  listDealers(p: Partition, query: DealerListQuery): Promise<Page<DealerRecord>>;

  /** Locks one level until the transaction ends, creating it at zero (`created: true`) if missing. */
  lockInventoryLevel(p: Partition, sku: string, locationCode: string, now: string): Promise<{ level: InventoryLevel; created: boolean }>;
  getInventoryLevel(p: Partition, sku: string, locationCode: string): Promise<InventoryLevel | null>;
  /** Overwrites on_hand, reserved, threshold and updated_at of an existing level (`available` is derived). */
  updateInventoryLevel(p: Partition, level: InventoryLevel): Promise<void>;
  listInventory(p: Partition, query: InventoryListQuery): Promise<Page<InventoryLevel>>;
  /** Every level of one SKU, by location_code. */
  listInventoryForSku(p: Partition, sku: string): Promise<InventoryLevel[]>;
  /** Stores keys the SKU does not have yet (distinct keys expected); returns how many were new. */
  addLicenseKeys(p: Partition, sku: string, keys: string[], now: string): Promise<number>;
  countLicenseKeys(p: Partition, sku: string): Promise<LicenseCounts>;
}

export type CatalogInsertResult = 'created' | 'duplicate_code' | 'duplicate_external_ref';

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
