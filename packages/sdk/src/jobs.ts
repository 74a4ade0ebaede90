import { AbortError, JobFailedError, TimeoutError } from './errors.js';
import { type Clock, abortable, deadline, sleep, systemClock } from './internal/clock.js';
import type { Job, JobStatus } from './schema.js';

/** Reads a job; with `waitSeconds > 0` the server may hold the answer until the job ends (long poll). */
export type GetJob = (
  jobId: string,
  options: { waitSeconds: number; signal?: AbortSignal | undefined },
) => Promise<{ job: Job; retryAfterMs?: number | undefined }>;

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
}

const FINISHED: readonly JobStatus[] = ['succeeded', 'partially_failed', 'failed', 'cancelled'];
const LONG_POLL_MAX_SECONDS = 30;

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
  readonly #getJob: GetJob;
  readonly #clock: Clock;

  constructor(id: string, getJob: GetJob, clock: Clock = systemClock) {
    this.id = id;
    this.#getJob = getJob;
    this.#clock = clock;
  }

  /** The job as it is now. */
  async get(options: { signal?: AbortSignal | undefined } = {}): Promise<Job> {
    this.last = (await this.#getJob(this.id, { waitSeconds: 0, signal: options.signal })).job;
    return this.last;
  }

  /** Waits for the job to finish: long polls, honours Retry-After, falls back to backoff polling. */
  async wait(options: WaitOptions = {}): Promise<Job> {
    const clock = this.#clock;
    const timeoutMs = options.timeoutMs ?? 600_000;
    const pollIntervalMs = options.pollIntervalMs ?? 1_000;
    const endsAt = clock.now() + timeoutMs;
    const guard = deadline(options.signal, timeoutMs, clock, {
      onAbort: (cause) => new AbortError(`Stopped waiting for job ${this.id}`, { cause }),
      onTimeout: () =>
        new TimeoutError(`Job ${this.id} did not finish within ${timeoutMs} ms (last status: ${this.last?.status ?? 'unknown'})`),
    });
    let seen = '';
    try {
      for (let poll = 0; ; poll++) {
        // Ask the server to hold the poll a second less than the time left, so that its answer
        // (which may come at the very end of the hold) still arrives before our own deadline.
        const waitSeconds = Math.max(0, Math.min(LONG_POLL_MAX_SECONDS, Math.floor((endsAt - clock.now()) / 1000) - 1));
        const startedAt = clock.now();
        const { job, retryAfterMs } = await abortable(
          this.#getJob(this.id, { waitSeconds, signal: guard.signal }),
          guard.signal,
        );
        this.last = job;
        if (`${job.status}:${job.progress.processed}` !== seen) {
          seen = `${job.status}:${job.progress.processed}`;
          options.onProgress?.(job);
        }
        if (FINISHED.includes(job.status)) return settle(job, options.throwOnRecordErrors);
        // A server that held the request for (nearly) the whole wait did the waiting for us; one that
        // answered at once does not long-poll (a mock, an old deployment), so back off between polls.
        const held = waitSeconds > 0 && clock.now() - startedAt >= waitSeconds * 900;
        if (!held) await sleep(retryAfterMs ?? Math.min(pollIntervalMs * 1.5 ** poll, 10_000), guard.signal, clock);
      }
    } finally {
      guard.done();
    }
  }
}

function settle(job: Job, throwOnRecordErrors: boolean | undefined): Job {
  if (job.status === 'succeeded') return job;
  if (job.status === 'partially_failed' && !throwOnRecordErrors) return job;
  throw new JobFailedError(job);
}
