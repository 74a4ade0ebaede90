import type { RecordProcessor } from '../jobs/processors.js';
import { newId } from '../../ids.js';
import type { OrderRecord } from '../../store/orders.js';
import { nextOrderNumber, orderFields, priceOrder } from './pricing.js';
import { checkOrderReferences, type OrderCreateInput } from './service.js';

/** The spec's OrderImport: a past order in a final status. */
export interface OrderImportInput extends OrderCreateInput {
  external_ref: string;
  status?: 'completed' | 'cancelled';
  placed_at: string;
  cancel_reason?: string | null;
}

/**
 * Records one historical order of an `orders.batch` job. Imports are history: no stock, money,
 * license keys or `order.*` events move. The `external_ref` de-duplicates, so a re-run job fails
 * the records it already imported instead of importing them twice.
 */
export const importOrderRecord: RecordProcessor = async (tx, p, record, { clock }) => {
  const input = record as OrderImportInput;
  const status = input.status ?? 'completed';
  const placedAt = new Date(input.placed_at).toISOString();
  if (placedAt > clock.now().toISOString()) {
    return { code: 'VALIDATION_FAILED', field: 'placed_at', issue: 'must not be in the future' };
  }
  if (input.cancel_reason != null && status !== 'cancelled') {
    return { code: 'VALIDATION_FAILED', field: 'cancel_reason', issue: 'is allowed only with status cancelled' };
  }
  const problems = await checkOrderReferences(tx, p, input);
  const priced = await priceOrder(tx, p, input.items, { requireActive: false });
  if (Array.isArray(priced)) problems.push(...priced);
  const first = problems[0];
  if (first || Array.isArray(priced)) return { code: 'VALIDATION_FAILED', field: first?.field ?? 'record', issue: first?.issue ?? 'is invalid' };

  const now = clock.now().toISOString();
  const order: OrderRecord = {
    id: newId('ord'),
    // The number belongs to the year of import: numbers of past years were already handed out.
    order_number: await nextOrderNumber(tx, p, now),
    status,
    ...orderFields(input, priced),
    license_keys: [],
    cancel_reason: status === 'cancelled' ? (input.cancel_reason ?? null) : null,
    created_at: placedAt,
    updated_at: now,
    confirmed_at: status === 'completed' ? placedAt : null,
    completed_at: status === 'completed' ? placedAt : null,
    cancelled_at: status === 'cancelled' ? placedAt : null,
  };
  if ((await tx.orders.insert(p, order)) === 'duplicate_external_ref') {
    return { code: 'VALIDATION_FAILED', field: 'external_ref', issue: 'is already used by another order' };
  }
  return undefined;
};
