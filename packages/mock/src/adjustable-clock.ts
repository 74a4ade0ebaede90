import { systemClock, type Clock } from '@nexuscommerce/server';

/** A clock that runs with another and can be moved ahead of it (back only by `reset`). */
export interface AdjustableClock extends Clock {
  /** How far ahead of the underlying clock this one is, in milliseconds. */
  readonly offsetMs: number;
  /** Moves the clock `ms` forward; returns the new time. */
  advance(ms: number): Date;
  /** Back to the underlying clock's time: only for a fresh store, which holds no later times. */
  reset(): void;
}

/**
 * The real time (or `base`) plus whatever `advance` added: jobs slowed by `jobTakes`, webhook
 * retries and idempotency windows move with it, without a test having to freeze time.
 *
 * @example
 * const clock = adjustableClock();
 * const mock = createMockApi({ clock });
 * clock.advance(5 * 60_000); // the next webhook retry is due
 */
export function adjustableClock(base: Clock = systemClock): AdjustableClock {
  let offsetMs = 0;
  return {
    now: () => new Date(base.now().getTime() + offsetMs),
    get offsetMs() {
      return offsetMs;
    },
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance(ms) moves the clock forward: ms must be 0 or more, got ${ms}.`);
      offsetMs += ms;
      return new Date(base.now().getTime() + offsetMs);
    },
    reset() {
      offsetMs = 0;
    },
  };
}
