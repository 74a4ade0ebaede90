import type { Clock } from '../../clock.js';
import type { Partition } from '../../store/partition.js';
import type { StoreOps } from '../../store/port.js';
import type { Product, ProductRecord } from '../../store/products.js';
import { emit } from '../events.js';
import { checkProductRules, mergeProduct, newProduct, type ProductInput, type RuleFailure } from './rules.js';

/**
 * The product write rules, once, for every path that writes products: create, update, bulk update
 * and both `products.batch` processors (record by record and set-based). A change is prepared
 * (merged onto the current product, or new, and checked), then stored with its event.
 */

export interface ProductChange {
  next: ProductRecord;
  /** The product before, or null for a new one. */
  current: Product | null;
}

/**
 * The product the input makes (a partial update of `current`, or a new product when it is
 * null), or the rule it breaks: GTIN check digit, known category, unique external_ref.
 *
 * @example
 * const change = await prepareProduct(tx, p, await tx.products.get(p, sku), input, now);
 */
export async function prepareProduct(
  tx: StoreOps, p: Partition, current: Product | null, input: ProductInput & { sku: string }, now: string,
): Promise<ProductChange | { failure: RuleFailure }> {
  const next = current ? mergeProduct(current, input, now) : newProduct(input, now);
  const failure = await checkProductRules(tx, p, next);
  return failure ? { failure } : { next, current };
}

/** The outbox event a stored change writes: `product.created` or `product.updated`, with listings. */
export function changeEvent({ next, current }: ProductChange): { type: string; data: Product } {
  return current
    ? { type: 'product.updated', data: { ...next, listings: current.listings } }
    : { type: 'product.created', data: { ...next, listings: [] } };
}

/** Why an insert did not happen: someone holds the SKU or the external_ref. */
export function insertFailure(result: 'duplicate_sku' | 'duplicate_external_ref', sku: string): RuleFailure {
  return result === 'duplicate_sku'
    ? { code: 'DUPLICATE_SKU', message: `A product with SKU ${sku} already exists.`, detail: { field: 'sku', issue: 'already exists' } }
    : { code: 'VALIDATION_FAILED', message: 'external_ref is already used by another product.', detail: { field: 'external_ref', issue: 'is already used by another product' } };
}

/**
 * Stores a prepared change and its event in the caller's transaction; answers the stored product,
 * or the failure when a new product's SKU or external_ref is taken.
 *
 * @example
 * const stored = await storeProduct(tx, clock, p, change);
 */
export async function storeProduct(tx: StoreOps, clock: Clock, p: Partition, change: ProductChange): Promise<Product | { failure: RuleFailure }> {
  if (change.current) {
    await tx.products.update(p, change.next);
  } else {
    const result = await tx.products.insert(p, change.next);
    if (result !== 'created') return { failure: insertFailure(result, change.next.sku) };
  }
  const event = changeEvent(change);
  await emit(tx, clock, p, event.type, event.data);
  return event.data;
}

/**
 * One product write from start to end: read (locked), prepare, store. `create` refuses an existing
 * SKU (by the insert), `update` a missing one; `upsert` (batch records) does whichever applies.
 *
 * @example
 * const result = await writeProduct(tx, clock, p, input, 'upsert');
 */
export async function writeProduct(
  tx: StoreOps, clock: Clock, p: Partition, input: ProductInput & { sku: string }, mode: 'create' | 'update' | 'upsert',
): Promise<Product | { failure: RuleFailure }> {
  const current = mode === 'create' ? null : await tx.products.get(p, input.sku, { forUpdate: true });
  if (mode === 'update' && !current) {
    return { failure: { code: 'NOT_FOUND', message: `No product with SKU ${input.sku}.`, detail: { field: 'sku', issue: `no product with SKU ${input.sku}` } } };
  }
  const change = await prepareProduct(tx, p, current, input, clock.now().toISOString());
  return 'failure' in change ? change : storeProduct(tx, clock, p, change);
}
