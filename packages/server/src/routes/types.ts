import type { Handler } from 'hono';
import type { AppEnv, Deps } from '../context.js';

/** Route handlers of one spec tag, keyed by `operationId`; `createApp` mounts them from the spec. */
export type RouteTable = Record<string, Handler<AppEnv>>;

export type RouteFactory = (deps: Deps) => RouteTable;
