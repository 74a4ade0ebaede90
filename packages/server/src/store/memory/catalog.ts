import type { CatalogInsertResult, StoreOps } from '../port.js';
import { CATEGORY_LIST, DEALER_LIST, INVENTORY_LIST, type CategoryRecord, type DealerRecord, type InventoryLevel, type Partition } from '../types.js';
import { keysetPage } from './keyset.js';

/** The catalog's tables of the memory store. */
export interface CatalogMemoryState {
  categories: Map<string, CategoryRecord>;
  dealers: Map<string, DealerRecord>;
  /** Stored without `available`, which is always derived. */
  levels: Map<string, Omit<InventoryLevel, 'available'>>;
  /** Per `partition|sku`: key → the order holding it, or null; insertion order is upload order. */
  licenses: Map<string, Map<string, string | null>>;
}

export function createCatalogMemoryState(): CatalogMemoryState {
  return { categories: new Map(), dealers: new Map(), levels: new Map(), licenses: new Map() };
}

interface Helpers {
  set<K, V>(map: Map<K, V>, key: K, value: V): void;
  part(p: Partition): string;
}

type CatalogOps = Pick<StoreOps,
  | 'insertCategory' | 'getCategory' | 'findCategoryCodeByExternalRef' | 'updateCategory' | 'listCategories' | 'lockCategoryTree' | 'lockValues'
  | 'insertDealer' | 'getDealer' | 'findDealerCodeByExternalRef' | 'updateDealer' | 'listDealers'
  | 'lockInventoryLevel' | 'getInventoryLevel' | 'updateInventoryLevel' | 'listInventory' | 'listInventoryForSku'
  | 'addLicenseKeys' | 'countLicenseKeys'
  | 'reserveStock' | 'releaseStock' | 'consumeReserved' | 'assignLicenseKeys' | 'releaseLicenseKeys'>;

const copy = <T>(value: T): T => structuredClone(value);
const cmp = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);
const lower = (s: string | null) => (s ?? '').toLowerCase();

/**
 * Categories, dealers, stock levels and license keys on plain Maps, with the SQL adapter's
 * semantics (keyset order by sort value then natural key, strings by code unit).
 *
 * @example
 * const catalog = createCatalogMemoryState();
 * return { ...catalogMemoryOps(catalog, { set, part }), … };
 */
