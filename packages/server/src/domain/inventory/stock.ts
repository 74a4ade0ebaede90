import type { Clock } from '../../clock.js';
import type { StoreOps } from '../../store/port.js';
import type { InventoryLevel, LicenseCounts } from '../../store/inventory.js';
import type { Partition } from '../../store/partition.js';
import { emit } from '../events.js';

/**
 * Digital SKUs are stocked as license keys, not per location; their `inventory.updated` events
 * describe the key pool as a level at this pseudo-location (`on_hand` = `available` = unassigned keys).
 */
export const LICENSE_LOCATION = 'licenses';

/** Whether a level counts as low stock: it has a threshold and `available` is below it. */
export const isLow = (level: InventoryLevel): boolean =>
  level.low_stock_threshold !== null && level.available < level.low_stock_threshold;

/**
 * Writes `inventory.updated` for a changed level, and `inventory.low` when it crossed from not low
 * (or not existing) to low: once per crossing, not on every change below the threshold.
 *
 * @example
 * await emitLevelChange(tx, clock, p, before, after);
 */
export async function emitLevelChange(tx: StoreOps, clock: Clock, p: Partition, before: InventoryLevel | null, after: InventoryLevel): Promise<void> {
  await emit(tx, clock, p, 'inventory.updated', after);
  if (isLow(after) && !(before && isLow(before))) {
    const { sku, location_code, available, low_stock_threshold } = after;
    await emit(tx, clock, p, 'inventory.low', { sku, location_code, available, low_stock_threshold });
  }
}

/** The license pool of a digital SKU as an `inventory.updated` level. */
export function licenseLevel(sku: string, counts: LicenseCounts, now: string): InventoryLevel {
  return { sku, location_code: LICENSE_LOCATION, on_hand: counts.available, reserved: 0, available: counts.available, low_stock_threshold: null, updated_at: now };
}

type StockOp = 'reserve' | 'release' | 'consume';

/**
 * The order-side stock operations with their events: each calls the store op of the same name
 * inside the caller's transaction, stamps the level's `updated_at`, and emits `inventory.updated`
 * (and `inventory.low` on a crossing). Like the store ops they answer 'insufficient' rather than throw.
 *
 * @example
 * const stock = stockWithEvents(tx, clock);
 * if ((await stock.reserve(p, 'SKU-1', 'WH-1', 2)) === 'insufficient') throw …;
 */
export function stockWithEvents(tx: StoreOps, clock: Clock) {
  const now = () => clock.now().toISOString();
  const run = (op: StockOp, availableDelta: number) => async (p: Partition, sku: string, location: string, qty: number) => {
    const result = await tx.inventory[op](p, sku, location, qty);
    if (result !== 'ok') return result;
    const level = await tx.inventory.getLevel(p, sku, location);
    if (!level) return result;
    const after = { ...level, updated_at: now() };
    await tx.inventory.updateLevel(p, after);
    const before = { ...after, available: after.available - availableDelta * qty };
    await emitLevelChange(tx, clock, p, before, after);
    return result;
  };
  return {
    reserve: run('reserve', -1),
    release: run('release', 1),
    // Reserved units leave on_hand: available does not move.
    consume: run('consume', 0),
    async assignLicenseKeys(p: Partition, sku: string, count: number, orderId: string): Promise<string[] | 'insufficient'> {
      const keys = await tx.inventory.assignLicenseKeys(p, sku, count, orderId);
      if (keys !== 'insufficient' && keys.length > 0) await emitLevelChange(tx, clock, p, null, licenseLevel(sku, await tx.inventory.countLicenseKeys(p, sku), now()));
      return keys;
    },
    async releaseLicenseKeys(p: Partition, sku: string, orderId: string): Promise<number> {
      const released = await tx.inventory.releaseLicenseKeys(p, sku, orderId);
      if (released > 0) await emitLevelChange(tx, clock, p, null, licenseLevel(sku, await tx.inventory.countLicenseKeys(p, sku), now()));
      return released;
    },
  };
}
