import { orderService, type ListOrdersInput, type OrderCreateInput, type OrderUpdateInput } from '../domain/orders/service.js';
import { accepted, batch, body, created, partition, path, query } from './request.js';
import type { RouteFactory } from './types.js';

/**
 * The Orders tag.
 *
 * @example
 * const routes = orderRoutes(deps); // { listOrders, createOrder, … }
 */
export const orderRoutes: RouteFactory = (deps) => {
  const orders = orderService(deps);
  return {
    listOrders: async (c) => c.json(await orders.list(partition(c), query<ListOrdersInput>(c))),

    createOrder: async (c) => {
      const order = await orders.create(partition(c), body<OrderCreateInput>(c));
      return created(c, `/v1/orders/${order.id}`, order);
    },

    getOrder: async (c) => c.json({ data: await orders.get(partition(c), path(c).order_id!) }),

    updateOrder: async (c) => c.json({ data: await orders.update(partition(c), path(c).order_id!, body<OrderUpdateInput>(c)) }),

    // Validation has already wrapped a single order into the `{items: [...]}` form.
    batchImportOrders: async (c) => accepted(c, await orders.batch(partition(c), batch(c).items, batch(c).limit)),
  };
};
