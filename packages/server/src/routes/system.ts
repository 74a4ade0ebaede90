import type { RouteFactory } from './types.js';

/**
 * The System tag: `GET /v1/health`, no authentication. The only answer not wrapped in
 * `{data}` (the spec's choice, so load balancers can read it).
 *
 * @example
 * systemRoutes(deps).getHealth;
 */
export const systemRoutes: RouteFactory = (deps) => ({
  getHealth: async (c) =>
    c.json({ status: 'ok', version: deps.config.version, timestamp: deps.clock.now().toISOString() }),
});
