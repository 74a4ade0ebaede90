import { Hono, type MiddlewareHandler } from 'hono';
import { DEFAULT_CONFIG, type Logger } from './config.js';
import type { AppEnv } from './context.js';
import { ApiError, toErrorResponse } from './errors.js';
import { jsonBody } from './middleware/body.js';
import { requestHead } from './middleware/request-head.js';
import { requestId } from './middleware/request-id.js';
import { validate } from './middleware/validate.js';
import type { RouteTable } from './routes/types.js';
import type { OpenApiDocument } from './spec/document.js';
import { compileOperations, type CompiledOperation } from './validation/compile.js';

export interface MountOptions {
  logger: Logger | undefined;
  /** Larger URLs plus headers are answered 431 before any operation is looked at. */
  headerLimitBytes: number;
  /** The middleware in front of each operation's handler. */
  chain: (op: CompiledOperation) => MiddlewareHandler<AppEnv>[];
}

/**
 * A Hono app with one route per operation that has a handler, behind `chain(op)`. Every answer
 * carries `X-Request-Id`; a head over `headerLimitBytes` answers 431; another method on a known path answers 405 with `Allow`, an unknown
 * path 404, and a thrown error the envelope (`INTERNAL` for anything not an `ApiError`).
 */
export function mountOperations(operations: CompiledOperation[], handlers: RouteTable, options: MountOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', requestId(options), requestHead(options.headerLimitBytes));
  for (const op of operations) {
    const handler = handlers[op.operationId];
    // Every operation of the bundled spec has a handler (tenancy.test.ts walks them all); one of a
    // newer spec passed in `config.spec` that this build lacks answers like an unknown route.
    if (!handler) continue;
    app.on([op.method.toUpperCase()], [op.routePath], ...options.chain(op), handler);
  }
  for (const [path, allowed] of methodsByPath(operations, handlers)) {
    app.all(path, () => {
      throw new ApiError('METHOD_NOT_ALLOWED', `Use ${allowed.join(', ')} on this path.`, [], { Allow: allowed.join(', ') });
    });
  }
  app.notFound((c) => toErrorResponse(new ApiError('NOT_FOUND', `No route ${c.req.method} ${c.req.path}.`), c.get('requestId')));
  app.onError((error, c) => {
    if (error instanceof ApiError) return toErrorResponse(error, c.get('requestId'));
    options.logger?.error({ request_id: c.get('requestId'), err: error }, 'unhandled error');
    return toErrorResponse(new ApiError('INTERNAL', 'Something went wrong on our side.'), c.get('requestId'));
  });
  return app;
}

export interface DocumentAppOptions {
  /** An OpenAPI 3.1 document of its own; every operation needs a handler. */
  spec: OpenApiDocument;
  handlers: RouteTable;
  bodyLimitBytes?: number;
  logger?: Logger;
}

/**
 * A small API beside the Partner API, served from its own OpenAPI document the way the Partner
 * API is: bodies read as JSON (413, 415, 400), parameters and bodies validated against the
 * document (400 with details), the one error envelope, 404 and 405. No keys, limits or
 * idempotency: it is for local tools, such as the mock's control API. Handlers read the
 * validated input from `c.get('params')` and `c.get('body')`.
 *
 * @example
 * const app = createDocumentApp({ spec: controlDocument, handlers: { resetSandbox: (c) => c.json({ data: {} }) } });
 */
export function createDocumentApp(options: DocumentAppOptions): Hono<AppEnv> {
  const operations = compileOperations(options.spec);
  const missing = operations.filter((op) => !options.handlers[op.operationId]).map((op) => op.operationId);
  const unknown = Object.keys(options.handlers).filter((id) => !operations.some((op) => op.operationId === id));
  if (missing.length + unknown.length > 0) {
    throw new Error(`Handlers and document disagree: no handler for [${missing.join(', ')}], no operation for [${unknown.join(', ')}]`);
  }
  const config = { ...DEFAULT_CONFIG, ...(options.bodyLimitBytes ? { bodyLimitBytes: options.bodyLimitBytes } : {}) };
  const setOperation = (op: CompiledOperation): MiddlewareHandler<AppEnv> => async (c, next) => {
    c.set('operation', op);
    return next();
  };
  return mountOperations(operations, options.handlers, {
    logger: options.logger,
    headerLimitBytes: config.headerLimitBytes,
    chain: (op) => [setOperation(op), jsonBody(op, { config }), validate(op)],
  });
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
