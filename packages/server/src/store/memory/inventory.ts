import { INVENTORY_LIST, type InventoryLevel, type InventoryPort, type StockMove } from '../inventory.js';
import type { Journal } from './journal.js';
import { bucketOf, listSorts, tablePage } from './keyset.js';
import { partKey, Table } from './table.js';

interface LicenseRow {
  sku: string;
  key: string;
  /** Upload order: keys are handed out oldest first. */
  seq: number;
  order_id: string | null;
}

const ALL = Number.POSITIVE_INFINITY;

/**
 * Stock levels and license keys in memory. Levels are a declared table (indexed by SKU and by
 * location); the guarded moves are "check, then write", safe because transactions run one at a
 * time. Keys are a table too, with the free keys of each SKU in an index by upload order.
 *
 * @example
 * const inventory = memoryInventory(journal);
 */
export function memoryInventory(journal: Journal): InventoryPort {
  const levels = new Table<InventoryLevel>({
    keys: ['sku', 'location_code'],
    sorts: listSorts(INVENTORY_LIST),
    buckets: { sku: (l) => l.sku, location_code: (l) => l.location_code },
  }, journal);
  const licenses = new Table<LicenseRow>({
    keys: ['sku', 'key'],
    sorts: { seq: (r) => r.seq },
    buckets: {
      sku: (r) => r.sku,
      free: (r) => (r.order_id === null ? r.sku : null),
      held: (r) => (r.order_id === null ? null : `${r.sku}\u0000${r.order_id}`),
    },
  }, journal);
  // Like a SQL sequence: it only moves forward, even when a transaction rolls back.
  let seq = 0;

  const level = (part: string, sku: string, location: string) => levels.get(part, levels.key([sku, location]));
  const store = (part: string, l: InventoryLevel) => levels.write(part, { ...l, available: l.on_hand - l.reserved });
  /** Changes an existing level if `allowed` holds. */
  const move = (part: string, sku: string, location: string, allowed: (l: InventoryLevel) => boolean, change: (l: InventoryLevel) => Partial<InventoryLevel>): StockMove => {
    const current = level(part, sku, location);
    if (!current || !allowed(current)) return 'insufficient';
    store(part, { ...current, ...change(current) });
    return 'ok';
  };

  return {
    async lockLevel(p, sku, location, now) {
      const current = level(partKey(p), sku, location);
      if (current) return { level: current, created: false };
      const created = store(partKey(p), { sku, location_code: location, on_hand: 0, reserved: 0, available: 0, low_stock_threshold: null, updated_at: now });
      return { level: created, created: true };
    },
    getLevel: async (p, sku, location) => level(partKey(p), sku, location) ?? null,
    async updateLevel(p, l) {
      store(partKey(p), l);
    },
    async list(p, query) {
      const { sku, location_code, low_stock } = query.filters;
      const bucket = bucketOf([['sku', sku], ['location_code', location_code]]);
      return tablePage(levels, partKey(p), INVENTORY_LIST, query, {
        ...(bucket ? { bucket } : {}),
        ...(low_stock || (sku && location_code)
          ? { where: (l: InventoryLevel) => (!location_code || l.location_code === location_code) && (!low_stock || (l.low_stock_threshold !== null && l.available < l.low_stock_threshold)) }
          : {}),
      });
    },
    listForSku: async (p, sku) => levels.page(partKey(p), { sort: 'location_code', order: 'asc', limit: ALL, bucket: ['sku', sku] }).items,
    reserve: async (p, sku, location, qty) => move(partKey(p), sku, location, (l) => l.available >= qty, (l) => ({ reserved: l.reserved + qty })),
    release: async (p, sku, location, qty) => move(partKey(p), sku, location, (l) => l.reserved >= qty, (l) => ({ reserved: l.reserved - qty })),
    consume: async (p, sku, location, qty) =>
      move(partKey(p), sku, location, (l) => l.reserved >= qty, (l) => ({ reserved: l.reserved - qty, on_hand: l.on_hand - qty })),

    async addLicenseKeys(p, sku, keys) {
      const part = partKey(p);
      let added = 0;
      for (const key of keys) {
        if (licenses.get(part, licenses.key([sku, key]))) continue;
        licenses.write(part, { sku, key, seq: ++seq, order_id: null });
        added++;
      }
      return added;
    },
    async countLicenseKeys(p, sku) {
      const available = licenses.count(partKey(p), ['free', sku]);
      return { available, assigned: licenses.count(partKey(p), ['sku', sku]) - available };
    },
    async assignLicenseKeys(p, sku, count, orderId) {
      const part = partKey(p);
      const free = licenses.page(part, { sort: 'seq', order: 'asc', limit: count, bucket: ['free', sku] }).items;
      if (free.length < count) return 'insufficient';
      for (const row of free) licenses.write(part, { ...row, order_id: orderId });
      return free.map((row) => row.key);
    },
    async releaseLicenseKeys(p, sku, orderId) {
      const part = partKey(p);
      const held = licenses.page(part, { sort: 'seq', order: 'asc', limit: ALL, bucket: ['held', `${sku}\u0000${orderId}`] }).items;
      for (const row of held) licenses.write(part, { ...row, order_id: null });
      return held.length;
    },
  };
}
