import type { ErrorCode } from '../errors.js';
import { listSpec, sortBy, type ListQuery, type Page } from './list.js';
import type { Partition } from './partition.js';

/** Jobs: their input, progress, per-record errors and the lease of the worker applying them. */

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'partially_failed' | 'failed' | 'cancelled';
export const FINISHED_JOB_STATUSES: readonly JobStatus[] = ['succeeded', 'partially_failed', 'failed', 'cancelled'];

/** A job as queued: what it is and its input. */
export interface JobRecord {
  id: string;
  type: string;
  status: JobStatus;
  total: number;
  request_id: string | null;
  payload: unknown;
  created_at: string;
}

export interface BatchErrorRecord {
  index: number;
  code: ErrorCode;
  field: string;
  issue: string;
}

/** Only the first this-many record errors are kept on a job; `failed` counts them all. */
export const MAX_JOB_ERRORS = 1000;

/** A job with its progress and lease, without its input (which can be megabytes): what reads and lists need. */
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

/** Names one job across partitions. */
export interface JobRef {
  partition: Partition;
  id: string;
}

export type JobListQuery = ListQuery<{ type?: string; status?: JobStatus }, 'created_at'>;
export const JOB_LIST = listSpec<JobState>()({ name: 'jobs', keys: ['id'], sorts: { created_at: sortBy('timestamp', 'created_at') } });

export interface JobsPort {
  create(p: Partition, job: JobRecord): Promise<void>;
  /** The job as queued, with its input. */
  get(p: Partition, id: string): Promise<JobRecord | null>;
  /** `forUpdate` locks the row until the transaction ends (SQL). */
  getState(p: Partition, id: string, options?: { forUpdate?: boolean }): Promise<JobState | null>;
  list(p: Partition, query: JobListQuery): Promise<Page<JobState>>;
  /**
   * Takes the oldest job of one of `types` that is queued, or running under an expired lease
   * (its worker died): it becomes `running`, leased to `owner` until `leaseUntil`.
   * SQL uses `FOR UPDATE SKIP LOCKED`, so concurrent workers never claim the same job.
   * With `only`, that job or none.
   */
  claim(input: { owner: string; now: string; leaseUntil: string; types: string[]; only?: JobRef }): Promise<ClaimedJob | null>;
  update(p: Partition, id: string, patch: JobPatch): Promise<void>;
  /** `created_at` of the oldest job still `queued`, across partitions (the health check). */
  oldestQueuedAt(): Promise<string | null>;
  /** Deletes up to `limit` jobs that finished before `before`; resolves with how many. */
  pruneFinished(before: string, limit: number): Promise<number>;
}
