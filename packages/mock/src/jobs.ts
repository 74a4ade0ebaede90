import {
  createJobWorker,
  FINISHED_JOB_STATUSES,
  jobNotifier,
  type Clock,
  type ErrorCode,
  type JobRef,
  type JobState,
  type Store,
} from '@nexuscommerce/server';

/**
 * `'auto'`: a job runs as soon as its 202 has been answered, and the next request already sees it
 * finished (a job slowed by `scenarios.jobTakes` follows the mock's clock instead).
 * `'manual'`: jobs wait until the test calls `mock.jobs.step()` or `mock.jobs.runAll()`.
 */
export type JobMode = 'auto' | 'manual';

/** What scenarios ask of the jobs a request queues. */
export interface JobPlan {
  /** Spread the job's records evenly over this many milliseconds of the mock's clock. */
  takesMs?: number;
  /** Fail every record with this error instead of applying it: the job ends `failed`. */
  fails?: { code: ErrorCode; issue: string };
}

/**
 * The mock's job worker: the server's own worker, run on the mock's clock.
 *
 * @example
 * const mock = createMockApi({ jobs: 'manual' });
 * const job = await nexus.products.batch({ items });
 * await mock.jobs.step(10); // ten records applied; the job is `running`
 * await mock.jobs.runAll(); // finished
 */
export interface MockJobs {
  /** How jobs run; it can be switched at any time. Default `'auto'`. */
  mode: JobMode;
  /**
   * Applies the next `records` records (default 1) of waiting jobs, oldest job first, whatever
   * the mode and `jobTakes`. Resolves with how many were applied: 0 when no job waits.
   */
  step(records?: number): Promise<number>;
  /**
   * Applies the next `records` records (default 1) of one job, whatever the mode and `jobTakes`.
   * Resolves with what was applied and the job's state after it; `null` for a job this sandbox
   * never queued. A finished job applies nothing.
   */
  stepJob(jobId: string, records?: number): Promise<{ applied: number; job: JobState } | null>;
  /** Runs every waiting job to its end, whatever the mode and `jobTakes`. */
  runAll(): Promise<void>;
  /** Resolves when the job work started so far is done (and its webhooks recorded). */
  settled(): Promise<void>;
}

/** The runner plus the hooks `createMockApi` drives it with. */
export interface JobRunner extends MockJobs {
  /** A 202 was answered for this job: it may run now, as `plan` says. */
  accept(jobId: string, plan: JobPlan): void;
  /** In auto mode, brings every job up to date with the clock (before a request is answered). */
  catchUp(): Promise<void>;
  dispose(): void;
}

interface Entry {
  ref: JobRef;
  plan: JobPlan;
}

/** Waits between checks on a job slowed by `jobTakes`, bounded so a frozen clock costs little. */
const MIN_TICK_MS = 5;
const MAX_TICK_MS = 250;

/** Records a job following `takesMs` should have applied by `nowMs`. */
function dueRecords(state: JobState, takesMs: number, nowMs: number): number {
  const elapsed = nowMs - Date.parse(state.created_at);
  return elapsed >= takesMs ? state.total : Math.max(0, Math.floor((state.total * elapsed) / takesMs));
}

