// Runtime-neutral: no Node built-ins are reachable from here (the Prism runner is `@nexuscommerce/mock/prism`).
export { createMockApi, type IssuedKey, type IssueKeyOptions, type MockApi, type MockApiOptions } from './create-mock-api.js';
export { adjustableClock, type AdjustableClock } from './adjustable-clock.js';
export type { JobMode, JobPlan, MockJobs } from './jobs.js';
export { createOperationMatcher } from './operation-matcher.js';
export type { SpecOperation } from './spec-operations.js';
export { sandboxIdentity, type SandboxIdentity } from './sandbox.js';
export * as scenarios from './scenarios.js';
export type { Scenario, ScenarioContext, ScenarioScope } from './scenario.js';
export { DEFAULT_SEED_SIZE, seedSandbox, type SeedReport, type SeedSize } from './seed.js';
// The server's own signer: the mock signs recorded webhooks as the dispatcher signs deliveries.
export { signWebhook, type WebhookHeaders } from '@nexuscommerce/server';
// Types the mock's own API names, re-exported so they can be written down in a test.
export type { Clock, ErrorCode, Partition, Store } from '@nexuscommerce/server';
export type { RecordedWebhook, WebhookDelivery, WebhookForwarder, WebhookListener, WebhookRecorder } from './webhooks.js';
