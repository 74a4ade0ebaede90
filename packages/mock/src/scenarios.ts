import { errorResponse } from './error-envelope.js';
import type { ErrorCode } from '@nexuscommerce/server';
import { scoped, type Scenario, type ScenarioContext, type ScenarioScope } from './scenario.js';

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

/** Requests of operations that answer `202` with a job (the `…/batch` and `…/sync` ones). */
const queuesJob = (_request: Request, context: ScenarioContext) => context.operation?.operation.responses?.['202'] !== undefined;

/**
 * The jobs of matching requests fail: every record is refused with `code` (default `INTERNAL`)
 * instead of being applied, so the job ends `failed` with one error per record. By default it
 * applies to every request that queues a job.
 *
 * @example
 * mock.use(scenarios.jobFails({ times: 1 }));
 * const job = await nexus.products.batch({ items }); // then: job.wait() resolves `failed`
 */
export function jobFails(options: ScenarioScope & { code?: ErrorCode; issue?: string } = {}): Scenario {
  const fails = { code: options.code ?? 'INTERNAL', issue: options.issue ?? 'The record could not be applied.' };
  return scoped({ ...options, match: options.match ?? queuesJob }, (request, next, context) => {
    context.jobPlan.fails = fails;
    return next(request);
  });
}

/**
 * The jobs of matching requests take `ms` of the mock's clock: their records are applied evenly
 * over that time, so `progress` climbs as the clock moves (with a test clock, as the test moves it).
 *
 * @example
 * mock.use(scenarios.jobTakes(3000)); // a progress bar fills over three seconds
 */
export function jobTakes(ms: number, options: ScenarioScope = {}): Scenario {
  if (!(ms >= 0)) throw new RangeError(`jobTakes(ms) needs a duration of 0 or more milliseconds, got ${ms}.`);
  return scoped({ ...options, match: options.match ?? queuesJob }, (request, next, context) => {
    context.jobPlan.takesMs = ms;
    return next(request);
  });
}
