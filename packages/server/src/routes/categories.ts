import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import { categoryService, type CategoryInput, type CategoryListParams } from '../domain/categories/service.js';
import type { RouteFactory } from './types.js';

const partition = (c: Context<AppEnv>) => c.get('auth').partition;
const code = (c: Context<AppEnv>) => c.get('params').path.category_code!;

/**
 * The Categories tag. Parameters and bodies arrive validated against the spec.
 *
 * @example
 * const routes = categoryRoutes(deps); // { listCategories, createCategory, … }
 */
export const categoryRoutes: RouteFactory = (deps) => {
  const categories = categoryService(deps);
  return {
    listCategories: async (c) =>
      c.json(await categories.list(partition(c), c.get('params').query as unknown as CategoryListParams)),

    createCategory: async (c) => {
      const category = await categories.create(partition(c), c.get('body') as CategoryInput & { category_code: string; name: string });
      c.header('Location', `/v1/categories/${encodeURIComponent(category.category_code)}`);
      return c.json({ data: category }, 201);
    },

    getCategory: async (c) => c.json({ data: await categories.get(partition(c), code(c)) }),

    updateCategory: async (c) =>
      c.json({ data: await categories.update(partition(c), code(c), c.get('body') as CategoryInput) }),

    batchUpsertCategories: async (c) => {
      const { items } = c.get('body') as { items: unknown[] };
      const job = await categories.batch(partition(c), items, c.get('auth').key.batch_limit);
      c.header('Location', `/v1/jobs/${job.job_id}`);
      return c.json({ data: job }, 202);
    },
  };
};
