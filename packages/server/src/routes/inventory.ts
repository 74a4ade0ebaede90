import {
  inventoryService,
  type AdjustmentInput,
  type BatchLevelInput,
  type InventoryListParams,
} from '../domain/inventory/service.js';
import { accepted, batch, body, created, partition, path, query } from './request.js';
import type { RouteFactory } from './types.js';

/**
 * The Inventory tag. Parameters and bodies arrive validated against the spec.
 *
 * @example
 * const routes = inventoryRoutes(deps); // { listInventory, adjustInventory, … }
 */
export const inventoryRoutes: RouteFactory = (deps) => {
  const inventory = inventoryService(deps);
  return {
    listInventory: async (c) =>
      c.json(await inventory.list(partition(c), query<InventoryListParams>(c))),

    getInventoryForSku: async (c) => c.json({ data: await inventory.forSku(partition(c), path(c).sku!) }),

    adjustInventory: async (c) => {
      const { level, created: isNew } = await inventory.adjust(partition(c), body<AdjustmentInput>(c));
      if (!isNew) return c.json({ data: level });
      // The new level is read back with the SKU's levels: there is no URL for one location alone.
      return created(c, `/v1/inventory/${encodeURIComponent(level.sku)}`, level);
    },

    batchSetInventory: async (c) => accepted(c, await inventory.batch(partition(c), batch(c).items as BatchLevelInput[], batch(c).limit)),

    addLicenses: async (c) => {
      const { sku, keys } = body<{ sku: string; keys: string[] }>(c);
      return created(c, `/v1/inventory/licenses?sku=${encodeURIComponent(sku)}`, await inventory.addLicenses(partition(c), sku, keys));
    },

    getLicenseCounts: async (c) =>
      c.json({ data: await inventory.licenseCounts(partition(c), String(query<{ sku: string }>(c).sku)) }),
  };
};
