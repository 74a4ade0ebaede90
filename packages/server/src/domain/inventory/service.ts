import type { Clock } from '../../clock.js';
import { ApiError } from '../../errors.js';
import type { RecordFailure, RecordProcessor } from '../jobs/processors.js';
import type { Store, StoreOps } from '../../store/port.js';
import { INVENTORY_LIST, type InventoryLevel, type InventoryListQuery, type InventorySort } from '../../store/inventory.js';
import type { Partition } from '../../store/partition.js';
import type { Product } from '../../store/products.js';
import { submitBatch } from '../jobs/submit.js';
import type { CursorSigner } from '../cursor.js';
import { listPage, pick, type ListEnvelope, type ListParams } from '../list-page.js';
import { emitLevelChange, licenseLevel } from './stock.js';

export type InventoryListParams = ListParams<InventorySort> & { sku?: string; location_code?: string; low_stock?: boolean };

export interface AdjustmentInput {
  sku: string;
  location_code: string;
  delta?: number;
  set?: number;
  reason: string;
  note?: string;
}

export interface BatchLevelInput {
  sku: string;
  location_code: string;
  on_hand: number;
  low_stock_threshold?: number | null;
}

const FIELDS = ['sku', 'location_code', 'on_hand', 'reserved', 'available', 'low_stock_threshold', 'updated_at'] as const;
// The columns are 32-bit; a sum of many large deltas must be refused, not overflow.
const MAX_ON_HAND = 2_147_483_647;

type Kind = 'physical' | 'digital';

async function productKind(tx: StoreOps, p: Partition, sku: string): Promise<Kind | null> {
  const product: Product | null = await tx.products.get(p, sku);
  return product ? product.kind : null;
}

const unknownSku = (sku: string) => ApiError.notFound(`No product with SKU ${sku}.`);

/**
 * Sets one level's `on_hand` (and threshold) under its row lock, refusing to go below the
 * reserved units; emits the events of a real change. Shared by adjustments and the stock feed.
 */
async function setLevel(
  tx: StoreOps, clock: Clock, p: Partition, sku: string, location: string,
  next: (level: InventoryLevel) => { on_hand: number; low_stock_threshold?: number | null },
): Promise<{ level: InventoryLevel; created: boolean } | { failure: RecordFailure }> {
  const now = clock.now().toISOString();
  const { level: before, created } = await tx.inventory.lockLevel(p, sku, location, now);
  const change = next(before);
  if (change.on_hand > MAX_ON_HAND) {
    return { failure: { code: 'VALIDATION_FAILED', field: 'delta', issue: `would take on_hand above ${MAX_ON_HAND}` } };
  }
  if (change.on_hand < before.reserved) {
    return {
      failure: { code: 'INSUFFICIENT_STOCK', field: 'on_hand', issue: `${sku} at ${location} has ${before.reserved} units reserved; on_hand cannot go below that` },
    };
  }
  const threshold = change.low_stock_threshold === undefined ? before.low_stock_threshold : change.low_stock_threshold;
  if (!created && change.on_hand === before.on_hand && threshold === before.low_stock_threshold) return { level: before, created };
  const after: InventoryLevel = {
    ...before, on_hand: change.on_hand, available: change.on_hand - before.reserved, low_stock_threshold: threshold, updated_at: now,
  };
  await tx.inventory.updateLevel(p, after);
  await emitLevelChange(tx, clock, p, created ? null : before, after);
  return { level: after, created };
}

/**
 * The Inventory use cases, free of HTTP.
 *
 * @example
 * const inventory = inventoryService({ store, clock, cursors });
 * const { level, created } = await inventory.adjust(partition, { sku: 'A', location_code: 'WH-1', delta: 5, reason: 'received' });
 */
