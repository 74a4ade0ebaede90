import { customerService, type CustomerInput, type ListCustomersInput } from '../domain/customers/service.js';
import { body, created, partition, path, query } from './request.js';
import type { RouteFactory } from './types.js';

/**
 * The Customers tag. Parameters and bodies arrive validated against the spec.
 *
 * @example
 * const routes = customerRoutes(deps); // { listCustomers, createCustomer, … }
 */
export const customerRoutes: RouteFactory = (deps) => {
  const customers = customerService(deps);
  return {
    listCustomers: async (c) => c.json(await customers.list(partition(c), query<ListCustomersInput>(c))),

    createCustomer: async (c) => {
      const customer = await customers.create(partition(c), body<CustomerInput & { name: string }>(c));
      return created(c, `/v1/customers/${customer.id}`, customer);
    },

    getCustomer: async (c) => c.json({ data: await customers.get(partition(c), path(c).customer_id!) }),

    updateCustomer: async (c) => c.json({ data: await customers.update(partition(c), path(c).customer_id!, body<CustomerInput>(c)) }),

    getCustomerByPhone: async (c) => c.json({ data: await customers.getByPhone(partition(c), path(c).phone!) }),
  };
};
