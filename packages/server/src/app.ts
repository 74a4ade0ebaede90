import { Hono, type MiddlewareHandler } from 'hono';
import { systemClock, type Clock } from './clock.js';
import { DEFAULT_CONFIG, type ServerConfig } from './config.js';
import type { AppEnv, Deps } from './context.js';
import { ApiError, toErrorResponse } from './errors.js';
import { authenticate, authorize } from './middleware/auth.js';
import { jsonBody } from './middleware/body.js';
import { idempotency } from './middleware/idempotency.js';
import { rateLimit } from './middleware/rate-limit.js';
import { requestHead } from './middleware/request-head.js';
import { requestId } from './middleware/request-id.js';
import { timeBudget } from './middleware/time-budget.js';
import { validate } from './middleware/validate.js';
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
import type { RouteTable } from './routes/types.js';
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
  };
  const operations = compileOperations(config.spec ?? bundledSpec);
  const handlers: RouteTable = { ...systemRoutes(deps), ...accountRoutes(deps), ...productRoutes(deps),
    ...categoryRoutes(deps), ...dealerRoutes(deps), ...inventoryRoutes(deps),
    ...customerRoutes(deps), ...walletRoutes(deps), ...orderRoutes(deps),
    ...jobRoutes(deps), ...webhookRoutes(deps) };
  const unknown = Object.keys(handlers).filter((id) => !operations.some((op) => op.operationId === id));
  if (unknown.length > 0) throw new Error(`Handlers for operations missing from the spec: ${unknown.join(', ')}`);

  const app = new Hono<AppEnv>();
  app.use('*', requestId(deps), requestHead(deps));
  for (const op of operations) {
    const handler = handlers[op.operationId];
    // Every operation of the bundled spec has a handler (tenancy.test.ts walks them all); one of a
    // newer spec passed in `config.spec` that this build lacks answers like an unknown route.
    if (!handler) continue;
    app.on([op.method.toUpperCase()], [op.routePath], ...chain(op, deps), handler);
  }
  for (const [path, allowed] of methodsByPath(operations, handlers)) {
    app.all(path, () => {
      throw new ApiError('METHOD_NOT_ALLOWED', `Use ${allowed.join(', ')} on this path.`, [], { Allow: allowed.join(', ') });
    });
  }
  app.notFound((c) => toErrorResponse(new ApiError('NOT_FOUND', `No route ${c.req.method} ${c.req.path}.`), c.get('requestId')));
  app.onError((error, c) => {
    if (error instanceof ApiError) return toErrorResponse(error, c.get('requestId'));
    deps.logger?.error({ request_id: c.get('requestId'), err: error }, 'unhandled error');
    return toErrorResponse(new ApiError('INTERNAL', 'Something went wrong on our side.'), c.get('requestId'));
  });
  return app;
}

/** The middleware chain of one operation, in the order the architecture document gives. */
function chain(op: CompiledOperation, deps: Deps): MiddlewareHandler<AppEnv>[] {
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
    idempotency(op, deps),
  ];
}

function methodsByPath(operations: CompiledOperation[], handlers: RouteTable): Map<string, string[]> {
  const byPath = new Map<string, string[]>();
  for (const op of operations) {
    if (!handlers[op.operationId]) continue;
    const methods = byPath.get(op.routePath) ?? [];
    methods.push(op.method.toUpperCase());
    if (op.method === 'get') methods.push('HEAD');
    byPath.set(op.routePath, methods);
  }
  return byPath;
}
