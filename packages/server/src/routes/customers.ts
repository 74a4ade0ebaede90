import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import { customerService, type CustomerInput, type ListCustomersInput } from '../domain/customers/service.js';
import type { RouteFactory } from './types.js';

const partition = (c: Context<AppEnv>) => c.get('auth').partition;
const path = (c: Context<AppEnv>) => c.get('params').path;

/**
 * The Customers tag. Parameters and bodies arrive validated against the spec.
 *
 * @example
 * const routes = customerRoutes(deps); // { listCustomers, createCustomer, … }
 */
export const customerRoutes: RouteFactory = (deps) => {
  const customers = customerService(deps);
  return {
    listCustomers: async (c) =>
      c.json(await customers.list(partition(c), c.get('params').query as unknown as ListCustomersInput)),

    createCustomer: async (c) => {
      const customer = await customers.create(partition(c), c.get('body') as CustomerInput & { name: string });
      c.header('Location', `/v1/customers/${customer.id}`);
      return c.json({ data: customer }, 201);
    },

    getCustomer: async (c) => c.json({ data: await customers.get(partition(c), path(c).customer_id!) }),

    updateCustomer: async (c) =>
      c.json({ data: await customers.update(partition(c), path(c).customer_id!, c.get('body') as CustomerInput) }),

    getCustomerByPhone: async (c) => c.json({ data: await customers.getByPhone(partition(c), path(c).phone!) }),
  };
};
