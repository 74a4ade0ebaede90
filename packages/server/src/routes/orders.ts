import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import { orderService, type ListOrdersInput, type OrderCreateInput, type OrderUpdateInput } from '../domain/orders/service.js';
import type { RouteFactory } from './types.js';

const partition = (c: Context<AppEnv>) => c.get('auth').partition;

/**
 * The Orders tag.
 *
 * @example
 * const routes = orderRoutes(deps); // { listOrders, createOrder, … }
 */
export const orderRoutes: RouteFactory = (deps) => {
  const orders = orderService(deps);
  return {
    listOrders: async (c) => c.json(await orders.list(partition(c), c.get('params').query as unknown as ListOrdersInput)),

    createOrder: async (c) => {
      const order = await orders.create(partition(c), c.get('body') as OrderCreateInput);
      c.header('Location', `/v1/orders/${order.id}`);
      return c.json({ data: order }, 201);
    },

    getOrder: async (c) => c.json({ data: await orders.get(partition(c), c.get('params').path.order_id!) }),

    updateOrder: async (c) =>
      c.json({ data: await orders.update(partition(c), c.get('params').path.order_id!, c.get('body') as OrderUpdateInput) }),

    batchImportOrders: async (c) => {
      // Validation has already wrapped a single order into the `{items: [...]}` form.
      const { items } = c.get('body') as { items: unknown[] };
      const job = await orders.batch(partition(c), items, c.get('auth').key.batch_limit);
      c.header('Location', `/v1/jobs/${job.job_id}`);
      return c.json({ data: job }, 202);
    },
  };
};