export function createJobRunner(options: { store: Store; clock: Clock; mode: JobMode; afterWork: () => Promise<void> }): JobRunner {
  const { store, clock } = options;
  let mode = options.mode;
  // The server announces each job it commits; the 202 then tells which may run, and how.
  const queued = new Map<string, JobRef>();
  const waiting = new Map<string, Entry>();
  // Every job accepted so far, finished or not: `stepJob` tells an unknown id from a finished job.
  const accepted = new Map<string, JobRef>();
  const unsubscribe = jobNotifier(store).onQueued((job) => queued.set(job.id, job));

  // The server's worker with the server's processors (set-based chunks included); a planned
  // failure replaces the records' outcome through the worker's own hook.
  const worker = createJobWorker({
    store,
    clock,
    refuse: (job) => {
      const fails = waiting.get(job.id)?.plan.fails;
      return fails && { code: fails.code, field: 'record', issue: fails.issue };
    },
  });

  // One piece of job work at a time, in order; `settled` waits for the tail.
  let tail: Promise<unknown> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  function serial<T>(work: () => Promise<T>): Promise<T> {
    const run = tail.then(work).then(async (result) => {
      await options.afterWork();
      return result;
    });
    tail = run.catch(() => {});
    return run;
  }

  /** Advances each waiting job by up to `budget(state)` records; forgets jobs that are over. */
  async function advanceEach(budget: (entry: Entry, state: JobState) => number): Promise<number> {
    let applied = 0;
    for (const [id, entry] of [...waiting]) {
      const state = await store.jobs.getState(entry.ref.partition, id);
      if (!state || FINISHED_JOB_STATUSES.includes(state.status)) {
        waiting.delete(id);
        continue;
      }
      const allowed = budget(entry, state);
      if (allowed <= 0) continue;
      const result = await worker.advance({ job: entry.ref, maxRecords: allowed });
      applied += result?.applied ?? 0;
      if (!result || result.finished) waiting.delete(id);
    }
    return applied;
  }

  /** In auto mode: what the clock allows now; then a timer for the next record a slowed job owes. */
  const followClock = () =>
    serial(async () => {
      if (disposed || mode !== 'auto') return;
      const now = clock.now().getTime();
      await advanceEach(({ plan }, state) => (plan.takesMs ? dueRecords(state, plan.takesMs, now) - state.processed : Infinity));
      schedule();
    });

  function schedule() {
    clearTimeout(timer);
    timer = undefined;
    const slowed = [...waiting.values()].filter((entry) => entry.plan.takesMs);
    if (disposed || mode !== 'auto' || slowed.length === 0) return;
    const wait = Math.min(MAX_TICK_MS, Math.max(MIN_TICK_MS, Math.min(...slowed.map((e) => e.plan.takesMs!)) / 20));
    timer = setTimeout(() => void followClock(), wait);
    // A mock must never keep a Node process alive on its own.
    (timer as { unref?: () => void }).unref?.();
  }

  return {
    get mode() {
      return mode;
    },
    set mode(next: JobMode) {
      mode = next;
      if (mode === 'auto') void followClock();
      else schedule();
    },
    accept(jobId, plan) {
      const ref = queued.get(jobId);
      if (!ref) return;
      queued.delete(jobId);
      accepted.set(jobId, ref);
      waiting.set(jobId, { ref, plan });
      if (mode === 'auto') void followClock();
    },
    catchUp: () => (mode === 'auto' && waiting.size > 0 ? followClock() : tail.then(() => {})),
    step: (records = 1) =>
      serial(async () => {
        let left = records;
        for (const [id, entry] of [...waiting]) {
          if (left <= 0) break;
          const result = await worker.advance({ job: entry.ref, maxRecords: left });
          left -= result?.applied ?? 0;
          if (!result || result.finished) waiting.delete(id);
        }
        return records - left;
      }),
    stepJob: (jobId, records = 1) =>
      serial(async () => {
        const ref = accepted.get(jobId);
        if (!ref) return null;
        let applied = 0;
        const entry = waiting.get(jobId);
        if (entry) {
          const result = await worker.advance({ job: entry.ref, maxRecords: records });
          applied = result?.applied ?? 0;
          if (!result || result.finished) waiting.delete(jobId);
        }
        const job = await store.jobs.getState(ref.partition, jobId);
        return job ? { applied, job } : null;
      }),
    runAll: () => serial(async () => void (await advanceEach(() => Infinity))),
    settled: () => tail.then(() => {}),
    dispose() {
      disposed = true;
      clearTimeout(timer);
      unsubscribe();
    },
  };
}
