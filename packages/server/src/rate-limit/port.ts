/** One window's verdict for one request. */
export interface WindowResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Milliseconds until the window resets. */
  resetInMs: number;
}

/**
 * Counts requests per key in fixed windows. Memory in one process (and in the browser mock);
 * Redis when several API processes share the limits.
 *
 * @example
 * const [minute] = await limiter.consume('key_1', [{ points: 60, durationSeconds: 60 }]);
 */
export interface RateLimiter {
  consume(key: string, windows: { points: number; durationSeconds: number }[]): Promise<WindowResult[]>;
}

/** Anything shaped like rate-limiter-flexible's limiters (memory, Redis, …). */
export interface FlexibleLimiter {
  consume(key: string, points?: number): Promise<{ remainingPoints: number; msBeforeNext: number }>;
}

/**
 * Adapts rate-limiter-flexible limiters (one per window size) to the port. It rejects with a
 * result object when the limit is spent; that is a verdict, not a failure.
 *
 * @example
 * const limiter = fromFlexible((points, duration) => new RateLimiterRedis({ storeClient, points, duration }));
 */
export function fromFlexible(make: (points: number, durationSeconds: number) => FlexibleLimiter): RateLimiter {
  const limiters = new Map<string, FlexibleLimiter>();
  const limiterFor = (points: number, duration: number) => {
    const id = `${points}/${duration}`;
    let limiter = limiters.get(id);
    if (!limiter) limiters.set(id, (limiter = make(points, duration)));
    return limiter;
  };
  return {
    consume: (key, windows) =>
      Promise.all(
        windows.map(async ({ points, durationSeconds }) => {
          const limiter = limiterFor(points, durationSeconds);
          const scoped = `${key}:${durationSeconds}`;
          try {
            const res = await limiter.consume(scoped);
            return { allowed: true, limit: points, remaining: res.remainingPoints, resetInMs: res.msBeforeNext };
          } catch (rejection) {
            if (rejection instanceof Error) throw rejection;
            const res = rejection as { msBeforeNext: number };
            return { allowed: false, limit: points, remaining: 0, resetInMs: res.msBeforeNext };
          }
        }),
      ),
  };
}
