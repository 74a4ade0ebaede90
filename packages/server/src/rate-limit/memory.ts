// The deep import avoids the package index, which loads Node-only limiters (cluster, Redis, …).
import RateLimiterMemory from 'rate-limiter-flexible/lib/RateLimiterMemory.js';
import { fromFlexible, type RateLimiter } from './port.js';

/**
 * Per-process rate limits (rate-limiter-flexible's memory limiter); works in browsers too.
 *
 * @example
 * createApp({ store, config: { rateLimiter: createMemoryRateLimiter() } });
 */
export function createMemoryRateLimiter(): RateLimiter {
  return fromFlexible((points, duration) => new RateLimiterMemory({ points, duration }));
}
