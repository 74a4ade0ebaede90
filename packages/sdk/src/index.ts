/**
 * @nexuscommerce/sdk: the typed NexusCommerce Partner API client.
 * Webhook verification lives in `@nexuscommerce/sdk/webhooks`.
 * @example
 * import { createNexusClient, RateLimitError } from '@nexuscommerce/sdk';
 * const nexus = createNexusClient({ apiKey: process.env.NEXUS_API_KEY! });
 * const job = await nexus.products.batch({ items: products });
 * const done = await job.wait();
 */
export { type NexusClient, type NexusClientOptions, createNexusClient, environments } from './client.js';
export {
  AbortError,
  ApiError,
  type ApiErrorInit,
  AuthenticationError,
  ConflictError,
  ConnectionError,
  JobFailedError,
  NexusError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  type RequestContext,
  ServerError,
  TimeoutError,
  ValidationError,
  WebhookVerificationError,
  type WebhookVerificationReason,
} from './errors.js';
export {
  type IngestOptions,
  type IngestProgress,
  type IngestRecordError,
  type IngestResult,
  type SubmitBatch,
  ingest,
} from './ingest.js';
export type { Clock } from './internal/clock.js';
export { type GetJob, JobHandle, type JobHandleInit, type ListJobs, type ReadOptions, type WaitOptions } from './jobs.js';
export { type FetchPage, type ListEnvelope, Page, PagePromise, paginate } from './pagination.js';
export type { Method, OperationSpec, ResourceTable, Resources, Verb } from './resource-types.js';
export { type RetryPolicy, defaultRetryPolicy } from './retry.js';
export type {
  ClientPaths,
  ErrorCode,
  ErrorDetail,
  Job,
  JobAccepted,
  JobRecordError,
  JobStatus,
  ListMeta,
  Schemas,
  WebhookEvent,
  WebhookEventMap,
  components,
  operations,
  paths,
  webhooks,
} from './schema.js';
export { type CallOptions, type FetchLike, type Transport, type TransportOptions, createTransport } from './transport.js';
export { VERSION } from './version.js';
