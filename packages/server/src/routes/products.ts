import { listProducts, type ListProductsInput } from '../domain/products/list.js';
import type { ProductInput } from '../domain/products/rules.js';
import { productService } from '../domain/products/service.js';
import { accepted, batch, body, created, partition, path, query } from './request.js';
import type { RouteFactory } from './types.js';

type SkuBody = ProductInput & { sku: string };

/**
 * The Products tag. Parameters and bodies arrive validated against the spec.
 *
 * @example
 * const routes = productRoutes(deps); // { listProducts, createProduct, … }
 */
export const productRoutes: RouteFactory = (deps) => {
  const products = productService(deps);
  const sku = (c: Parameters<typeof path>[0]) => path(c).sku!;
  return {
    listProducts: async (c) => c.json(await listProducts(deps.store, deps.cursors, partition(c), query<ListProductsInput>(c))),

    createProduct: async (c) => {
      const product = await products.create(partition(c), body<SkuBody>(c));
      return created(c, `/v1/products/${encodeURIComponent(product.sku)}`, product);
    },

    getProduct: async (c) => c.json({ data: await products.get(partition(c), sku(c)) }),

    updateProduct: async (c) => c.json({ data: await products.update(partition(c), sku(c), body<ProductInput>(c)) }),

    deleteProduct: async (c) => {
      await products.archive(partition(c), sku(c));
      return c.body(null, 204);
    },

    getProductPrice: async (c) => c.json({ data: await products.price(partition(c), sku(c)) }),

    bulkUpdateProducts: async (c) => c.json({ data: await products.bulkUpdate(partition(c), body<{ items: SkuBody[] }>(c).items) }),

    batchUpsertProducts: async (c) => accepted(c, await products.batch(partition(c), batch(c).items, batch(c).limit)),

    syncProduct: async (c) => {
      const { marketplaces } = body<{ marketplaces?: string[] } | undefined>(c) ?? {};
      return accepted(c, await products.sync(partition(c), sku(c), marketplaces));
    },
  };
};
