// The runtime-neutral core: nothing Node-only is reachable from here (`pnpm lint` checks it). The
// Node pieces (HTTP server, PGlite/pg clients, Redis limiter, pino) and the background loops that
// run workers, the dispatcher and the janitor live in `@nexuscommerce/server/node`.

export { createApp, type CreateAppOptions } from './app.js';
export { createDocumentApp, type DocumentAppOptions } from './operations-app.js';
export type { AppEnv, ValidatedParams } from './context.js';
export type { RouteTable } from './routes/types.js';
export { systemClock, type Clock } from './clock.js';
export { backgroundTimingFromEnv, DEFAULT_CONFIG, PLAN_LIMITS, type BackgroundTiming, type Logger, type ServerConfig } from './config.js';
export { ApiError, ERROR_STATUS, isUnavailable, toErrorResponse, type ErrorBody, type ErrorCode, type ErrorDetail } from './errors.js';
export {
  ALL_SCOPES,
  createAccount,
  issueApiKey,
  issueKeyOnAccount,
  listKeySummaries,
  revokeApiKey,
  UnknownAccountError,
  type KeySummary,
  type NewKeyOptions,
} from './domain/accounts.js';
export {
  InvalidKeySettingsError,
  keySettingProblems,
  MAX_BATCH_LIMIT,
  MODES,
  PLANS,
  type KeySettingProblem,
  type KeySettings,
} from './domain/key-options.js';
export { isValidGtin } from './domain/products/gtin.js';
export { jobNotifier, type JobNotifier } from './domain/jobs/notifier.js';
export type { ChunkProcessor, JobType, JobTypes, RecordContext, RecordFailure, RecordProcessor } from './domain/jobs/processors.js';
export { createJobWorker, JOB_TYPES } from './domain/job-types.js';
export type { AdvanceOptions, Advanced, JobWorker, JobWorkerOptions } from './domain/jobs/worker.js';
export {
  CATEGORIES,
  createRandom,
  customerBody,
  DEFAULT_SEED_SIZE,
  gtin13,
  LOCATIONS,
  productBody,
  SANDBOX_WEBHOOK_URL,
  seedSandbox,
  type Random,
  type SeedOptions,
  type SeedReport,
  type SeedSize,
} from './seed/index.js';
export { createMemoryRateLimiter } from './rate-limit/memory.js';
export { fromFlexible, type FlexibleLimiter, type RateLimiter, type WindowResult } from './rate-limit/port.js';
export { bundledSpec, type OpenApiDocument } from './spec/document.js';
export { FINISHED_JOB_STATUSES, type JobRecord, type JobRef, type JobState, type JobStatus } from './store/jobs.js';
export type { OutboxEvent } from './store/outbox.js';
export { createMemoryStore } from './store/memory/memory-store.js';
export type { Store, StoreOps } from './store/port.js';
export type { InsertResult, ProductsPort } from './store/products.js';
export type { Migration, SqlClient, SqlExecutor } from './store/sql/client.js';
export { migrate, parseMigrations } from './store/sql/migrate.js';
export { createSqlStore, type SqlStoreOptions } from './store/sql/sql-store.js';
export { createSecretKeyring, newSecretKey, parseSecretKeys, type SecretKeyring } from './secrets/keyring.js';
export { resealWebhookSecrets } from './store/sql/reseal-secrets.js';
export { createWebhookDispatcher, type DispatcherOptions, type WebhookDispatcher } from './domain/webhooks/dispatcher.js';
export { eventBody, type EventEnvelope } from './domain/webhooks/event-body.js';
export { signWebhook, type WebhookHeaders } from './domain/webhooks/signing.js';
export type { Account, ApiKeyRecord, Plan, RateLimits } from './store/accounts.js';
export type { IdempotencyClaim } from './store/idempotency.js';
export type { ListQuery, ListSpec, Page, SortKind } from './store/list.js';
export type { Mode, Partition } from './store/partition.js';
export type { Listing, Product, ProductListQuery, ProductRecord } from './store/products.js';
