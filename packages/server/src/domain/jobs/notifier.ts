import type { Store } from '../../store/port.js';
import { FINISHED_JOB_STATUSES, type JobRef } from '../../store/jobs.js';
import type { Partition } from '../../store/partition.js';

const key = (p: Partition, id: string) => `${p.accountId}|${p.mode}|${id}`;

/**
 * Job signals within one process. It wakes long polls (`GET /v1/jobs/{id}?wait=…`) when their job
 * finishes: workers in this process call `notify` as they finish or cancel a job; for jobs finished
 * by another process, one shared timer re-reads the jobs that have waiters (it runs only while
 * someone waits). There is no polling loop per request. It also tells this process's workers
 * (`onQueued`) that a job was just committed, so they need not wait for their next poll.
 *
 * @example
 * const notifier = jobNotifier(store);
 * await notifier.waitFor(partition, jobId, 20_000);
 */
export class JobNotifier {
  readonly #store: Store;
  readonly #recheckMs: number;
  readonly #waiters = new Map<string, { p: Partition; id: string; wake: Set<() => void> }>();
  readonly #queuedListeners = new Set<(job: JobRef) => void>();
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(store: Store, recheckMs = 1000) {
    this.#store = store;
    this.#recheckMs = recheckMs;
  }

  /** Resolves when the job is reported finished, or after `timeoutMs`. */
  waitFor(p: Partition, id: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const k = key(p, id);
      const entry = this.#waiters.get(k) ?? { p, id, wake: new Set<() => void>() };
      this.#waiters.set(k, entry);
      const done = () => {
        clearTimeout(timeout);
        entry.wake.delete(done);
        if (entry.wake.size === 0) this.#waiters.delete(k);
        if (this.#waiters.size === 0) this.#stopTimer();
        resolve();
      };
      const timeout = setTimeout(done, timeoutMs);
      entry.wake.add(done);
      this.#startTimer();
    });
  }

  notify(p: Partition, id: string): void {
    const entry = this.#waiters.get(key(p, id));
    for (const wake of [...(entry?.wake ?? [])]) wake();
  }

  /** Calls `listener` for each job queued in this process, after its transaction commits; returns an unsubscribe. */
  onQueued(listener: (job: JobRef) => void): () => void {
    this.#queuedListeners.add(listener);
    return () => void this.#queuedListeners.delete(listener);
  }

  queued(job: JobRef): void {
    for (const listener of [...this.#queuedListeners]) listener(job);
  }

  #startTimer(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.#recheck(), this.#recheckMs);
    // Never keeps a process alive on its own.
    (this.#timer as { unref?: () => void }).unref?.();
  }

  #stopTimer(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  async #recheck(): Promise<void> {
    for (const { p, id } of [...this.#waiters.values()]) {
      const job = await this.#store.jobs.getState(p, id).catch(() => null);
      if (job && FINISHED_JOB_STATUSES.includes(job.status)) this.notify(p, id);
    }
  }
}

const notifiers = new WeakMap<Store, JobNotifier>();

/** The notifier shared by the app and the workers of one store in this process. */
export function jobNotifier(store: Store): JobNotifier {
  let notifier = notifiers.get(store);
  if (!notifier) notifiers.set(store, (notifier = new JobNotifier(store)));
  return notifier;
}

/** The signals of a transaction still open: `notify` and `queued` wait for `flush`, after it commits. */
class HeldJobNotifier extends JobNotifier {
  readonly #base: JobNotifier;
  readonly #held: (() => void)[] = [];

  constructor(store: Store, base: JobNotifier) {
    super(store);
    this.#base = base;
  }

  override waitFor(p: Partition, id: string, timeoutMs: number): Promise<void> {
    return this.#base.waitFor(p, id, timeoutMs);
  }

  override onQueued(listener: (job: JobRef) => void): () => void {
    return this.#base.onQueued(listener);
  }

  override notify(p: Partition, id: string): void {
    this.#held.push(() => this.#base.notify(p, id));
  }

  override queued(job: JobRef): void {
    this.#held.push(() => this.#base.queued(job));
  }

  flush(): void {
    for (const signal of this.#held.splice(0)) signal();
  }
}

/**
 * Makes `scoped` (a store whose writes commit with a transaction of `base` still open) share
 * `base`'s notifier, holding its signals back until the returned function is called after the
 * commit: a worker told of a job before its row is visible would find nothing and go back to sleep.
 *
 * @example
 * const release = holdJobSignals(requestStore, store); // …commit…; release();
 */
export function holdJobSignals(scoped: Store, base: Store): () => void {
  const held = new HeldJobNotifier(scoped, jobNotifier(base));
  notifiers.set(scoped, held);
  return () => held.flush();
}
