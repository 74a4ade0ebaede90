import { backgroundLoop } from '../background-loop.js';
import { systemClock, type Clock } from '../clock.js';
import type { Logger } from '../config.js';
import { emit } from '../domain/events.js';
import { newId } from '../ids.js';
import type { ClaimedJob, JobState } from '../store/async-port.js';
import type { Store } from '../store/port.js';
import type { Partition } from '../store/types.js';
import { jobNotifier, type JobNotifier } from './notifier.js';
import type { RecordFailure, RecordProcessor } from './processors.js';
import { recordProcessors } from './registry.js';
import { jobRecords, jobView } from './view.js';

export interface JobWorkerOptions {
  store: Store;
  clock?: Clock;
  /** Names this worker in leases; defaults to a random `wrk_…`. */
  owner?: string;
  /** How long a claim lasts without progress; each record renews it. */
  leaseMs?: number;
  /** Pause between claims when no job is waiting. */
  idleMs?: number;
  processors?: Partial<Record<string, RecordProcessor>>;
  /** Records applied per transaction (default 50); a chunk and its progress commit together. */
  chunkSize?: number;
  notifier?: JobNotifier;
  logger?: Logger;
}

export interface JobWorker {
  /** Claims one job and works on it until it ends or the lease is lost; false when none was waiting. */
  runOnce(): Promise<boolean>;
  /** Runs jobs until none is waiting (tests, one-shot runs). */
  drain(): Promise<void>;
  /** Works in the background until `stop`. */
  start(): void;
  /** Finishes the current chunk, hands an unfinished job back (its lease released), then stops. */
  stop(): Promise<void>;
  /** Claims now instead of after the idle pause (a job was just queued). */
  wake(): void;
}

type Step = 'next' | 'done' | 'lost' | 'split';

/**
 * The job worker. It claims a queued job (or one whose worker died: its lease expired) and
 * applies its records in chunks. Each chunk is applied in one transaction together with the
 * job's progress, whose `processed` count is the cursor of the next record: a crash rolls back
 * both, so after a restart every record is applied exactly once. A record whose processor throws
 * rolls its chunk back; that stretch is then redone one record at a time to isolate it.
 *
 * @example
 * const worker = createJobWorker({ store });
 * worker.start();
 * await worker.stop();
 */
export function createJobWorker(options: JobWorkerOptions): JobWorker {
  const { store } = options;
  const clock = options.clock ?? systemClock;
  const owner = options.owner ?? newId('wrk');
  const leaseMs = options.leaseMs ?? 30_000;
  const idleMs = options.idleMs ?? 1_000;
  const processors = options.processors ?? recordProcessors;
  const chunkSize = Math.max(1, options.chunkSize ?? 50);
  const notifier = options.notifier ?? jobNotifier(store);
  const at = (offsetMs = 0) => new Date(clock.now().getTime() + offsetMs).toISOString();

  /** Applies up to `chunk` records from the job's cursor; the job row stays locked until the commit. */
  async function step(job: ClaimedJob, records: unknown[], processor: RecordProcessor, chunk: number): Promise<Step> {
    const p = job.partition;
    let outcome: Step | { index: number; error: unknown } = 'lost';
    try {
      outcome = await store.transaction(async (tx): Promise<Step> => {
        const current = await tx.getJobState(p, job.id, { forUpdate: true });
        // Cancelled, or another worker took over after our lease expired: stop here.
        if (!current || current.status !== 'running' || current.lease_owner !== owner) return 'lost';
        if (current.processed >= current.total) return 'done';
        const end = Math.min(current.total, current.processed + chunk);
        let { succeeded, failed } = current;
        for (let index = current.processed; index < end; index++) {
          const failure = await processor(tx, p, records[index], { clock, requestId: job.request_id ?? '' });
          if (failure) {
            failed++;
            await tx.updateJob(p, job.id, { appendError: { index, ...failure } });
          } else {
            succeeded++;
          }
        }
        await tx.updateJob(p, job.id, { processed: end, succeeded, failed, lease_expires_at: at(leaseMs) });
        return 'next';
      });
    } catch (error) {
      // The chunk rolled back. Redo it record by record to find the one that throws.
      if (chunk > 1) return 'split';
      const index = (await store.getJobState(p, job.id))?.processed ?? 0;
      outcome = { index, error };
    }
    if (typeof outcome === 'string') return outcome;
    const { index, error } = outcome;
    options.logger?.error({ job_id: job.id, index, err: error }, 'job record failed unexpectedly');
    return store.transaction(async (tx): Promise<Step> => {
      const current = await tx.getJobState(p, job.id, { forUpdate: true });
      if (!current || current.status !== 'running' || current.lease_owner !== owner || current.processed !== index) return 'lost';
      await tx.updateJob(p, job.id, progress(current, index, { code: 'INTERNAL', field: 'record', issue: 'could not be applied' }));
      return 'next';
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

  async function finish(job: ClaimedJob): Promise<void> {
    const p = job.partition;
    const finished = await store.transaction(async (tx) => {
      const current = await tx.getJobState(p, job.id, { forUpdate: true });
      if (!current || current.status !== 'running' || current.lease_owner !== owner) return false;
      const status = current.failed === 0 ? 'succeeded' : current.succeeded === 0 ? 'failed' : 'partially_failed';
      const finished_at = at();
      await tx.updateJob(p, job.id, { status, finished_at, lease_owner: null, lease_expires_at: null });
      await emit(tx, clock, p, 'job.completed', jobView({ ...current, status, finished_at }));
      return true;
    });
    if (finished) notifier.notify(p, job.id);
  }

  async function release(job: ClaimedJob): Promise<void> {
    await store.transaction(async (tx) => {
      const current = await tx.getJobState(job.partition, job.id, { forUpdate: true });
      if (current?.status !== 'running' || current.lease_owner !== owner) return;
      await tx.updateJob(job.partition, job.id, { lease_owner: null, lease_expires_at: at() });
    });
  }

  async function runOnce(): Promise<boolean> {
    const types = Object.keys(processors).filter((t) => processors[t]);
    if (types.length === 0) return false;
    const job = await store.claimJob({ owner, now: at(), leaseUntil: at(leaseMs), types });
    if (!job) return false;
    const processor = processors[job.type]!;
    const records = jobRecords(job.payload);
    // After a split, `single` records go one per transaction, then chunks resume.
    let single = 0;
    for (;;) {
      const result = await step(job, records, processor, single > 0 ? 1 : chunkSize);
      if (result === 'split') {
        single = chunkSize;
        continue;
      }
      if (single > 0) single--;
      if (result === 'lost') return true;
      if (result === 'done') break;
      if (background.stopping) {
        // Stopping (graceful shutdown): hand the job back so another worker resumes it at once.
        await release(job);
        return true;
      }
    }
    await finish(job);
    return true;
  }

  const background = backgroundLoop(runOnce, {
    idleMs,
    onError: (err) => options.logger?.error({ err }, 'job worker failed; retrying'),
  });

  return {
    runOnce,
    async drain() {
      while (await runOnce());
    },
    start: () => background.start(),
    stop: () => background.stop(),
    wake: () => background.wake(),
  };
}