export function inventoryService({ store, clock, cursors }: { store: Store; clock: Clock; cursors: CursorSigner }) {
  const now = () => clock.now().toISOString();
  const digitalOnly = async (tx: StoreOps, p: Partition, sku: string) => {
    const kind = await productKind(tx, p, sku);
    if (kind === null) throw unknownSku(sku);
    if (kind !== 'digital') throw ApiError.validation([{ field: 'sku', issue: `${sku} is not a digital product; its stock is kept per location` }]);
  };

  return {
    list: (p: Partition, params: InventoryListParams): Promise<ListEnvelope<InventoryLevel>> =>
      listPage(params, pick<InventoryListQuery['filters']>({ ...params, low_stock: params.low_stock || undefined }, ['sku', 'location_code', 'low_stock']), {
        list: INVENTORY_LIST, noun: 'inventory level', fields: FIELDS,
        partition: p, cursors,
        fetch: (query) => store.inventory.list(p, query),
      }),

    async forSku(p: Partition, sku: string) {
      const kind = await productKind(store, p, sku);
      if (kind === null) throw unknownSku(sku);
      if (kind === 'digital') {
        const { available } = await store.inventory.countLicenseKeys(p, sku);
        return { sku, locations: [], totals: { on_hand: available, reserved: 0, available } };
      }
      const locations = await store.inventory.listForSku(p, sku);
      const sum = (f: 'on_hand' | 'reserved' | 'available') => locations.reduce((n, l) => n + l[f], 0);
      return { sku, locations, totals: { on_hand: sum('on_hand'), reserved: sum('reserved'), available: sum('available') } };
    },

    async adjust(p: Partition, input: AdjustmentInput): Promise<{ level: InventoryLevel; created: boolean }> {
      if ((input.set === undefined) === (input.delta === undefined)) {
        throw ApiError.validation([{ field: input.set === undefined ? 'delta' : 'set', issue: 'send exactly one of delta and set' }]);
      }
      return store.transaction(async (tx) => {
        const kind = await productKind(tx, p, input.sku);
        if (kind === null) throw unknownSku(input.sku);
        if (kind === 'digital') {
          throw ApiError.validation([{ field: 'sku', issue: `${input.sku} is digital: add license keys with POST /v1/inventory/licenses` }]);
        }
        const result = await setLevel(tx, clock, p, input.sku, input.location_code, (level) => ({
          on_hand: input.set ?? level.on_hand + (input.delta ?? 0),
        }));
        if ('failure' in result) {
          const { code, issue } = result.failure;
          throw new ApiError(code, code === 'INSUFFICIENT_STOCK' ? `Not enough stock: ${issue}.` : `The adjustment ${issue}.`, [
            { field: input.set !== undefined ? 'set' : 'delta', issue },
          ]);
        }
        return result;
      });
    },

    async addLicenses(p: Partition, sku: string, keys: string[]) {
      return store.transaction(async (tx) => {
        await digitalOnly(tx, p, sku);
        const added = await tx.inventory.addLicenseKeys(p, sku, [...new Set(keys)], now());
        const counts = await tx.inventory.countLicenseKeys(p, sku);
        if (added > 0) await emitLevelChange(tx, clock, p, null, licenseLevel(sku, counts, now()));
        return { sku, added, duplicates: keys.length - added, ...counts };
      });
    },

    async licenseCounts(p: Partition, sku: string) {
      return store.transaction(async (tx) => {
        await digitalOnly(tx, p, sku);
        return { sku, ...(await tx.inventory.countLicenseKeys(p, sku)) };
      });
    },

    async batch(p: Partition, items: BatchLevelInput[], batchLimit: number) {
      const seen = new Map<string, number>();
      const details = [];
      for (const [index, item] of items.entries()) {
        const pair = JSON.stringify([item.sku, item.location_code]);
        const first = seen.get(pair);
        if (first !== undefined) {
          details.push({ index, field: `items.${index}.location_code`, issue: `repeats the sku × location_code pair of item ${first}` });
        } else {
          seen.set(pair, index);
        }
      }
      if (details.length > 0) throw ApiError.validation(details);
      return submitBatch(store, clock, p, 'inventory.batch', items, batchLimit);
    },
  };
}

/** `inventory.batch`: absolute `on_hand` (and threshold) per sku × location; business errors fail only the record. */
export const inventoryRecordProcessor: RecordProcessor = async (tx, p, record, { clock }) => {
  const item = record as BatchLevelInput;
  const kind = await productKind(tx, p, item.sku);
  if (kind === null) return { code: 'NOT_FOUND', field: 'sku', issue: `no product with SKU ${item.sku}` };
  if (kind === 'digital') return { code: 'VALIDATION_FAILED', field: 'sku', issue: `${item.sku} is digital: its stock is its license keys` };
  const result = await setLevel(tx, clock, p, item.sku, item.location_code, () => ({
    on_hand: item.on_hand,
    ...('low_stock_threshold' in item ? { low_stock_threshold: item.low_stock_threshold ?? null } : {}),
  }));
  return 'failure' in result ? result.failure : undefined;
};
