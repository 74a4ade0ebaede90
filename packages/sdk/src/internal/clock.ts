/**
 * Time as the SDK sees it. Injectable so tests can jump over backoffs and deadlines
 * instead of waiting for them (and never assert on real elapsed time).
 */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Resolves after `ms`, or rejects with the signal's reason the moment it aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined, clock: Clock): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    let handle: unknown;
    const onAbort = () => {
      clock.clearTimeout(handle);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    // The signal may have fired while the timer was being set up.
    if (signal?.aborted) clock.clearTimeout(handle);
  });
}

/** What a deadline rejects with: the caller's abort (given its reason) or the time running out. */
export interface DeadlineReasons {
  onAbort(reason: unknown): unknown;
  onTimeout(): unknown;
}

/**
 * Runs `work` under one deadline: the caller's `parent` signal or `timeoutMs`, whichever ends
 * first, aborts the signal `work` gets and rejects at once, even if the work ignores its signal
 * (an injected `fetch`, say). One controller, one timer and one promise per call: this is on the
 * path of every request. The timer is the injected clock's, so tests control it
 * (`AbortSignal.timeout`/`any` would use real timers).
 */
export function withDeadline<T>(
  parent: AbortSignal | undefined,
  timeoutMs: number,
  clock: Clock,
  reasons: DeadlineReasons,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    const end = (reason: unknown) => {
      controller.abort(reason);
      reject(reason);
      done();
    };
    const onAbort = () => end(reasons.onAbort(parent!.reason));
    const timer = Number.isFinite(timeoutMs) ? clock.setTimeout(() => end(reasons.onTimeout()), Math.max(0, timeoutMs)) : undefined;
    const done = () => {
      if (timer !== undefined) clock.clearTimeout(timer);
      parent?.removeEventListener('abort', onAbort);
    };
    if (parent?.aborted) return onAbort();
    parent?.addEventListener('abort', onAbort, { once: true });
    work(controller.signal).then(
      (value) => {
        done();
        resolve(value);
      },
      (error: unknown) => {
        done();
        reject(error);
      },
    );
  });
}
