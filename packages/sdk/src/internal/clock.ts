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

export interface Deadline {
  /** Aborts with the parent's reason, or with `onTimeout()` when the time is up. */
  signal: AbortSignal;
  /** Stops the timer and detaches from the parent; call when the guarded work is done. */
  done(): void;
}

/**
 * One signal for "the caller aborted OR the time ran out", built on the injected clock
 * (`AbortSignal.timeout`/`any` would use real timers that tests cannot control).
 */
export function deadline(
  parent: AbortSignal | undefined,
  timeoutMs: number,
  clock: Clock,
  reasons: { onAbort: (reason: unknown) => unknown; onTimeout: () => unknown },
): Deadline {
  const controller = new AbortController();
  const onParentAbort = () => controller.abort(reasons.onAbort(parent!.reason));
  const handle = Number.isFinite(timeoutMs)
    ? clock.setTimeout(() => controller.abort(reasons.onTimeout()), Math.max(0, timeoutMs))
    : undefined;
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  return {
    signal: controller.signal,
    done() {
      if (handle !== undefined) clock.clearTimeout(handle);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}

/**
 * Settles with `promise`, or rejects with the signal's reason as soon as it aborts, even when
 * the work (an injected `fetch`, say) ignores the signal it was given.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
