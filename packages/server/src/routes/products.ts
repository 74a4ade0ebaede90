import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import { listProducts, type ListProductsInput } from '../domain/products/list.js';
import type { ProductInput } from '../domain/products/rules.js';
import { productService } from '../domain/products/service.js';
import type { RouteFactory } from './types.js';

type SkuBody = ProductInput & { sku: string };

const partition = (c: Context<AppEnv>) => c.get('auth').partition;
const sku = (c: Context<AppEnv>) => c.get('params').path.sku!;

/**
 * The Products tag. Parameters and bodies arrive validated against the spec.
 *
 * @example
 * const routes = productRoutes(deps); // { listProducts, createProduct, … }
 */
export const productRoutes: RouteFactory = (deps) => {
  const products = productService(deps);
  return {
    listProducts: async (c) =>
      c.json(await listProducts(deps.store, partition(c), c.get('params').query as unknown as ListProductsInput)),

    createProduct: async (c) => {
      const product = await products.create(partition(c), c.get('body') as SkuBody);
      c.header('Location', `/v1/products/${encodeURIComponent(product.sku)}`);
      return c.json({ data: product }, 201);
    },

    getProduct: async (c) => c.json({ data: await products.get(partition(c), sku(c)) }),

    updateProduct: async (c) =>
      c.json({ data: await products.update(partition(c), sku(c), c.get('body') as ProductInput) }),

    deleteProduct: async (c) => {
      await products.archive(partition(c), sku(c));
      return c.body(null, 204);
    },

    getProductPrice: async (c) => c.json({ data: await products.price(partition(c), sku(c)) }),

    bulkUpdateProducts: async (c) => {
      const { items } = c.get('body') as { items: SkuBody[] };
      return c.json({ data: await products.bulkUpdate(partition(c), items) });
    },

    batchUpsertProducts: async (c) => {
      const { items } = c.get('body') as { items: unknown[] };
      const job = await products.batch(partition(c), items, c.get('auth').key.batch_limit);
      c.header('Location', `/v1/jobs/${job.job_id}`);
      return c.json({ data: job }, 202);
    },

    syncProduct: async (c) => {
      const body = (c.get('body') ?? {}) as { marketplaces?: string[] };
      const job = await products.sync(partition(c), sku(c), body.marketplaces);
      c.header('Location', `/v1/jobs/${job.job_id}`);
      return c.json({ data: job }, 202);
    },
  };
};
