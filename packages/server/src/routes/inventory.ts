import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import {
  inventoryService,
  type AdjustmentInput,
  type BatchLevelInput,
  type InventoryListParams,
} from '../domain/inventory/service.js';
import type { RouteFactory } from './types.js';

const partition = (c: Context<AppEnv>) => c.get('auth').partition;

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
      c.json(await inventory.list(partition(c), c.get('params').query as unknown as InventoryListParams)),

    getInventoryForSku: async (c) => c.json({ data: await inventory.forSku(partition(c), c.get('params').path.sku!) }),

    adjustInventory: async (c) => {
      const { level, created } = await inventory.adjust(partition(c), c.get('body') as AdjustmentInput);
      return c.json({ data: level }, created ? 201 : 200);
    },

    batchSetInventory: async (c) => {
      const { items } = c.get('body') as { items: BatchLevelInput[] };
      const job = await inventory.batch(partition(c), items, c.get('auth').key.batch_limit);
      c.header('Location', `/v1/jobs/${job.job_id}`);
      return c.json({ data: job }, 202);
    },

    addLicenses: async (c) => {
      const { sku, keys } = c.get('body') as { sku: string; keys: string[] };
      const result = await inventory.addLicenses(partition(c), sku, keys);
      c.header('Location', `/v1/inventory/licenses?sku=${encodeURIComponent(sku)}`);
      return c.json({ data: result }, 201);
    },

    getLicenseCounts: async (c) =>
      c.json({ data: await inventory.licenseCounts(partition(c), String(c.get('params').query.sku)) }),
  };
};
