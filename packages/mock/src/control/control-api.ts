import {
  ApiError,
  bundledSpec,
  createDocumentApp,
  InvalidKeySettingsError,
  type AppEnv,
  type JobState,
  type KeySettingProblem,
  type RouteTable,
} from '@nexuscommerce/server';
import type { OpenApiDocument } from '@nexuscommerce/spec';
import type { Context } from 'hono';
import type { AdjustableClock } from '../adjustable-clock.js';
import type { IssueKeyOptions, MockApi } from '../create-mock-api.js';
import { listOperations } from '../spec-operations.js';
import { createScenarioRegistry, type ScenarioRequest } from './scenario-registry.js';

/** The control document's field for each key setting the server can refuse. */
const KEY_SETTING_FIELDS: Record<KeySettingProblem['setting'], string> = {
  mode: 'mode',
  name: 'name',
  scopes: 'scopes',
  plan: 'plan',
  rateLimits: 'rate_limits',
  batchLimit: 'batch_limit',
  expiresAt: 'expires_at',
  ipAllowlist: 'ip_allowlist',
};

/** Where the control API lives beside the Partner API. */
export const CONTROL_PREFIX = '/__mock';

export interface ControlApiOptions {
  mock: MockApi;
  /** The clock the mock was created with; `POST /__mock/clock/advance` moves it. */
  clock: AdjustableClock;
  seed: number;
  /** The control API's OpenAPI document (`openapi/control.yaml`, bundled to JSON). */
  document: OpenApiDocument;
  /** The origin the Partner API is served at, as clients reach it. */
  baseUrl: string;
}

const body = <T>(c: Context<AppEnv>) => (c.get('body') ?? {}) as T;
const data = (c: Context<AppEnv>, value: unknown, status: 200 | 201 = 200) => c.json({ data: value }, status);
const noContent = (c: Context<AppEnv>) => c.body(null, 204);

/** A job as `stepJob` shows it: its progress, not its errors or lease. */
const progress = ({ id, type, status, total, processed, succeeded, failed }: JobState) => ({ id, type, status, total, processed, succeeded, failed });

/**
 * The mock's control API: one handler per operation of the control document, served the way
 * the Partner API is (bodies and parameters validated against the document, the one error
 * envelope). Runtime-neutral; `serveMockApi` puts it beside the Partner API.
 *
 * @example
 * const control = createControlApi({ mock, clock, seed: 1, document, baseUrl: 'http://127.0.0.1:4010' });
 * await control.fetch(new Request('http://127.0.0.1:4010/__mock/reset', { method: 'POST' }));
 */
export function createControlApi(options: ControlApiOptions): { fetch(request: Request): Promise<Response> } {
  const { mock, clock } = options;
  const partnerOperations = new Set(listOperations(bundledSpec as unknown as OpenApiDocument).map((op) => op.operationId));
  const scenarios = createScenarioRegistry(mock, partnerOperations);
  const mode = (c: Context<AppEnv>) => data(c, { mode: mock.jobs.mode });
  const clockNow = (c: Context<AppEnv>) => data(c, { now: clock.now().toISOString(), offset_ms: clock.offsetMs });

  const handlers: RouteTable = {
    getSandbox: (c) =>
      data(c, { base_url: options.baseUrl, api_key: mock.apiKey, account_id: mock.accountId, seed: options.seed, webhook_secret: mock.webhooks.secret }),
    resetSandbox: async (c) => {
      const { created, skipped } = await mock.reset();
      scenarios.forget();
      // The fresh store holds no times from the moved clock, so it can go back to real time.
      clock.reset();
      return data(c, { created, skipped });
    },
    listScenarios: (c) => data(c, scenarios.list()),
    applyScenario: (c) => data(c, scenarios.apply(body<ScenarioRequest>(c)), 201),
    clearScenarios: (c) => {
      scenarios.clear();
      return noContent(c);
    },
    removeScenario: (c) => {
      const id = c.get('params').path.scenario_id!;
      if (!scenarios.remove(id)) throw ApiError.notFound(`No scenario ${id} is in place.`);
      return noContent(c);
    },
    getJobMode: mode,
    holdJobs: (c) => {
      mock.jobs.mode = 'manual';
      return mode(c);
    },
    releaseJobs: (c) => {
      mock.jobs.mode = 'auto';
      return mode(c);
    },
    stepJobs: async (c) => data(c, { applied: await mock.jobs.step(body<{ records?: number }>(c).records ?? 1) }),
    runAllJobs: async (c) => {
      await mock.jobs.runAll();
      return noContent(c);
    },
    stepJob: async (c) => {
      const id = c.get('params').path.job_id!;
      const stepped = await mock.jobs.stepJob(id, body<{ records?: number }>(c).records ?? 1);
      if (!stepped) throw ApiError.notFound(`No job ${id} in this sandbox.`);
      return data(c, { applied: stepped.applied, job: progress(stepped.job) });
    },
    getClock: clockNow,
    advanceClock: (c) => {
      clock.advance(body<{ ms: number }>(c).ms);
      return clockNow(c);
    },
    listRecordedWebhooks: (c) => {
      const type = c.get('params').query.type as string | undefined;
      const hooks = mock.webhooks.list(type).map(({ id, type, created_at, data, body, headers }) => ({ id, type, created_at, data, body, headers }));
      return c.json({ data: hooks, meta: { count: hooks.length, secret: mock.webhooks.secret } });
    },
    clearRecordedWebhooks: (c) => {
      mock.webhooks.clear();
      return noContent(c);
    },
    issueKey: async (c) => {
      const request = body<IssueKeyOptions>(c);
      try {
        const key = await mock.issueKey({ ...request, name: request.name ?? 'control' });
        return data(c, { api_key: key.apiKey, prefix: key.prefix, mode: key.mode, name: key.name, scopes: key.scopes, plan: key.plan }, 201);
      } catch (error) {
        if (error instanceof RangeError) throw ApiError.validation([{ field: 'scopes', issue: error.message }]);
        // The server refuses settings a key could not work with (no scopes, an empty name, …).
        if (error instanceof InvalidKeySettingsError) throw ApiError.validation(error.problems.map((p) => ({ field: KEY_SETTING_FIELDS[p.setting], issue: p.message })));
        throw error;
      }
    },
    getControlDocument: (c) => c.json(options.document),
  };
  const app = createDocumentApp({ spec: options.document, handlers });
  return { fetch: async (request) => app.fetch(request) };
}
