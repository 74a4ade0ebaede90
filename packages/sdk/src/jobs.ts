import { AbortError, JobFailedError, TimeoutError } from './errors.js';
import { type Clock, sleep, systemClock, withDeadline } from './internal/clock.js';
import type { Job, JobStatus, ListMeta } from './schema.js';

/** How a read of a job may be made: held (long poll), and patient with the rate limit. */
export interface ReadOptions {
  /** Seconds the server may hold the read while the job is unfinished (long poll, at most 30). */
  waitSeconds: number;
  signal?: AbortSignal | undefined;
  waitForRateLimit?: boolean | undefined;
  onRateLimitWait?: ((waitMs: number) => void) | undefined;
}

/** Reads a job; with `waitSeconds > 0` the server may hold the answer until the job ends (long poll). */
export type GetJob = (jobId: string, options: ReadOptions) => Promise<{ job: Job; retryAfterMs?: number | undefined }>;

/** Lists jobs newest first, e.g. `GET /v1/jobs?type=products.batch`: many jobs' progress in one request. */
export type ListJobs = (
  query: Omit<ReadOptions, 'waitSeconds'> & { type?: Job['type'] | undefined; limit: number; cursor?: string | undefined },
) => Promise<{ data: Job[]; meta: ListMeta }>;

/** What the 202 that started a job said beyond its id; the client fills it in. */
export interface JobHandleInit {
  /** The server answered from its idempotency store: an earlier request with the same key started this job. */
  replayed?: boolean | undefined;
  type?: Job['type'] | undefined;
  createdAt?: string | undefined;
  /** Lets bulk work read many jobs in one request instead of one each. */
  listJobs?: ListJobs | undefined;
}

export interface WaitOptions {
  /** Give up (TimeoutError) after this long. Default 10 minutes. */
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
  /** Called whenever the status or the processed count changes. */
  onProgress?: ((job: Job) => void) | undefined;
  /** First delay when the server does not long-poll; grows 1.5× per poll up to 10 s. Default 1 s. */
  pollIntervalMs?: number | undefined;
  /** Throw JobFailedError for `partially_failed` too, instead of resolving with the job. */
  throwOnRecordErrors?: boolean | undefined;
  /** Wait for the rate limit instead of failing on a 429 (see `CallOptions.waitForRateLimit`). */
  waitForRateLimit?: boolean | undefined;
}

export const FINISHED: readonly JobStatus[] = ['succeeded', 'partially_failed', 'failed', 'cancelled'];

/** Seconds to ask the server to hold a read when `leftMs` remain: a second less, so its answer still arrives in time. */
export const holdFor = (leftMs: number) => Math.max(0, Math.min(30, Math.floor(leftMs / 1000) - 1));

/**
 * The pause before the next read of an unfinished job. A server that held the read for (nearly)
 * the whole `waitSeconds` did the waiting; one that answered at once does not long-poll (a mock,
 * an old deployment), so back off: its `Retry-After`, else `pollIntervalMs` growing 1.5× per poll.
 */
export function pauseAfter(read: Read, poll: number, pollIntervalMs: number): number {
  return wasHeld(read) ? 0 : (read.retryAfterMs ?? Math.min(pollIntervalMs * 1.5 ** poll, 10_000));
}

/** One read of a job as `pauseAfter` judges it: how long it was asked to be held, and was. */
export interface Read {
  waitSeconds: number;
  heldMs: number;
  retryAfterMs?: number | undefined;
}

export const wasHeld = (read: Read) => read.waitSeconds > 0 && read.heldMs >= read.waitSeconds * 900;

/**
 * An asynchronous job started by a `…/batch` or `…/sync` call.
 *
 * `wait()` resolves with the final job when it `succeeded`, and also when it `partially_failed`
 * (some records were rejected: read `job.errors`; pass `throwOnRecordErrors` to throw instead),
 * because the accepted records are already applied and a bulk feed usually wants to carry on.
 * It throws JobFailedError for `failed` and `cancelled`, TimeoutError at its deadline.
 * @example
 * const job = await nexus.products.batch({ items });
 * const done = await job.wait({ timeoutMs: 120_000, onProgress: (j) => console.log(j.progress) });
 * for (const e of done.errors) console.warn(`record ${e.index}: ${e.issue}`);
 */
export class JobHandle {
  readonly id: string;
  /** The latest state seen by `get()` or `wait()`. */
  last: Job | undefined;
  /** True when the request that returned this handle was answered as a replay of an earlier one with its key. */
  readonly replayed: boolean;
  // TypeScript-private rather than #private: the published .d.ts must type-check for ES5 targets too.
  private readonly read: GetJob;
  private readonly clock: Clock;
  private readonly init: JobHandleInit;

  constructor(id: string, getJob: GetJob, clock: Clock = systemClock, init: JobHandleInit = {}) {
    this.id = id;
    this.read = getJob;
    this.clock = clock;
    this.init = init;
    this.replayed = init.replayed === true;
  }

  /** The job as it is now; with `waitSeconds`, the server may first hold the read until the job ends. */
  async get(options: Partial<ReadOptions> = {}): Promise<Job> {
    this.last = (await this.read(this.id, { waitSeconds: 0, ...options })).job;
    return this.last;
  }

  /** Waits for the job to finish: long polls, honours Retry-After, falls back to backoff polling. */
  wait(options: WaitOptions = {}): Promise<Job> {
    const clock = this.clock;
    const timeoutMs = options.timeoutMs ?? 600_000;
    const endsAt = clock.now() + timeoutMs;
    const reasons = {
      onAbort: (cause: unknown) => new AbortError(`Stopped waiting for job ${this.id}`, { cause }),
      onTimeout: () =>
        new TimeoutError(`Job ${this.id} did not finish within ${timeoutMs} ms (last status: ${this.last?.status ?? 'unknown'})`),
    };
    return withDeadline(options.signal, timeoutMs, clock, reasons, async (signal) => {
      let seen = '';
      for (let poll = 0; ; poll++) {
        const waitSeconds = holdFor(endsAt - clock.now());
        const startedAt = clock.now();
        const { job, retryAfterMs } = await this.read(this.id, { waitSeconds, signal, waitForRateLimit: options.waitForRateLimit });
        this.last = job;
        const state = `${job.status}:${job.progress.processed}`;
        if (state !== seen) options.onProgress?.(job);
        seen = state;
        if (FINISHED.includes(job.status)) return settle(job, options.throwOnRecordErrors);
        const pause = pauseAfter({ waitSeconds, heldMs: clock.now() - startedAt, retryAfterMs }, poll, options.pollIntervalMs ?? 1_000);
        if (pause > 0) await sleep(pause, signal, clock);
      }
    });
  }
}

/** For bulk ingest, not part of the package's API: a handle's reader, clock and what its 202 said. */
export const internalsOf = (handle: JobHandle) => ({ read: handle['read'], clock: handle['clock'], ...handle['init'] });

/** A handle on another job, reading through the same client as `handle`. */
export const siblingOf = (handle: JobHandle, jobId: string) =>
  new JobHandle(jobId, handle['read'], handle['clock'], { ...handle['init'], replayed: false });

function settle(job: Job, throwOnRecordErrors: boolean | undefined): Job {
  if (job.status === 'succeeded') return job;
  if (job.status === 'partially_failed' && !throwOnRecordErrors) return job;
  throw new JobFailedError(job);
}
