import type { ChunkProcessor, RecordFailure, RecordProcessor } from '../jobs/processors.js';
import { emit, emitAll } from '../events.js';
import type { ProductInput } from './rules.js';
import { changeEvent, prepareProduct, writeProduct, type ProductChange } from './upsert.js';
import { marketplacesToSync, simulatedListing } from './simulated-marketplaces.js';

/**
 * One record of `products.batch`: an upsert by SKU with the rules of create and update. Applying
 * it twice gives the same product, so it is safe after a crash.
 */
export const productBatchRecordProcessor: RecordProcessor = async (tx, p, record, { clock }) => {
  const written = await writeProduct(tx, clock, p, record as ProductInput & { sku: string }, 'upsert');
  return 'failure' in written ? { code: written.failure.code, ...written.failure.detail } : undefined;
};

/** Whether two records of a chunk name the same SKU or the same external_ref. */
function repeats(inputs: (ProductInput & { sku: string })[]): boolean {
  const skus = new Set(inputs.map((i) => i.sku));
  const refs = inputs.map((i) => i.external_ref).filter((r): r is string => typeof r === 'string');
  return skus.size < inputs.length || new Set(refs).size < refs.length;
}

/**
 * `products.batch` for a chunk: the existing products in one read, the new ones in one insert, the
 * events in one write. The rules run per record, in order, as in the one-by-one processor, so the
 * outcome is the same. A chunk in which two records touch the same SKU or external_ref (a later one
 * builds on an earlier one) is applied record by record.
 */
export const productBatchChunkProcessor: ChunkProcessor = async (tx, p, records, context) => {
  const inputs = records as (ProductInput & { sku: string })[];
  if (repeats(inputs)) {
    const failures: Array<RecordFailure | undefined> = [];
    for (const record of records) failures.push(await productBatchRecordProcessor(tx, p, record, context));
    return failures;
  }
  const { clock } = context;
  const now = clock.now().toISOString();
  const existing = await tx.products.getMany(p, inputs.map((i) => i.sku), { forUpdate: true });
  const failures: Array<RecordFailure | undefined> = inputs.map(() => undefined);
  const events: { index: number; type: string; data: unknown }[] = [];
  const created: { index: number; change: ProductChange }[] = [];
  for (const [index, input] of inputs.entries()) {
    const change = await prepareProduct(tx, p, existing.get(input.sku) ?? null, input, now);
    if ('failure' in change) {
      failures[index] = { code: change.failure.code, ...change.failure.detail };
    } else if (change.current) {
      await tx.products.update(p, change.next);
      events.push({ index, ...changeEvent(change) });
    } else {
      created.push({ index, change });
    }
  }
  const inserted = await tx.products.insertMany(p, created.map((c) => c.change.next));
  // Someone else took a SKU or an external_ref meanwhile: the worker redoes the chunk one by one,
  // which names the clash exactly.
  if (inserted.size < created.length) throw new Error('a product of the chunk collided on insert');
  for (const { index, change } of created) events.push({ index, ...changeEvent(change) });
  await emitAll(tx, clock, p, events.sort((a, b) => a.index - b.index));
  return failures;
};

/** The record of `products.sync` (`{sku, marketplaces}`): refreshes the product's listings (simulated). */
export const productSyncRecordProcessor: RecordProcessor = async (tx, p, record, { clock }) => {
  const { sku, marketplaces } = record as { sku: string; marketplaces?: string[] | null };
  const product = await tx.products.get(p, sku, { forUpdate: true });
  if (!product) return { code: 'NOT_FOUND', field: 'sku', issue: `no product with SKU ${sku}` };
  const now = clock.now().toISOString();
  for (const marketplace of marketplacesToSync(product, marketplaces)) {
    await tx.products.putListing(p, sku, simulatedListing(product, marketplace, now));
  }
  const updated = await tx.products.get(p, sku);
  await emit(tx, clock, p, 'product.updated', updated);
  return undefined;
};
