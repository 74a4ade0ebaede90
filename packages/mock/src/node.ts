import { bypass } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';
import { createMockApi, type MockApi, type MockApiOptions } from './create-mock-api.js';
import type { WebhookForwarder } from './webhooks.js';

type UnhandledFrame = NonNullable<Parameters<SetupServer['listen']>[0]>['onUnhandledFrame'];

export interface MockServerOptions extends Omit<MockApiOptions, 'forwardWebhook'> {
  /** What `server.listen()` does with requests no handler takes. Default `'error'`: a typo in a URL fails the test. */
  onUnhandledFrame?: UnhandledFrame;
  /** POST every recorded webhook, signed, to this URL (a real one: it bypasses MSW). */
  forwardWebhooksTo?: string;
  /**
   * Deliveries to webhook endpoints made through the API: `'accept'` (default) answers each with
   * `204` inside the mock; `'network'` sends them for real, past MSW, as the server would (e.g. to
   * your receiver on localhost), with its retries on failure. `'network'` also lets endpoints
   * point at loopback and private addresses (`allowPrivateWebhookTargets`) unless you say otherwise.
   */
  deliverWebhooks?: 'accept' | 'network';
}

/**
 * The mock API for Node tests, over `msw/node`. Call `server.listen()` yourself, as with MSW.
 *
 * @example
 * const { server, mock } = setupMockServer({ seed: 1 });
 * beforeAll(() => server.listen());
 * afterEach(() => mock.reset());
 * afterAll(() => server.close());
 */
export function setupMockServer(options: MockServerOptions = {}): { server: SetupServer; mock: MockApi } {
  const { onUnhandledFrame = 'error', forwardWebhooksTo, deliverWebhooks = 'accept', ...rest } = options;
  const mock = createMockApi({
    ...rest,
    ...(forwardWebhooksTo ? { forwardWebhook: forwardTo(forwardWebhooksTo) } : {}),
    ...(deliverWebhooks === 'network'
      ? { webhookReceiver: (request: Request) => fetch(bypass(request)), allowPrivateWebhookTargets: rest.allowPrivateWebhookTargets ?? true }
      : {}),
  });
  const server = setupServer(...mock.handlers);
  const listen = server.listen.bind(server);
  server.listen = (listenOptions = {}) => listen({ onUnhandledFrame, ...listenOptions });
  return { server, mock };
}

/** Delivers a webhook with the headers a real delivery has; failures are recorded, not thrown. */
export function forwardTo(url: string): WebhookForwarder {
  return async (webhook) => {
    const at = new Date().toISOString();
    try {
      const response = await fetch(
        bypass(url, { method: 'POST', headers: { 'content-type': 'application/json', ...webhook.headers }, body: webhook.body }),
        { signal: AbortSignal.timeout(15_000) },
      );
      await response.body?.cancel();
      return { url, status: response.status, at };
    } catch (error) {
      return { url, status: null, error: error instanceof Error ? error.message : String(error), at };
    }
  };
}

export { createMockApi, type IssuedKey, type IssueKeyOptions, type MockApi, type MockApiOptions } from './create-mock-api.js';
export { adjustableClock, type AdjustableClock } from './adjustable-clock.js';
export { CONTROL_PREFIX, createControlApi, type ControlApiOptions } from './control/control-api.js';
export type { AppliedScenario, ScenarioName, ScenarioRequest } from './control/scenario-registry.js';
export { controlDocument, serveMockApi, type ServedMockApi, type ServeOptions } from './serve.js';
export type { JobMode, MockJobs } from './jobs.js';
export * as scenarios from './scenarios.js';
export type { RecordedWebhook, WebhookForwarder, WebhookRecorder } from './webhooks.js';
