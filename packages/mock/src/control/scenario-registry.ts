import { ApiError, ERROR_STATUS, type ErrorCode, type ErrorDetail } from '@nexuscommerce/server';
import type { MockApi } from '../create-mock-api.js';
import type { Scenario, ScenarioScope } from '../scenario.js';
import { jobFails, jobTakes, latency, rateLimited, serverError } from '../scenarios.js';

/** A `POST /__mock/scenarios` body, as the control document describes it (already validated). */
export interface ScenarioRequest {
  name: ScenarioName;
  match?: string | string[];
  times?: number;
  retry_after_sec?: number;
  limit?: number;
  status?: 500 | 503;
  ms?: number;
  code?: string;
  issue?: string;
}

export type ScenarioName = 'rate_limited' | 'server_error' | 'latency' | 'job_fails' | 'job_takes';

export interface AppliedScenario {
  id: string;
  name: ScenarioName;
  options: Omit<ScenarioRequest, 'name'>;
}

type Options = Omit<ScenarioRequest, 'name' | 'match' | 'times'>;

/** Each name: the options it takes (besides `match` and `times`) and the scenario it makes. */
const FACTORIES: Record<ScenarioName, { takes: (keyof Options)[]; make(o: Options, scope: ScenarioScope): Scenario }> = {
  rate_limited: { takes: ['retry_after_sec', 'limit'], make: (o, scope) => rateLimited({ ...scope, retryAfterSec: o.retry_after_sec, limit: o.limit }) },
  server_error: { takes: ['status', 'retry_after_sec'], make: (o, scope) => serverError({ ...scope, status: o.status, retryAfterSec: o.retry_after_sec }) },
  latency: { takes: ['ms'], make: (o, scope) => latency(o.ms!, scope) },
  job_fails: { takes: ['code', 'issue'], make: (o, scope) => jobFails({ ...scope, code: o.code as ErrorCode | undefined, issue: o.issue }) },
  job_takes: { takes: ['ms'], make: (o, scope) => jobTakes(o.ms!, scope) },
};

/**
 * The scenarios the control API put in front of the mock, by id. The mock itself forgets them
 * on `reset()`; `forget()` keeps this list in step.
 */
export function createScenarioRegistry(mock: MockApi, operationIds: ReadonlySet<string>) {
  let applied: Array<AppliedScenario & { remove: () => void }> = [];
  let next = 1;
  const view = ({ id, name, options }: AppliedScenario): AppliedScenario => ({ id, name, options });

  return {
    /** Newest first: the order they run in. */
    list: () => applied.map(view),
    apply(request: ScenarioRequest): AppliedScenario {
      const { name, match, times, ...options } = request;
      const factory = FACTORIES[name];
      const details: ErrorDetail[] = [];
      for (const option of Object.keys(options) as (keyof Options)[]) {
        if (!factory.takes.includes(option)) details.push({ field: option, issue: `is not an option of ${name} (it takes ${[...factory.takes, 'match', 'times'].join(', ')})` });
      }
      const ids = match === undefined ? [] : Array.isArray(match) ? match : [match];
      ids.forEach((id, i) => {
        if (!operationIds.has(id)) details.push({ field: Array.isArray(match) ? `match.${i}` : 'match', issue: `${id} is not an operationId of the Partner API` });
      });
      if (options.code !== undefined && !(options.code in ERROR_STATUS)) details.push({ field: 'code', issue: `${options.code} is not an error code of the Partner API` });
      if (details.length > 0) throw ApiError.validation(details);
      const scope: ScenarioScope = { ...(match === undefined ? {} : { match }), ...(times === undefined ? {} : { times }) };
      const remove = mock.use(factory.make(options, scope));
      const { name: _name, ...given } = request;
      const entry = { id: `scn_${next++}`, name, options: given, remove };
      applied = [entry, ...applied];
      return view(entry);
    },
    /** False when there is no scenario with that id. */
    remove(id: string): boolean {
      const entry = applied.find((s) => s.id === id);
      entry?.remove();
      applied = applied.filter((s) => s !== entry);
      return entry !== undefined;
    },
    clear() {
      for (const entry of applied) entry.remove();
      applied = [];
    },
    /** After `mock.reset()`, which has removed them already. */
    forget() {
      applied = [];
    },
  };
}
