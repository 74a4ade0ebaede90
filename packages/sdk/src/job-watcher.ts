import { TimeoutError } from './errors.js';
import { type Clock, sleep } from './internal/clock.js';
import { FINISHED, type JobHandle, holdFor, internalsOf, pauseAfter, wasHeld } from './jobs.js';
import type { Job } from './schema.js';

export interface WatcherOptions {
  signal: AbortSignal;
  clock: Clock;
  /** The run fails when none of its jobs has moved for this long. */
  stallMs: number;
  pollIntervalMs: number;
  onRateLimitWait?: ((waitMs: number) => void) | undefined;
}

interface Watched {
  handle: JobHandle;
  seen: string;
  resolve(job: Job): void;
  reject(error: unknown): void;
}

/**
 * Waits for many jobs with few requests, for bulk ingest. One loop serves every watched job: it
 * long-polls the oldest (the server answers when that job ends, so nothing is polled in a tight
 * loop), and when that read found the job already finished, the others have probably finished
 * too, so one list of the newest jobs settles them all at once. Jobs run roughly in the order
 * they were queued, so the oldest is the one worth holding on. Every read waits for the rate
 * limit rather than failing.
 */
export function createJobWatcher(options: WatcherOptions) {
  const { signal, clock } = options;
  const watched = new Map<string, Watched>();
  let running = false;
  let movedAt = 0;
  const patient = { signal, waitForRateLimit: true, onRateLimitWait: options.onRateLimitWait };

  /** Records what a read showed; a finished job leaves the watch. */
  const observe = (job: Job) => {
    const entry = watched.get(job.id);
    if (!entry) return;
    const state = `${job.status}:${job.progress.processed}`;
    // The first sight of a job is not movement; any change after it is.
    if (entry.seen && state !== entry.seen) movedAt = clock.now();
    entry.seen = state;
    entry.handle.last = job;
    if (!FINISHED.includes(job.status)) return;
    watched.delete(job.id);
    entry.resolve(job);
  };

  const sweep = async (oldest: JobHandle) => {
    const { listJobs, type } = internalsOf(oldest);
    if (!listJobs || watched.size === 0) return;
    const page = await listJobs({ ...patient, type, limit: Math.min(200, Math.max(50, 2 * watched.size)) });
    page.data.forEach(observe);
  };

  const loop = async () => {
    running = true;
    movedAt = clock.now();
    try {
      for (let poll = 0; watched.size > 0; poll++) {
        const handle = watched.values().next().value!.handle;
        const waitSeconds = holdFor(movedAt + options.stallMs - clock.now());
        const startedAt = clock.now();
        const { job, retryAfterMs } = await internalsOf(handle).read(handle.id, { ...patient, waitSeconds });
        const read = { waitSeconds, heldMs: clock.now() - startedAt, retryAfterMs };
        observe(job);
        if (FINISHED.includes(job.status)) {
          poll = -1;
          if (!wasHeld(read)) await sweep(handle); // finished before we asked: the others may be too
        } else if (clock.now() - movedAt > options.stallMs) {
          throw new TimeoutError(`Job ${job.id} and the others of this run made no progress for ${options.stallMs} ms (last status: ${job.status})`);
        } else {
          const pause = pauseAfter(read, poll, options.pollIntervalMs);
          if (pause > 0) await sleep(pause, signal, clock);
        }
      }
    } catch (error) {
      for (const entry of watched.values()) entry.reject(error);
      watched.clear();
    } finally {
      running = false;
    }
  };

  return {
    /** Resolves with the job once it has finished, whatever its final status. */
    watch(handle: JobHandle): Promise<Job> {
      return new Promise<Job>((resolve, reject) => {
        watched.set(handle.id, { handle, seen: '', resolve, reject });
        if (!running) void loop();
      });
    },
  };
}
