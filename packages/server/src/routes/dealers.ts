import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import { dealerService, type DealerInput, type DealerListParams } from '../domain/dealers/service.js';
import type { RouteFactory } from './types.js';

const partition = (c: Context<AppEnv>) => c.get('auth').partition;
const code = (c: Context<AppEnv>) => c.get('params').path.code!;

/**
 * The Dealers tag. Parameters and bodies arrive validated against the spec.
 *
 * @example
 * const routes = dealerRoutes(deps); // { listDealers, createDealer, … }
 */
export const dealerRoutes: RouteFactory = (deps) => {
  const dealers = dealerService(deps);
  return {
    listDealers: async (c) => c.json(await dealers.list(partition(c), c.get('params').query as unknown as DealerListParams)),

    createDealer: async (c) => {
      const dealer = await dealers.create(partition(c), c.get('body') as DealerInput & { code: string; name: string });
      c.header('Location', `/v1/dealers/${encodeURIComponent(dealer.code)}`);
      return c.json({ data: dealer }, 201);
    },

    getDealer: async (c) => c.json({ data: await dealers.get(partition(c), code(c)) }),

    updateDealer: async (c) => c.json({ data: await dealers.update(partition(c), code(c), c.get('body') as DealerInput) }),

    batchUpsertDealers: async (c) => {
      const { items } = c.get('body') as { items: unknown[] };
      const job = await dealers.batch(partition(c), items, c.get('auth').key.batch_limit);
      c.header('Location', `/v1/jobs/${job.job_id}`);
      return c.json({ data: job }, 202);
    },
  };
};
