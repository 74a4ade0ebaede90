import { setupWorker, type SetupWorker } from 'msw/browser';
import { createMockApi, type MockApi, type MockApiOptions } from './create-mock-api.js';

export type MockWorkerOptions = Omit<MockApiOptions, 'forwardWebhook'>;

/**
 * The mock API in the browser, over `msw/browser`. Serve MSW's worker script first:
 * `npx nexus-mock init public/`.
 *
 * @example
 * const { worker, mock } = setupMockWorker({ seed: 1, latencyMs: 200 });
 * await worker.start({ onUnhandledFrame: 'bypass' });
 * const nexus = createNexusClient({ apiKey: mock.apiKey, baseUrl: mock.baseUrl });
 */
export function setupMockWorker(options: MockWorkerOptions = {}): { worker: SetupWorker; mock: MockApi } {
  const mock = createMockApi(options);
  return { worker: setupWorker(...mock.handlers), mock };
}

export { createMockApi, type MockApi, type MockApiOptions } from './create-mock-api.js';
export type { JobMode, MockJobs } from './jobs.js';
export * as scenarios from './scenarios.js';
export type { RecordedWebhook, WebhookForwarder, WebhookRecorder } from './webhooks.js';
