import { dealerService, type DealerInput, type DealerListParams } from '../domain/dealers/service.js';
import { accepted, batch, body, created, partition, path, query } from './request.js';
import type { RouteFactory } from './types.js';

/**
 * The Dealers tag. Parameters and bodies arrive validated against the spec.
 *
 * @example
 * const routes = dealerRoutes(deps); // { listDealers, createDealer, … }
 */
export const dealerRoutes: RouteFactory = (deps) => {
  const dealers = dealerService(deps);
  return {
    listDealers: async (c) => c.json(await dealers.list(partition(c), query<DealerListParams>(c))),

    createDealer: async (c) => {
      const dealer = await dealers.create(partition(c), body<DealerInput & { code: string; name: string }>(c));
      return created(c, `/v1/dealers/${encodeURIComponent(dealer.code)}`, dealer);
    },

    getDealer: async (c) => c.json({ data: await dealers.get(partition(c), path(c).code!) }),

    updateDealer: async (c) => c.json({ data: await dealers.update(partition(c), path(c).code!, body<DealerInput>(c)) }),

    batchUpsertDealers: async (c) => accepted(c, await dealers.batch(partition(c), batch(c).items, batch(c).limit)),
  };
};
