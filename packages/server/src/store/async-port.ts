import type { ErrorCode } from '../errors.js';
import { listSpec, type ListQuery } from './list.js';
import type { JobRecord, OutboxEvent, Page, Partition } from './types.js';

/** Records and store operations of jobs (progress, leases) and webhooks (endpoints, deliveries). */

export interface BatchErrorRecord {
  index: number;
  code: ErrorCode;
  field: string;
  issue: string;
}

/** Only the first this-many record errors are kept on a job; `failed` counts them all. */
export const MAX_JOB_ERRORS = 1000;

export type JobStatus = JobRecord['status'];
export const FINISHED_JOB_STATUSES: readonly JobStatus[] = ['succeeded', 'partially_failed', 'failed', 'cancelled'];

/** A job with its progress and lease, as workers and the Jobs routes see it. */
/** A job without its input: what progress reads and lists need (the input can be megabytes). */
export interface JobState extends Omit<JobRecord, 'payload'> {
  /** Records done so far; also the index of the next record (the worker's cursor). */
  processed: number;
  succeeded: number;
  failed: number;
  errors: BatchErrorRecord[];
  started_at: string | null;
  finished_at: string | null;
  lease_owner: string | null;
  lease_expires_at: string | null;
}

export interface ClaimedJob extends JobState {
  partition: Partition;
  /** The job's input, read once per claim. */
  payload: unknown;
}

export interface JobPatch {
  status?: JobStatus;
  processed?: number;
  succeeded?: number;
  failed?: number;
  /** Appended to `errors` unless MAX_JOB_ERRORS are kept already. */
  appendError?: BatchErrorRecord;
  finished_at?: string;
  lease_owner?: string | null;
  lease_expires_at?: string | null;
}

export type JobListQuery = ListQuery<{ type?: string; status?: JobStatus }, 'created_at'>;
export const JOB_LIST = listSpec<JobState>()({ keys: ['id'], sorts: { created_at: { column: 'created_at', kind: 'timestamp' } } });

export interface WebhookEndpointRecord {
  id: string;
  url: string;
  events: string[];
  description: string | null;
  enabled: boolean;
  disabled_reason: 'manual' | 'gone' | null;
  /** `whsec_…`. Kept as is: HMAC signing needs the key itself (see migration 004). */
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: string | null;
  created_at: string;
  updated_at: string;
}

export type WebhookListQuery = ListQuery<Record<string, never>, 'created_at' | 'updated_at'>;
export const WEBHOOK_LIST = listSpec<WebhookEndpointRecord>()({
  keys: ['id'],
  sorts: { created_at: { column: 'created_at', kind: 'timestamp' }, updated_at: { column: 'updated_at', kind: 'timestamp' } },
});

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface WebhookDeliveryRecord {
  id: string;
  endpoint_id: string;
  url: string;
  event_id: string;
  event_type: string;
  /** The exact JSON body of every attempt. */
  payload: string;
  attempt: number;
  status: DeliveryStatus;
  status_code: number | null;
  duration_ms: number | null;
  request_id: string;
  next_retry_at: string | null;
  delivered_at: string | null;
  /** While an attempt is in flight, other dispatchers skip the delivery until then. */
  locked_until: string | null;
  created_at: string;
}

export type DeliveryListQuery = ListQuery<{ endpoint_id: string; status?: DeliveryStatus; event_type?: string }, 'created_at'>;
export const DELIVERY_LIST = listSpec<WebhookDeliveryRecord>()({ keys: ['id'], sorts: { created_at: { column: 'created_at', kind: 'timestamp' } } });

export interface DueDelivery extends WebhookDeliveryRecord {
  partition: Partition;
}

export interface UnpublishedEvent extends Omit<OutboxEvent, 'request_id'> {
  partition: Partition;
  /** The request that caused the event, when the emitter recorded it. */
  request_id: string | null;
}

/** Names one job across partitions. */
export interface JobRef {
  partition: Partition;
  id: string;
}

/** How far behind the asynchronous work is, across every partition (the health check). */
export interface Backlog {
  /** `created_at` of the oldest job still `queued`. */
  oldestQueuedJobAt: string | null;
  /** `created_at` of the oldest event not yet turned into deliveries. */
  oldestUnpublishedEventAt: string | null;
}

export interface AsyncStoreOps {
  listJobs(p: Partition, query: JobListQuery): Promise<Page<JobState>>;
  /** `forUpdate` locks the row until the transaction ends (SQL). */
  getJobState(p: Partition, id: string, options?: { forUpdate?: boolean }): Promise<JobState | null>;
  /**
   * Takes the oldest job of one of `types` that is queued, or running under an expired lease
   * (its worker died): it becomes `running`, leased to `owner` until `leaseUntil`.
   * SQL uses `FOR UPDATE SKIP LOCKED`, so concurrent workers never claim the same job.
   * With `only`, that job or none.
   */
  claimJob(input: { owner: string; now: string; leaseUntil: string; types: string[]; only?: JobRef }): Promise<ClaimedJob | null>;
  updateJob(p: Partition, id: string, patch: JobPatch): Promise<void>;

  insertWebhookEndpoint(p: Partition, endpoint: WebhookEndpointRecord): Promise<void>;
  getWebhookEndpoint(p: Partition, id: string, options?: { forUpdate?: boolean }): Promise<WebhookEndpointRecord | null>;
  updateWebhookEndpoint(p: Partition, endpoint: WebhookEndpointRecord): Promise<boolean>;
  /** Deletes the endpoint and its deliveries; false when it does not exist. */
  deleteWebhookEndpoint(p: Partition, id: string): Promise<boolean>;
  listWebhookEndpoints(p: Partition, query: WebhookListQuery): Promise<Page<WebhookEndpointRecord>>;
  /** Enabled endpoints of the partition subscribed to the event type. */
  subscribedEndpoints(p: Partition, eventType: string): Promise<WebhookEndpointRecord[]>;

  insertWebhookDelivery(p: Partition, delivery: WebhookDeliveryRecord): Promise<void>;
  getWebhookDelivery(p: Partition, endpointId: string, id: string): Promise<WebhookDeliveryRecord | null>;
  updateWebhookDelivery(p: Partition, delivery: WebhookDeliveryRecord): Promise<void>;
  listWebhookDeliveries(p: Partition, query: DeliveryListQuery): Promise<Page<WebhookDeliveryRecord>>;
  /**
   * Locks up to `limit` pending deliveries due at `now` (not in flight elsewhere) until
   * `lockUntil`, and returns them. SQL uses `FOR UPDATE SKIP LOCKED`.
   */
  claimDueDeliveries(input: { now: string; lockUntil: string; limit: number }): Promise<DueDelivery[]>;
  /** The oldest unpublished outbox events, locked (SKIP LOCKED) until the transaction ends. */
  claimUnpublishedEvents(limit: number): Promise<UnpublishedEvent[]>;
  /** One cheap read that also proves the store answers. */
  backlog(): Promise<Backlog>;
  /**
   * Deletes up to `limit` rows of each kind that are past retention at `before`: jobs finished
   * before it, webhook deliveries created before it, outbox events published before it. Resolves
   * with the number of rows deleted.
   */
  pruneExpired(before: string, limit: number): Promise<number>;
  markEventsPublished(ids: string[], at: string): Promise<void>;
}
