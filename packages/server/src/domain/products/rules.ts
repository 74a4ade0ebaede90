import { ApiError, type ErrorDetail } from '../../errors.js';
import type { StoreOps } from '../../store/port.js';
import type { Partition } from '../../store/partition.js';
import type { ProductRecord } from '../../store/products.js';
import { isValidGtin } from './gtin.js';

/** Partner-writable fields (the spec's ProductAttributes); `sku` is set once at creation. */
export type ProductInput = Partial<Omit<ProductRecord, 'sku' | 'created_at' | 'updated_at'>> & { sku?: string };

/** A business rule that failed, before it becomes an HTTP error or a per-item bulk error. */
export interface RuleFailure {
  code: 'INVALID_GTIN' | 'VALIDATION_FAILED' | 'DUPLICATE_SKU' | 'NOT_FOUND';
  detail: ErrorDetail;
  message: string;
}

/**
 * Rules the schema cannot say: the GTIN check digit, that the category exists, and the
 * uniqueness of `external_ref`.
 */
export async function checkProductRules(
  tx: StoreOps,
  p: Partition,
  product: ProductRecord,
): Promise<RuleFailure | null> {
  if (product.gtin !== null && !isValidGtin(product.gtin)) {
    return {
      code: 'INVALID_GTIN',
      message: `GTIN ${product.gtin} is not valid.`,
      detail: { field: 'gtin', issue: 'must be 8, 12, 13 or 14 digits with a valid check digit' },
    };
  }
  if (product.category_code !== null && !(await tx.categories.get(p, product.category_code))) {
    return {
      code: 'VALIDATION_FAILED',
      message: `No category with code ${product.category_code}.`,
      detail: { field: 'category_code', issue: `no category with code ${product.category_code}` },
    };
  }
  if (product.external_ref !== null) {
    await tx.locks.hold(p, [`products.external_ref=${product.external_ref}`]);
    const owner = await tx.products.findSkuByExternalRef(p, product.external_ref);
    if (owner !== null && owner !== product.sku) {
      return {
        code: 'VALIDATION_FAILED',
        message: `external_ref ${product.external_ref} is already used by product ${owner}.`,
        detail: { field: 'external_ref', issue: `is already used by product ${owner}` },
      };
    }
  }
  return null;
}

export function toApiError(failure: RuleFailure): ApiError {
  return new ApiError(failure.code, failure.message, [failure.detail]);
}

/** A new product from a create body, with the defaults the spec states. */
export function newProduct(input: ProductInput & { sku: string }, now: string): ProductRecord {
  return {
    sku: input.sku,
    title: input.title ?? '',
    description: input.description ?? null,
    status: input.status ?? 'draft',
    kind: input.kind ?? 'physical',
    gtin: input.gtin ?? null,
    category_code: input.category_code ?? null,
    price: input.price ?? '0.00',
    cost_price: input.cost_price ?? null,
    currency: input.currency ?? '',
    tax_rate: input.tax_rate ?? '0.00',
    weight_kg: input.weight_kg ?? null,
    images: input.images ?? [],
    attributes: input.attributes ?? {},
    external_ref: input.external_ref ?? null,
    created_at: now,
    updated_at: now,
  };
}

/** Applies a partial update; `sku` and timestamps stay as they are. */
export function mergeProduct(current: ProductRecord, patch: ProductInput, now: string): ProductRecord {
  const { sku: _ignored, ...changes } = patch;
  const { listings: _listings, ...record } = current as ProductRecord & { listings?: unknown };
  return { ...record, ...changes, sku: current.sku, created_at: current.created_at, updated_at: now };
}
