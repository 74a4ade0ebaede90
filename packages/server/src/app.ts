import type { Hono, MiddlewareHandler } from 'hono';
import { systemClock, type Clock } from './clock.js';
import { DEFAULT_CONFIG, type ServerConfig } from './config.js';
import type { AppEnv, Deps } from './context.js';
import { appCursorSigner } from './domain/cursor-secret.js';
import { authenticate, authorize } from './middleware/auth.js';
import { jsonBody } from './middleware/body.js';
import { idempotency, type Execute } from './middleware/idempotency.js';
import { rateLimit } from './middleware/rate-limit.js';
import { timeBudget } from './middleware/time-budget.js';
import { validate } from './middleware/validate.js';
import { mountOperations } from './operations-app.js';
import { createMemoryRateLimiter } from './rate-limit/memory.js';
import { accountRoutes } from './routes/account.js';
import { productRoutes } from './routes/products.js';
import { jobRoutes } from './routes/jobs.js';
import { webhookRoutes } from './routes/webhooks.js';
import { categoryRoutes } from './routes/categories.js';
import { dealerRoutes } from './routes/dealers.js';
import { inventoryRoutes } from './routes/inventory.js';
import { customerRoutes } from './routes/customers.js';
import { orderRoutes } from './routes/orders.js';
import { walletRoutes } from './routes/wallets.js';
import { systemRoutes } from './routes/system.js';
import type { RouteFactory, RouteTable } from './routes/types.js';
import { bundledSpec } from './spec/document.js';
import type { Store } from './store/port.js';
import { compileOperations, type CompiledOperation } from './validation/compile.js';

export interface CreateAppOptions {
  store: Store;
  clock?: Clock;
  config?: Partial<ServerConfig>;
}

/**
 * The Partner API as a Hono app over Web `Request`/`Response`: serve it with any runtime
 * adapter, or call `app.fetch(request)` directly (tests, the MSW mock).
 *
 * Operations are mounted from the spec: each gets the middleware chain configured by its
 * spec entry (auth and scope, body, validators, idempotency) in front of its handler.
 *
 * @example
 * const app = createApp({ store: createMemoryStore() });
 * const res = await app.fetch(new Request('http://localhost/v1/health'));
 */
export function createApp(options: CreateAppOptions): Hono<AppEnv> {
  const config: ServerConfig = { ...DEFAULT_CONFIG, ...options.config };
  const deps: Deps = {
    store: options.store,
    clock: options.clock ?? systemClock,
    config,
    limiter: config.rateLimiter ?? createMemoryRateLimiter(),
    logger: config.logger,
    cursors: appCursorSigner(config.cursorSecret, options.store),
  };
  const operations = compileOperations(config.spec ?? bundledSpec);
  const factories: RouteFactory[] = [systemRoutes, accountRoutes, productRoutes, categoryRoutes, dealerRoutes,
    inventoryRoutes, customerRoutes, walletRoutes, orderRoutes, jobRoutes, webhookRoutes];
  const handlers: RouteTable = {};
  const factoryOf = new Map<string, RouteFactory>();
  for (const factory of factories) {
    for (const [id, handler] of Object.entries(factory(deps))) {
      handlers[id] = handler;
      factoryOf.set(id, factory);
    }
  }
  const unknown = Object.keys(handlers).filter((id) => !operations.some((op) => op.operationId === id));
  if (unknown.length > 0) throw new Error(`Handlers for operations missing from the spec: ${unknown.join(', ')}`);

  // A request with an Idempotency-Key runs in one transaction: its handler is made for it, over
  // that transaction (a route table is a few closures; the request costs milliseconds).
  const executeOf = (op: CompiledOperation): Execute => async (c, store) =>
    factoryOf.get(op.operationId)!({ ...deps, store })[op.operationId]!(c, async () => {}) as Promise<Response>;
  return mountOperations(operations, handlers, {
    logger: deps.logger,
    headerLimitBytes: config.headerLimitBytes,
    chain: (op) => chain(op, deps, executeOf(op)),
  });
}

/** The middleware chain of one operation, in the order the architecture document gives. */
function chain(op: CompiledOperation, deps: Deps, execute: Execute): MiddlewareHandler<AppEnv>[] {
  const setOperation: MiddlewareHandler<AppEnv> = async (c, next) => {
    c.set('operation', op);
    return next();
  };
  return [
    setOperation,
    timeBudget(deps),
    authenticate(op, deps),
    rateLimit(op, deps),
    authorize(op, deps),
    jsonBody(op, deps),
    validate(op),
    idempotency(op, deps, execute),
  ];
}
