import { systemClock, type Clock } from '../../clock.js';
import type { Logger } from '../../config.js';
import { isUnavailable } from '../../errors.js';
import { emit } from '../events.js';
import { newId } from '../../ids.js';
import type { ClaimedJob, JobRef, JobState } from '../../store/jobs.js';
import type { Store } from '../../store/port.js';
import type { Partition } from '../../store/partition.js';
import { jobNotifier, type JobNotifier } from './notifier.js';
import type { JobType, JobTypes, RecordFailure } from './processors.js';
import { jobRecords, jobView } from './view.js';

export interface JobWorkerOptions {
  store: Store;
  clock?: Clock;
  /** Names this worker in leases; defaults to a random `wrk_…`. */
  owner?: string;
  /** How long a claim lasts without progress; each record renews it. */
  leaseMs?: number;
  /** Records applied per transaction (default 50); a chunk and its progress commit together. */
  chunkSize?: number;
  notifier?: JobNotifier;
  logger?: Logger;
  /**
   * Decides a job's records instead of its processors when it returns a failure: every record
   * fails with it and nothing is applied. The mock's `scenarios.jobFails()` uses it; every other
   * job (and every job when it is absent) runs its type's processors, set-based ones included.
   */
  refuse?: (job: JobRef & { type: string }) => RecordFailure | undefined;
}

export interface AdvanceOptions {
  /** Work on this job only, if it is waiting; default: the oldest waiting job. */
  job?: JobRef;
  /** Apply at most this many records, then hand the job back unfinished (its lease released). */
  maxRecords?: number;
  /**
   * Asked after each chunk; true hands an unfinished job back (its lease released) so that
   * another worker resumes it at once (a graceful shutdown).
   */
  stopping?: () => boolean;
}

/** What one `advance` did to the job it claimed. */
export interface Advanced extends JobRef {
  /** Records applied (succeeded or failed) by this call. */
  applied: number;
  /** True when the job reached its final status in this call. */
  finished: boolean;
}

export interface JobWorker {
  /** Names this worker in leases. */
  readonly owner: string;
  /** Claims one job and works on it until it ends or the lease is lost; false when none was waiting. */
  runOnce(options?: Pick<AdvanceOptions, 'stopping'>): Promise<boolean>;
  /**
   * Claims one job and applies at most `maxRecords` of its records; null when none was waiting.
   * Used to run jobs step by step (the mock API does, on its own clock).
   */
  advance(options?: AdvanceOptions): Promise<Advanced | null>;
  /** Runs jobs until none is waiting (tests, one-shot runs). */
  drain(): Promise<void>;
}

/** A chunk's outcome: the number of records it applied, or why it applied none. */
type Step = number | 'done' | 'lost' | 'split';

/**
 * The job worker. It claims a queued job (or one whose worker died: its lease expired) and
 * applies its records in chunks. Each chunk is applied in one transaction together with the
 * job's progress, whose `processed` count is the cursor of the next record: a crash rolls back
 * both, so after a restart every record is applied exactly once. A record whose processor throws
 * rolls its chunk back; that stretch is then redone one record at a time to isolate it.
 * It works when asked (`advance`, `runOnce`, `drain`); the background loop lives beside the Node
 * entry (`background/start.ts`), and the mock drives it on its own clock.
 *
 * @example
 * const worker = workerFor({ 'products.batch': { record: apply } }, { store });
 * await worker.drain();
 */
