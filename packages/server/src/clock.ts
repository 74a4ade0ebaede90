/** Time as the server sees it; injectable so tests can move it (idempotency TTL, key expiry). */
export interface Clock {
  now(): Date;
}

/**
 * The wall clock.
 *
 * @example
 * const app = createApp({ store, clock: systemClock });
 */
export const systemClock: Clock = { now: () => new Date() };
