import { categoryService, type CategoryInput, type CategoryListParams } from '../domain/categories/service.js';
import { accepted, batch, body, created, partition, path, query } from './request.js';
import type { RouteFactory } from './types.js';

/**
 * The Categories tag. Parameters and bodies arrive validated against the spec.
 *
 * @example
 * const routes = categoryRoutes(deps); // { listCategories, createCategory, … }
 */
export const categoryRoutes: RouteFactory = (deps) => {
  const categories = categoryService(deps);
  const code = (c: Parameters<typeof path>[0]) => path(c).category_code!;
  return {
    listCategories: async (c) => c.json(await categories.list(partition(c), query<CategoryListParams>(c))),

    createCategory: async (c) => {
      const category = await categories.create(partition(c), body<CategoryInput & { category_code: string; name: string }>(c));
      return created(c, `/v1/categories/${encodeURIComponent(category.category_code)}`, category);
    },

    getCategory: async (c) => c.json({ data: await categories.get(partition(c), code(c)) }),

    updateCategory: async (c) => c.json({ data: await categories.update(partition(c), code(c), body<CategoryInput>(c)) }),

    batchUpsertCategories: async (c) => accepted(c, await categories.batch(partition(c), batch(c).items, batch(c).limit)),
  };
};
