import { describeKey } from '../domain/me.js';
import type { RouteFactory } from './types.js';

/**
 * The Account tag: `GET /v1/me`.
 *
 * @example
 * accountRoutes(deps).getMe;
 */
export const accountRoutes: RouteFactory = (deps) => ({
  getMe: async (c) => c.json({ data: describeKey(c.get('auth').key, deps.config) }),
});
