import type { Clock } from '../../clock.js';
import { ApiError, type ErrorCode } from '../../errors.js';
import type { Store } from '../../store/port.js';
import type { Partition } from '../../store/partition.js';
import type { Product } from '../../store/products.js';
import { emit } from '../events.js';
import { submitBatch, submitJob, type JobAccepted } from '../jobs/submit.js';
import { mergeProduct, toApiError, type ProductInput, type RuleFailure } from './rules.js';
import { writeProduct } from './upsert.js';

export interface ProductDeps {
  store: Store;
  clock: Clock;
}

export interface BulkResult {
  updated: number;
  failed: number;
  errors: { index: number; code: ErrorCode; field: string; issue: string }[];
}

const notFound = (sku: string) => ApiError.notFound(`No product with SKU ${sku}.`);
/** The written product, or its failure as the API's error. */
const settled = (result: Product | { failure: RuleFailure }): Product => {
  if ('failure' in result) throw toApiError(result.failure);
  return result;
};

/**
 * The Products use cases, free of HTTP. Each write and its outbox event share one transaction.
 *
 * @example
 * const products = productService({ store, clock });
 * const product = await products.create(partition, { sku: 'A-1', title: 'A', price: '1.00', currency: 'INR' });
 */
export function productService({ store, clock }: ProductDeps) {
  const now = () => clock.now().toISOString();

  return {
    async get(p: Partition, sku: string): Promise<Product> {
      return (await store.products.get(p, sku)) ?? Promise.reject(notFound(sku));
    },

    async create(p: Partition, input: ProductInput & { sku: string }): Promise<Product> {
      return store.transaction(async (tx) => settled(await writeProduct(tx, clock, p, input, 'create')));
    },

    async update(p: Partition, sku: string, patch: ProductInput): Promise<Product> {
      return store.transaction(async (tx) => {
        const result = await writeProduct(tx, clock, p, { ...patch, sku }, 'update');
        if ('failure' in result && result.failure.code === 'NOT_FOUND') throw notFound(sku);
        return settled(result);
      });
    },

    /** Soft delete: the product stays readable, archived; an open order holding it refuses (409). */
    async archive(p: Partition, sku: string): Promise<void> {
      await store.transaction(async (tx) => {
        const current = await tx.products.get(p, sku, { forUpdate: true });
        if (!current) throw notFound(sku);
        if (current.status === 'archived') return;
        // Archiving under an open order would strand it: it could no longer be completed cleanly.
        const openOrder = await tx.orders.openOrderIdForSku(p, sku);
        if (openOrder) {
          throw new ApiError('OPEN_ORDERS_EXIST', `Product ${sku} is on open order ${openOrder}; complete or cancel it first.`, [
            { field: 'sku', issue: `held by order ${openOrder}` },
          ]);
        }
        const archived = mergeProduct(current, { status: 'archived' }, now());
        await tx.products.update(p, archived);
        // The spec's ProductDeletedEvent names the product only; it stays readable, archived.
        await emit(tx, clock, p, 'product.deleted', { sku, deleted_at: archived.updated_at });
      });
    },

    async price(p: Partition, sku: string) {
      const product = await this.get(p, sku);
      return { sku: product.sku, price: product.price, currency: product.currency, tax_rate: product.tax_rate };
    },

    /** Each item succeeds or fails on its own; failures are reported, never thrown. */
    async bulkUpdate(p: Partition, items: (ProductInput & { sku: string })[]): Promise<BulkResult> {
      return store.transaction(async (tx) => {
        const result: BulkResult = { updated: 0, failed: 0, errors: [] };
        for (const [index, item] of items.entries()) {
          const written = await writeProduct(tx, clock, p, item, 'update');
          if ('failure' in written) result.errors.push({ index, code: written.failure.code, ...written.failure.detail });
          else result.updated++;
        }
        result.failed = result.errors.length;
        return result;
      });
    },

    /** Stores the upsert job; records are applied by a worker, not in this request. */
    batch(p: Partition, items: unknown[], batchLimit: number): Promise<JobAccepted> {
      return submitBatch(store, clock, p, 'products.batch', items, batchLimit);
    },

    sync(p: Partition, sku: string, marketplaces: string[] | undefined): Promise<JobAccepted> {
      const payload = { sku, marketplaces: marketplaces ?? null };
      return submitJob(store, clock, p, { type: 'products.sync', total: 1, payload }, async (tx) => {
        if (!(await tx.products.get(p, sku))) throw notFound(sku);
      });
    },
  };
}

export type ProductService = ReturnType<typeof productService>;
