import { errorResponse } from './error-envelope.js';
import { scoped, type Scenario, type ScenarioScope } from './scenario.js';

export { preferExamples, parsePrefer } from './prefer.js';
export { compose, scoped, type Scenario, type ScenarioContext, type ScenarioScope } from './scenario.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * `429 RATE_LIMITED` with `Retry-After`, as the server answers a spent limit.
 *
 * @example
 * mock.use(scenarios.rateLimited({ retryAfterSec: 1, times: 1 })); // the SDK waits 1 s and retries
 */
export function rateLimited(options: ScenarioScope & { retryAfterSec?: number; limit?: number } = {}): Scenario {
  const retryAfter = Math.max(0, Math.ceil(options.retryAfterSec ?? 1));
  return scoped(options, async (request) =>
    errorResponse(request, 'RATE_LIMITED', `Rate limit exceeded; retry in ${retryAfter} s.`, {
      'Retry-After': String(retryAfter),
      'X-RateLimit-Limit': String(options.limit ?? 1000),
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': String(Math.ceil(Date.now() / 1000) + retryAfter),
    }),
  );
}

/**
 * `500 INTERNAL`, or `503 UNAVAILABLE` with `Retry-After` when `status: 503`.
 *
 * @example
 * mock.use(scenarios.serverError({ status: 503, retryAfterSec: 1, times: 1 }));
 */
export function serverError(options: ScenarioScope & { status?: 500 | 503; retryAfterSec?: number } = {}): Scenario {
  return scoped(options, async (request) =>
    options.status === 503
      ? errorResponse(request, 'UNAVAILABLE', 'The service is temporarily unavailable.', { 'Retry-After': String(options.retryAfterSec ?? 1) })
      : errorResponse(request, 'INTERNAL', 'Something went wrong on our side.'),
  );
}

/**
 * Holds matching requests for `ms` before the server answers them.
 *
 * @example
 * mock.use(scenarios.latency(800, { match: 'listProducts' })); // see your spinner
 */
export function latency(ms: number, scope: ScenarioScope = {}): Scenario {
  return scoped(scope, async (request, next) => {
    await sleep(ms);
    return next(request);
  });
}

const NO_JOBS =
  'needs job processing, which @nexuscommerce/server does not have yet (batch and sync jobs stay queued). ' +
  'It will drive the server’s job worker once the server exports one.';

/**
 * Placeholder: will make the next job finish as `failed`. Throws until the server processes jobs,
 * so a test relying on it fails loudly instead of passing for the wrong reason.
 */
export function jobFails(_options: ScenarioScope = {}): Scenario {
  throw new Error(`scenarios.jobFails() ${NO_JOBS}`);
}

/** Placeholder: will make jobs take `ms` to finish. Throws until the server processes jobs. */
export function jobTakes(_ms: number, _options: ScenarioScope = {}): Scenario {
  throw new Error(`scenarios.jobTakes() ${NO_JOBS}`);
}