export function workerFor(types: JobTypes, options: JobWorkerOptions): JobWorker {
  const { store } = options;
  const clock = options.clock ?? systemClock;
  const owner = options.owner ?? newId('wrk');
  const leaseMs = options.leaseMs ?? 30_000;
  const chunkSize = Math.max(1, options.chunkSize ?? 50);
  const notifier = options.notifier ?? jobNotifier(store);
  const at = (offsetMs = 0) => new Date(clock.now().getTime() + offsetMs).toISOString();
  // Events written while working on a job name the request that started it.
  const acting = (job: ClaimedJob): Partition => (job.request_id ? { ...job.partition, requestId: job.request_id } : job.partition);

  /** Applies up to `chunk` records from the job's cursor; the job row stays locked until the commit. */
  async function step(job: ClaimedJob, records: unknown[], type: JobType, chunk: number): Promise<Step> {
    const p = acting(job);
    let outcome: Step | { index: number; error: unknown } = 'lost';
    try {
      outcome = await store.transaction(async (tx): Promise<Step> => {
        const current = await tx.jobs.getState(p, job.id, { forUpdate: true });
        // Cancelled, or another worker took over after our lease expired: stop here.
        if (!current || current.status !== 'running' || current.lease_owner !== owner) return 'lost';
        if (current.processed >= current.total) return 'done';
        const end = Math.min(current.total, current.processed + chunk);
        const context = { clock, jobId: job.id };
        let failures: Array<RecordFailure | undefined>;
        const refused = options.refuse?.({ partition: job.partition, id: job.id, type: job.type });
        if (refused) {
          failures = Array.from({ length: end - current.processed }, () => refused);
        } else if (type.chunk && end - current.processed > 1) {
          failures = await type.chunk(tx, p, records.slice(current.processed, end), context);
        } else {
          failures = [];
          for (let index = current.processed; index < end; index++) failures.push(await type.record(tx, p, records[index], context));
        }
        let { succeeded, failed } = current;
        for (const [offset, failure] of failures.entries()) {
          if (failure) {
            failed++;
            await tx.jobs.update(p, job.id, { appendError: { index: current.processed + offset, ...failure } });
          } else {
            succeeded++;
          }
        }
        await tx.jobs.update(p, job.id, { processed: end, succeeded, failed, lease_expires_at: at(leaseMs) });
        return end - current.processed;
      });
    } catch (error) {
      // The database went away: nothing is decided about these records. The job keeps its lease
      // and is resumed from its cursor (by this worker or another) once the lease expires.
      if (isUnavailable(error)) throw error;
      // The chunk rolled back. Redo it record by record to find the one that throws.
      if (chunk > 1) return 'split';
      const index = (await store.jobs.getState(p, job.id))?.processed ?? 0;
      outcome = { index, error };
    }
    if (typeof outcome !== 'object') return outcome;
    const { index, error } = outcome;
    options.logger?.error({ job_id: job.id, index, err: error }, 'job record failed unexpectedly');
    return store.transaction(async (tx): Promise<Step> => {
      const current = await tx.jobs.getState(p, job.id, { forUpdate: true });
      if (!current || current.status !== 'running' || current.lease_owner !== owner || current.processed !== index) return 'lost';
      await tx.jobs.update(p, job.id, progress(current, index, { code: 'INTERNAL', field: 'record', issue: 'could not be applied' }));
      return 1;
    });
  }

  function progress(current: JobState, index: number, failure: RecordFailure | undefined) {
    return {
      processed: index + 1,
      succeeded: current.succeeded + (failure ? 0 : 1),
      failed: current.failed + (failure ? 1 : 0),
      lease_expires_at: at(leaseMs),
      ...(failure ? { appendError: { index, ...failure } } : {}),
    };
  }

  /** Sets the final status; false when the job was cancelled or taken over meanwhile. */
  async function finish(job: ClaimedJob): Promise<boolean> {
    const p = acting(job);
    const finished = await store.transaction(async (tx) => {
      const current = await tx.jobs.getState(p, job.id, { forUpdate: true });
      if (!current || current.status !== 'running' || current.lease_owner !== owner) return false;
      const status = current.failed === 0 ? 'succeeded' : current.succeeded === 0 ? 'failed' : 'partially_failed';
      const finished_at = at();
      await tx.jobs.update(p, job.id, { status, finished_at, lease_owner: null, lease_expires_at: null });
      await emit(tx, clock, p, 'job.completed', jobView({ ...current, status, finished_at }));
      return true;
    });
    if (finished) notifier.notify(p, job.id);
    return finished;
  }

  async function release(job: ClaimedJob): Promise<void> {
    await store.transaction(async (tx) => {
      const current = await tx.jobs.getState(job.partition, job.id, { forUpdate: true });
      if (current?.status !== 'running' || current.lease_owner !== owner) return;
      await tx.jobs.update(job.partition, job.id, { lease_owner: null, lease_expires_at: at() });
    });
  }

  async function advance(advanceOptions: AdvanceOptions = {}): Promise<Advanced | null> {
    const names = Object.keys(types).filter((t) => types[t]);
    let budget = advanceOptions.maxRecords ?? Number.POSITIVE_INFINITY;
    if (names.length === 0 || budget <= 0) return null;
    const only = advanceOptions.job ? { only: advanceOptions.job } : {};
    const job = await store.jobs.claim({ owner, now: at(), leaseUntil: at(leaseMs), types: names, ...only });
    if (!job) return null;
    const type = types[job.type]!;
    const records = jobRecords(job.payload);
    let applied = 0;
    const outcome = (finished: boolean): Advanced => ({ partition: job.partition, id: job.id, applied, finished });
    // After a split, `single` records go one per transaction, then chunks resume.
    let single = 0;
    for (;;) {
      if (budget <= 0) {
        const current = await store.jobs.getState(job.partition, job.id);
        if (current && current.processed >= current.total) break;
        await release(job);
        return outcome(false);
      }
      const result = await step(job, records, type, Math.min(single > 0 ? 1 : chunkSize, budget));
      if (result === 'split') {
        single = chunkSize;
        continue;
      }
      if (single > 0) single--;
      if (result === 'lost') return outcome(false);
      if (result === 'done') break;
      applied += result;
      budget -= result;
      if (advanceOptions.stopping?.()) {
        // Stopping (graceful shutdown): hand the job back so another worker resumes it at once.
        await release(job);
        return outcome(false);
      }
    }
    return outcome(await finish(job));
  }

  return {
    owner,
    advance,
    runOnce: async (runOptions = {}) => (await advance(runOptions)) !== null,
    async drain() {
      while ((await advance()) !== null);
    },
  };
}
