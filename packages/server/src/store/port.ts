import type {
  Account,
  ApiKeyRecord,
  IdempotencyClaim,
  IdempotencyClaimInput,
  JobRecord,
  Listing,
  OutboxEvent,
  Page,
  Partition,
  Product,
  ProductListQuery,
  ProductRecord,
  StoredResponse,
} from './types.js';

/**
 * Everything the server persists, behind one interface. Two adapters implement it (memory and
 * SQL) and pass the same suite (`store-suite.ts`).
 *
 * Calls made on the store itself run on their own; calls made on the `tx` handed to
 * `transaction` commit or roll back together. Inside `transaction`, use only `tx`.
 */
export interface StoreOps {
  createAccount(account: Account): Promise<void>;
  getAccount(id: string): Promise<Account | null>;
  listAccounts(): Promise<Account[]>;

  createApiKey(key: ApiKeyRecord): Promise<void>;
  findApiKeyByPrefix(prefix: string): Promise<ApiKeyRecord | null>;
  listApiKeys(accountId: string): Promise<ApiKeyRecord[]>;
  /** Marks a key revoked; false when no such key (or already revoked). */
  revokeApiKey(idOrPrefix: string, at: string): Promise<boolean>;

  /** Atomically claims an idempotency key, or reports why it cannot be claimed. */
  claimIdempotencyKey(p: Partition, input: IdempotencyClaimInput): Promise<IdempotencyClaim>;
  completeIdempotencyKey(p: Partition, key: string, response: StoredResponse): Promise<void>;
  /** Forgets a claim whose request failed with a 5xx, so the client can retry with the same key. */
  releaseIdempotencyKey(p: Partition, key: string): Promise<void>;

  /** Inserts a product; reports which unique key collided instead of throwing. */
  insertProduct(p: Partition, product: ProductRecord): Promise<InsertResult>;
  /** `forUpdate` locks the row until the transaction ends (SQL), so read-modify-write is safe. */
  getProduct(p: Partition, sku: string, options?: { forUpdate?: boolean }): Promise<Product | null>;
  findProductSkuByExternalRef(p: Partition, externalRef: string): Promise<string | null>;
  /** Overwrites every writable field of an existing product; false when it does not exist. */
  updateProduct(p: Partition, product: ProductRecord): Promise<boolean>;
  listProducts(p: Partition, query: ProductListQuery): Promise<Page<Product>>;
  putListing(p: Partition, sku: string, listing: Listing): Promise<void>;

  appendEvent(p: Partition, event: OutboxEvent): Promise<void>;
  listEvents(p: Partition): Promise<OutboxEvent[]>;

  createJob(p: Partition, job: JobRecord): Promise<void>;
  getJob(p: Partition, id: string): Promise<JobRecord | null>;
}

export type InsertResult = 'created' | 'duplicate_sku' | 'duplicate_external_ref';

/**
 * The persistence port of the server.
 *
 * @example
 * await store.transaction(async (tx) => {
 *   await tx.insertProduct(partition, product);
 *   await tx.appendEvent(partition, event);
 * });
 */
export interface Store extends StoreOps {
  transaction<T>(fn: (tx: StoreOps) => Promise<T>): Promise<T>;
  /** Releases connections and files. */
  close(): Promise<void>;
}
