import type { RecordProcessor } from '../../jobs/processors.js';
import { emit } from '../events.js';
import { checkProductRules, mergeProduct, newProduct, type ProductInput } from './rules.js';
import { marketplacesToSync, simulatedListing } from './simulated-marketplaces.js';

/**
 * One record of `products.batch`: an upsert by SKU with the rules of create and update. Applying
 * it twice gives the same product, so it is safe after a crash.
 */
export const productBatchRecordProcessor: RecordProcessor = async (tx, p, record, { clock }) => {
  const input = record as ProductInput & { sku: string };
  const now = clock.now().toISOString();
  const current = await tx.getProduct(p, input.sku, { forUpdate: true });
  const next = current ? mergeProduct(current, input, now) : newProduct(input, now);
  const failure = await checkProductRules(tx, p, next);
  if (failure) return { code: failure.code, ...failure.detail };
  if (current) {
    await tx.updateProduct(p, next);
    await emit(tx, clock, p, 'product.updated', { ...next, listings: current.listings });
    return undefined;
  }
  const result = await tx.insertProduct(p, next);
  if (result === 'duplicate_external_ref') return { code: 'VALIDATION_FAILED', field: 'external_ref', issue: 'is already used by another product' };
  if (result === 'duplicate_sku') return { code: 'DUPLICATE_SKU', field: 'sku', issue: 'already exists' };
  await emit(tx, clock, p, 'product.created', { ...next, listings: [] });
  return undefined;
};

/** The record of `products.sync` (`{sku, marketplaces}`): refreshes the product's listings (simulated). */
export const productSyncRecordProcessor: RecordProcessor = async (tx, p, record, { clock }) => {
  const { sku, marketplaces } = record as { sku: string; marketplaces?: string[] | null };
  const product = await tx.getProduct(p, sku, { forUpdate: true });
  if (!product) return { code: 'NOT_FOUND', field: 'sku', issue: `no product with SKU ${sku}` };
  const now = clock.now().toISOString();
  for (const marketplace of marketplacesToSync(product, marketplaces)) {
    await tx.putListing(p, sku, simulatedListing(product, marketplace, now));
  }
  const updated = await tx.getProduct(p, sku);
  await emit(tx, clock, p, 'product.updated', updated);
  return undefined;
};
