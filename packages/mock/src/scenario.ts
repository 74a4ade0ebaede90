import type { JobPlan } from './jobs.js';
import type { SpecOperation } from './spec-operations.js';

/** What a scenario knows about the request besides the request itself. */
export interface ScenarioContext {
  /** The spec operation the request matches, if any. */
  operation: SpecOperation | undefined;
  /** What the job this request queues (if it answers 202) will do; scenarios may fill it in. */
  jobPlan: JobPlan;
}

/**
 * A middleware in front of the server core: answer by itself, or pass the request on with `next`.
 *
 * @example
 * const teapot: Scenario = async (request, next) => (request.method === 'DELETE' ? new Response(null, { status: 418 }) : next(request));
 * mock.use(teapot);
 */
export type Scenario = (request: Request, next: (request: Request) => Promise<Response>, context: ScenarioContext) => Promise<Response>;

/** Which requests a scenario applies to, and how many times. */
export interface ScenarioScope {
  /** Only requests for these operations (`operationId`s), or those the predicate accepts. Default: all. */
  match?: string | string[] | ((request: Request, context: ScenarioContext) => boolean);
  /** Apply to this many matching requests, then step aside. Default: every one. */
  times?: number;
}

/**
 * Limits a scenario to the requests its scope selects.
 *
 * @example
 * const once = scoped({ times: 1, match: 'createProduct' }, (request) => errorResponse(request, 'INTERNAL', 'Boom.'));
 */
export function scoped(scope: ScenarioScope, answer: Scenario): Scenario {
  let remaining = scope.times ?? Number.POSITIVE_INFINITY;
  const matches = (request: Request, context: ScenarioContext) => {
    const { match } = scope;
    if (match === undefined) return true;
    if (typeof match === 'function') return match(request, context);
    const ids = Array.isArray(match) ? match : [match];
    return context.operation !== undefined && ids.includes(context.operation.operationId);
  };
  return async (request, next, context) => {
    if (remaining <= 0 || !matches(request, context)) return next(request);
    remaining--;
    return answer(request, next, context);
  };
}

/** Runs `scenarios` (first is outermost) in front of `last`. */
export function compose(scenarios: Scenario[], last: (request: Request) => Promise<Response>, context: ScenarioContext) {
  return scenarios.reduceRight<(request: Request) => Promise<Response>>((next, scenario) => (request) => scenario(request, next, context), last);
}