export function catalogMemoryOps(state: CatalogMemoryState, { set, part }: Helpers): CatalogOps {
  const rows = <V>(map: Map<string, V>, p: Partition) =>
    [...map.entries()].filter(([k]) => k.startsWith(`${part(p)}|`)).map(([, v]) => v);
  const levelKey = (p: Partition, sku: string, location: string) => `${part(p)}|${sku}|${location}`;
  const withAvailable = (row: Omit<InventoryLevel, 'available'>): InventoryLevel => ({
    sku: row.sku, location_code: row.location_code, on_hand: row.on_hand, reserved: row.reserved,
    available: row.on_hand - row.reserved, low_stock_threshold: row.low_stock_threshold, updated_at: row.updated_at,
  });
  const store = (p: Partition, level: InventoryLevel) => {
    const { available: _derived, ...row } = level;
    set(state.levels, levelKey(p, level.sku, level.location_code), copy(row));
  };
  /** Applies a change to an existing level if `allowed` holds; the memory store runs one transaction at a time. */
  const change = async (p: Partition, sku: string, location: string, allowed: (l: InventoryLevel) => boolean, next: (l: InventoryLevel) => Partial<InventoryLevel>) => {
    const row = state.levels.get(levelKey(p, sku, location));
    if (!row) return 'insufficient' as const;
    const level = withAvailable(row);
    if (!allowed(level)) return 'insufficient' as const;
    store(p, { ...level, ...next(level) });
    return 'ok' as const;
  };
  const licensesOf = (p: Partition, sku: string) => state.licenses.get(`${part(p)}|${sku}`) ?? new Map<string, string | null>();

  return {
    async insertCategory(p, category): Promise<CatalogInsertResult> {
      const id = `${part(p)}|${category.category_code}`;
      if (state.categories.has(id)) return 'duplicate_code';
      if (category.external_ref && rows(state.categories, p).some((r) => r.external_ref === category.external_ref)) return 'duplicate_external_ref';
      set(state.categories, id, copy(category));
      return 'created';
    },
    async getCategory(p, code) {
      const row = state.categories.get(`${part(p)}|${code}`);
      return row ? copy(row) : null;
    },
    async findCategoryCodeByExternalRef(p, externalRef) {
      return rows(state.categories, p).find((r) => r.external_ref === externalRef)?.category_code ?? null;
    },
    async updateCategory(p, category) {
      const id = `${part(p)}|${category.category_code}`;
      if (!state.categories.has(id)) return false;
      set(state.categories, id, copy(category));
      return true;
    },
    async listCategories(p, query) {
      const { parent_code, search } = query.filters;
      const needle = search?.toLowerCase();
      const page = keysetPage(rows(state.categories, p), CATEGORY_LIST, query, (r) =>
        (parent_code === undefined || r.parent_code === parent_code) &&
        (!needle || lower(r.name).includes(needle) || lower(r.category_code).includes(needle)));
      return { ...page, items: page.items.map(copy) };
    },
    async lockCategoryTree() {
      // Transactions of the memory store already run one at a time.
    },
    async lockValues() {
      // As above: nothing can interleave.
    },

    async insertDealer(p, dealer): Promise<CatalogInsertResult> {
      const id = `${part(p)}|${dealer.code}`;
      if (state.dealers.has(id)) return 'duplicate_code';
      if (dealer.external_ref && rows(state.dealers, p).some((r) => r.external_ref === dealer.external_ref)) return 'duplicate_external_ref';
      set(state.dealers, id, copy(dealer));
      return 'created';
    },
    async getDealer(p, code) {
      const row = state.dealers.get(`${part(p)}|${code}`);
      return row ? copy(row) : null;
    },
    async findDealerCodeByExternalRef(p, externalRef) {
      return rows(state.dealers, p).find((r) => r.external_ref === externalRef)?.code ?? null;
    },
    async updateDealer(p, dealer) {
      const id = `${part(p)}|${dealer.code}`;
      if (!state.dealers.has(id)) return false;
      set(state.dealers, id, copy(dealer));
      return true;
    },
    async listDealers(p, query) {
      const { status, search } = query.filters;
      const needle = search?.toLowerCase();
      const page = keysetPage(rows(state.dealers, p), DEALER_LIST, query, (r) =>
        (!status || r.status === status) &&
        (!needle || [r.name, r.code, r.email, r.phone].some((v) => lower(v).includes(needle))));
      return { ...page, items: page.items.map(copy) };
    },

    async lockInventoryLevel(p, sku, location, now) {
      const row = state.levels.get(levelKey(p, sku, location));
      if (row) return { level: withAvailable(copy(row)), created: false };
      const level: InventoryLevel = { sku, location_code: location, on_hand: 0, reserved: 0, available: 0, low_stock_threshold: null, updated_at: now };
      store(p, level);
      return { level, created: true };
    },
    async getInventoryLevel(p, sku, location) {
      const row = state.levels.get(levelKey(p, sku, location));
      return row ? withAvailable(copy(row)) : null;
    },
    async updateInventoryLevel(p, level) {
      store(p, level);
    },
    async listInventory(p, query) {
      const { sku, location_code, low_stock } = query.filters;
      return keysetPage(rows(state.levels, p).map(withAvailable), INVENTORY_LIST, query, (l) =>
        (!sku || l.sku === sku) &&
        (!location_code || l.location_code === location_code) &&
        (!low_stock || (l.low_stock_threshold !== null && l.available < l.low_stock_threshold)));
    },
    async listInventoryForSku(p, sku) {
      return rows(state.levels, p).filter((l) => l.sku === sku).map(withAvailable).map(copy)
        .sort((a, b) => cmp(a.location_code, b.location_code));
    },
    async addLicenseKeys(p, sku, keys) {
      const next = new Map(licensesOf(p, sku));
      let added = 0;
      for (const key of keys) {
        if (next.has(key)) continue;
        next.set(key, null);
        added++;
      }
      if (added > 0) set(state.licenses, `${part(p)}|${sku}`, next);
      return added;
    },
    async countLicenseKeys(p, sku) {
      const holders = [...licensesOf(p, sku).values()];
      const assigned = holders.filter((o) => o !== null).length;
      return { available: holders.length - assigned, assigned };
    },

    reserveStock: (p, sku, location, qty) =>
      change(p, sku, location, (l) => l.available >= qty, (l) => ({ reserved: l.reserved + qty })),
    releaseStock: (p, sku, location, qty) =>
      change(p, sku, location, (l) => l.reserved >= qty, (l) => ({ reserved: l.reserved - qty })),
    consumeReserved: (p, sku, location, qty) =>
      change(p, sku, location, (l) => l.reserved >= qty, (l) => ({ reserved: l.reserved - qty, on_hand: l.on_hand - qty })),
    async assignLicenseKeys(p, sku, count, orderId) {
      const next = new Map(licensesOf(p, sku));
      const free = [...next.entries()].filter(([, o]) => o === null).slice(0, count).map(([k]) => k);
      if (free.length < count) return 'insufficient';
      for (const key of free) next.set(key, orderId);
      set(state.licenses, `${part(p)}|${sku}`, next);
      return free;
    },
    async releaseLicenseKeys(p, sku, orderId) {
      const next = new Map(licensesOf(p, sku));
      let released = 0;
      for (const [key, holder] of next) {
        if (holder !== orderId) continue;
        next.set(key, null);
        released++;
      }
      if (released > 0) set(state.licenses, `${part(p)}|${sku}`, next);
      return released;
    },
  };
}
