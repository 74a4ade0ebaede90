import type { Clock } from '../../clock.js';
import type { ErrorCode } from '../../errors.js';
import type { StoreOps } from '../../store/port.js';
import type { Partition } from '../../store/partition.js';

/** Why one record of a job failed. The job lists it with the record's index; the job goes on. */
export interface RecordFailure {
  code: ErrorCode;
  /** Dotted path inside the record, or `record`. */
  field: string;
  issue: string;
}

export interface RecordContext {
  clock: Clock;
  /** The job the record belongs to. */
  jobId: string;
}

/**
 * Applies one record of a job inside the worker's transaction for that record.
 * It must be idempotent (upsert by natural key): after a crash a record may be applied again.
 * Return a failure for a business error of this record; throw only for the unexpected.
 */
export type RecordProcessor = (
  tx: StoreOps,
  p: Partition,
  record: unknown,
  context: RecordContext,
) => Promise<RecordFailure | undefined>;

/**
 * Applies several consecutive records of a job in one go (set-based statements instead of a few
 * per record), with exactly the outcome of applying them one by one: one entry per record.
 * Throwing rolls the chunk back and the worker redoes it record by record.
 */
export type ChunkProcessor = (
  tx: StoreOps,
  p: Partition,
  records: unknown[],
  context: RecordContext,
) => Promise<Array<RecordFailure | undefined>>;

/** How one job type is applied: record by record, and set-based where that is worth it. */
export interface JobType {
  record: RecordProcessor;
  /** The same outcome as `record` applied to each record in turn, in a few statements per chunk. */
  chunk?: ChunkProcessor;
}

/** The job types a worker runs, by `type` (`products.batch`, …). */
export type JobTypes = Partial<Record<string, JobType>>;
